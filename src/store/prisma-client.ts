import { PrismaPg } from "@prisma/adapter-pg";
import { parse } from "pg-connection-string";
import { PrismaClient } from "../generated/prisma/client.ts";

export type Db = PrismaClient;

/**
 * Prisma Client 6.19 with the pg driver adapter (no native query engine). pg ignores the database
 * name when given a connectionString together with other fields, so the URL is split up here.
 */
export function createPrismaClient(databaseUrl: string, poolSize = 10): Db {
  const c = parse(databaseUrl);
  const adapter = new PrismaPg({
    host: c.host ?? "127.0.0.1",
    port: Number(c.port ?? 5432),
    user: c.user,
    password: c.password,
    database: c.database ?? undefined,
    max: poolSize,
  });
  return new PrismaClient({ adapter });
}
