// Prisma 7's CLI downloads a native schema engine, which these machines cannot reach. Prisma 6.19 with
// the JavaScript (wasm) engine and a driver adapter runs offline (engine "js" below: nothing is downloaded).
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";
import { parse } from "pg-connection-string";

// Prisma 6.19 reads env("DATABASE_URL") in schema.prisma even for `prisma generate`, which needs no
// database; without a value it falls back to downloading a native engine. A placeholder keeps
// `npm install` offline; commands that do need the database still require the real variable.
const databaseUrl = process.env.DATABASE_URL;
process.env.DATABASE_URL ??= "postgresql://placeholder@127.0.0.1:5432/placeholder";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  engine: "js",
  experimental: { adapter: true },
  async adapter() {
    const url = databaseUrl;
    if (!url)
      throw new Error("DATABASE_URL must be set for the Prisma CLI (the bot sets it itself at start-up)");
    // A connectionString makes pg ignore the database name: give discrete fields.
    const c = parse(url);
    return new PrismaPg({
      host: c.host ?? "127.0.0.1",
      port: Number(c.port ?? 5432),
      user: c.user,
      password: c.password,
      database: c.database ?? undefined,
    });
  },
});
