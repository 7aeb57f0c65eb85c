import pg from "pg";
import { parseIntoClientConfig } from "pg-connection-string";

/**
 * The one way to Postgres: a `pg` pool, SQL written by hand as `sql` templates (every value goes
 * as a parameter, never into the text), rows mapped by the store that asked for them, and
 * transactions that throw away a connection they could not roll back and retry a whole unit of
 * work when Postgres says two writers collided.
 */

/** A statement and its parameters; built with `sql`, nestable (`sql\`... ${fragment} ...\``). */
export class Sql {
  constructor(
    readonly strings: readonly string[],
    readonly values: readonly unknown[],
  ) {}

  /** The text with `$1, $2, …` placeholders and the flat list of parameters. */
  toQuery(): { text: string; values: unknown[] } {
    const values: unknown[] = [];
    const text = this.render(values);
    return { text, values };
  }

  private render(values: unknown[]): string {
    let text = this.strings[0]!;
    this.values.forEach((value, i) => {
      if (value instanceof Sql) text += value.render(values);
      else {
        values.push(value);
        text += `$${values.length}`;
      }
      text += this.strings[i + 1]!;
    });
    return text;
  }
}

/** A parameterised statement: `sql\`SELECT … WHERE id = ${id}\``. */
export function sql(strings: TemplateStringsArray, ...values: unknown[]): Sql {
  return new Sql(strings, values);
}

/** Nothing: the neutral fragment for optional clauses. */
sql.empty = new Sql([""], []);

/** Fragments one after the other with `separator` between them (`sql.join(sets, sql\`, \`)`). */
sql.join = (parts: readonly Sql[], separator: Sql): Sql =>
  parts.reduce((joined, part, i) => (i === 0 ? part : sql`${joined}${separator}${part}`), sql.empty);

/** What both the database and an open transaction can do. */
export interface Queryable {
  /** The rows of a statement; the caller maps them to its own types. */
  query<Row extends object>(statement: Sql): Promise<Row[]>;
  /** Runs a statement and returns how many rows it touched. */
  execute(statement: Sql): Promise<number>;
}

export interface TxOptions {
  /**
   * The work may be retried after a unique-key violation (23505): the collision is a race with
   * another writer (two first uses creating the same team, two ranks taken at once), and trying
   * again sees the winner's row. Off by default: elsewhere a duplicate key is the answer itself.
   */
  retryOnUniqueViolation?: boolean;
  /** How many times in all the work may run (default 6). */
  attempts?: number;
  /**
   * Commit by this time (ms since the epoch) or write nothing: waiting for a connection, each
   * statement (Postgres's statement_timeout) and the COMMIT itself are bounded by it, and past it
   * the transaction is rolled back and DeadlinePassed thrown. For an answer Slack waits for, which
   * must say truthfully whether the work was recorded.
   */
  deadline?: number;
}

/** The work was not committed in time, and nothing of it was written (see TxOptions.deadline). */
export class DeadlinePassed extends Error {
  constructor() {
    super("the transaction could not be committed in time; nothing was written");
  }
}

export interface DatabaseOptions {
  /** Connections in the pool. */
  max?: number;
  /** How long a caller waits for a free connection before failing. */
  connectionTimeoutMillis?: number;
}

/** SQLSTATEs that mean "two writers collided; the same work run again will go through". */
const SERIALIZATION_FAILURE = "40001";
const DEADLOCK = "40P01";
const UNIQUE_VIOLATION = "23505";
const QUERY_CANCELED = "57014";

const DEFAULT_ATTEMPTS = 6;

/** What a COMMIT is given, at least, before a deadline: past this margin it is not sent. */
const COMMIT_MARGIN_MS = 150;

export class Database implements Queryable {
  private constructor(readonly pool: pg.Pool) {}

  /**
   * A pool on `url` exactly as written: every parameter it carries (sslmode, application_name,
   * options, …) reaches each connection.
   */
  static fromUrl(url: string, options: DatabaseOptions = {}): Database {
    const pool = new pg.Pool({
      ...parseIntoClientConfig(url),
      max: options.max ?? 10,
      // A caller waiting for a connection fails after this rather than hang. Long enough for a
      // burst to be worked off: a vote that waits its turn is better than one refused.
      connectionTimeoutMillis: options.connectionTimeoutMillis ?? 30_000,
      types: { getTypeParser },
    });
    // An idle connection closed by the server (a restart, a dropped database) must not crash the
    // process; the pool drops it and the next query opens a new one.
    pool.on("error", () => undefined);
    return new Database(pool);
  }

  async query<Row extends object>(statement: Sql): Promise<Row[]> {
    return (await this.pool.query<Row>(statement.toQuery())).rows;
  }

  async execute(statement: Sql): Promise<number> {
    return (await this.pool.query(statement.toQuery())).rowCount ?? 0;
  }

  /**
   * Runs `work` in a transaction on one connection. A serialization failure or deadlock (and,
   * when the caller allows it, a unique-key race) runs the whole of `work` again, a few times,
   * after a short random pause so two colliding writers do not collide again in step. `work` must
   * therefore do nothing outside the database that it cannot do twice.
   *
   * A connection whose ROLLBACK fails, or that failed other than by Postgres refusing a statement,
   * is destroyed rather than returned to the pool: after an outage no later caller inherits it.
   */
  async tx<T>(work: (tx: Tx) => Promise<T>, options: TxOptions = {}): Promise<T> {
    const attempts = options.attempts ?? DEFAULT_ATTEMPTS;
    const { deadline } = options;
    for (let attempt = 1; ; attempt++) {
      const client = await this.connect(deadline);
      // The pool stops listening to a connection it has lent out; the server going away while
      // `work` is between statements must fail this transaction, not crash the process.
      const ignore = () => undefined;
      client.on("error", ignore);
      let failure: unknown;
      try {
        // With a deadline, Postgres cancels any statement still running when it comes (a lock
        // waited for, a slow disk): one round trip, the timeout local to this transaction.
        await client.query(
          deadline === undefined
            ? "BEGIN"
            : `BEGIN; SET LOCAL statement_timeout = ${Math.max(1, Math.floor(deadline - Date.now()))}`,
        );
        const result = await work(new Tx(client));
        // Not sent unless it can still be answered in time: a COMMIT under way cannot be taken back.
        if (deadline !== undefined && Date.now() > deadline - COMMIT_MARGIN_MS) throw new DeadlinePassed();
        await client.query("COMMIT");
        client.removeListener("error", ignore);
        client.release();
        return result;
      } catch (err) {
        failure = err;
      }
      const broken = await rollBack(client);
      client.removeListener("error", ignore);
      client.release(broken);
      if (deadline !== undefined && (failure instanceof DeadlinePassed || isStatementTimeout(failure)))
        throw new DeadlinePassed();
      if (attempt >= attempts || !retryable(failure, options)) throw failure;
      await pause(attempt);
    }
  }

  /** A connection from the pool; with a deadline, DeadlinePassed when none is free by then. */
  private async connect(deadline: number | undefined): Promise<pg.PoolClient> {
    if (deadline === undefined) return this.pool.connect();
    if (Date.now() >= deadline) throw new DeadlinePassed();
    const pending = this.pool.connect();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new DeadlinePassed()), Math.max(0, deadline - Date.now()));
    });
    try {
      return await Promise.race([pending, late]);
    } catch (err) {
      // The connection that comes later goes back to the pool unused.
      if (err instanceof DeadlinePassed)
        pending.then(
          (c) => c.release(),
          () => undefined,
        );
      throw err;
    } finally {
      clearTimeout(timer);
    }
  }

  /** True when Postgres answers a statement within `ms` (the readiness probe). */
  async answers(ms = 2_000): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), ms);
      timer.unref();
    });
    const probe = this.pool.query("SELECT 1").then(
      () => true,
      () => false,
    );
    try {
      return await Promise.race([probe, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    if (!this.pool.ended) await this.pool.end();
  }
}

/** The statements of one open transaction. */
export class Tx implements Queryable {
  constructor(private readonly client: pg.PoolClient) {}

  async query<Row extends object>(statement: Sql): Promise<Row[]> {
    return (await this.client.query<Row>(statement.toQuery())).rows;
  }

  async execute(statement: Sql): Promise<number> {
    return (await this.client.query(statement.toQuery())).rowCount ?? 0;
  }
}

/**
 * Rolls back after a failure. A connection that cannot even do that (the server went away, the
 * socket broke) is returned as the error to release it with, so the pool destroys it.
 */
async function rollBack(client: pg.PoolClient): Promise<Error | undefined> {
  try {
    await client.query("ROLLBACK");
    return undefined;
  } catch (err) {
    return err instanceof Error ? err : new Error(String(err));
  }
}

function retryable(err: unknown, options: TxOptions): boolean {
  if (!isDatabaseError(err)) return false;
  if (err.code === SERIALIZATION_FAILURE || err.code === DEADLOCK) return true;
  return err.code === UNIQUE_VIOLATION && options.retryOnUniqueViolation === true;
}

/** Postgres cancelled a statement at statement_timeout (57014 is also a cancel by request). */
function isStatementTimeout(err: unknown): boolean {
  return isDatabaseError(err) && err.code === QUERY_CANCELED;
}

/** An error Postgres sent (as opposed to one from the socket or the driver). */
export function isDatabaseError(err: unknown): err is pg.DatabaseError {
  return err instanceof pg.DatabaseError;
}

/** 5–20 ms, then up to 40, 80, … ms: short, jittered, so colliding writers fall out of step. */
function pause(attempt: number): Promise<void> {
  const ms = 5 * 2 ** attempt * (0.5 + Math.random());
  return new Promise((resolve) => setTimeout(resolve, ms));
}

const TIMESTAMP_WITHOUT_TIME_ZONE = 1114;

/**
 * Columns created by Prisma as `timestamp(3)` (no time zone) hold UTC, as Prisma wrote them; `pg`
 * would read them as local time.
 */
function getTypeParser(oid: number, format?: "text" | "binary"): (value: string) => unknown {
  if (oid === TIMESTAMP_WITHOUT_TIME_ZONE && format !== "binary")
    return (value) => new Date(`${value.replace(" ", "T")}Z`);
  return pg.types.getTypeParser(oid, format) as (value: string) => unknown;
}
