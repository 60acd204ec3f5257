// PostgreSQL through node-postgres: a Pool for queries and transactions, and one dedicated
// connection per LISTEN (a pooled connection would be handed to other queries and lose it).
// This is how several server processes on one database behave as one (issue 4 item 5): a
// change committed through any of them is announced by PostgreSQL to all of them.
import pg from 'pg';
import type { Database, Queryable, Row } from './database';

const INT8_OID = 20;

// int8 (the change sequence, counts) as a JS number: 2^53 changes are out of reach.
const typeParsers = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => oid === INT8_OID && format !== 'binary'
    ? (text: string) => Number(text)
    : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

const RECONNECT_FIRST_MS = 500;
const RECONNECT_MAX_MS = 15_000;

export type PostgresOptions = {
  url: string;
  /** Connections for queries; the LISTEN connection comes on top. */
  poolSize?: number;
  onListenError?: (error: Error) => void;
};

export async function openPostgresDatabase(options: PostgresOptions): Promise<Database> {
  const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10, types: typeParsers });
  // An idle pooled connection that dies (the database restarted) must not crash the process:
  // the pool drops it and the next query opens a new one.
  pool.on('error', (error) => options.onListenError?.(error));
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end();
    throw error;
  }
  return new PostgresDatabase(pool, options);
}

class PostgresDatabase implements Database {
  readonly engine = 'postgres' as const;
  private readonly listeners = new Set<ChannelListener>();

  constructor(private readonly pool: pg.Pool, private readonly options: PostgresOptions) {}

  async query<R extends Row = Row>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
    return (await this.pool.query<R>(sql, [...params])).rows;
  }

  async exec(sql: string): Promise<void> {
    await this.pool.query(sql);
  }

  async transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await work({
        query: async <R extends Row = Row>(sql: string, params: readonly unknown[] = []) => (await client.query<R>(sql, [...params])).rows,
        exec: async (sql: string) => void (await client.query(sql)),
      });
      await client.query('COMMIT');
      return result;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch (rollbackFailure) {
        // The connection itself is gone: it must not go back into the pool.
        broken = rollbackFailure instanceof Error ? rollbackFailure : new Error(String(rollbackFailure));
      }
      throw error;
    } finally {
      client.release(broken);
    }
  }

  async listen(channel: string, onNotification: (payload: string) => void, onGap?: () => void): Promise<() => Promise<void>> {
    const listener = new ChannelListener(this.options, channel, onNotification, onGap ?? (() => undefined));
    await listener.start();
    this.listeners.add(listener);
    return async () => {
      this.listeners.delete(listener);
      await listener.stop();
    };
  }

  async notify(channel: string, payload: string): Promise<void> {
    await this.pool.query('SELECT pg_notify($1, $2)', [channel, payload]);
  }

  async close(): Promise<void> {
    await Promise.all([...this.listeners].map((listener) => listener.stop()));
    this.listeners.clear();
    await this.pool.end();
  }
}

/** One LISTEN connection that comes back after it is lost, and says so (`onGap`). */
class ChannelListener {
  private client: pg.Client | null = null;
  private stopped = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private retryMs = RECONNECT_FIRST_MS;

  constructor(
    private readonly options: PostgresOptions,
    private readonly channel: string,
    private readonly onNotification: (payload: string) => void,
    private readonly onGap: () => void,
  ) {}

  async start(): Promise<void> {
    const client = new pg.Client({ connectionString: this.options.url });
    client.on('notification', (message) => {
      if (message.channel === this.channel) this.onNotification(message.payload ?? '');
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('the LISTEN connection ended')));
    await client.connect();
    await client.query(`LISTEN ${pg.escapeIdentifier(this.channel)}`);
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.retryMs = RECONNECT_FIRST_MS;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = null;
    if (client) await client.end().catch(() => undefined);
  }

  private lost(client: pg.Client, error: Error): void {
    if (this.stopped || this.client !== client) return;
    this.client = null;
    this.options.onListenError?.(error);
    client.end().catch(() => undefined);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.start().then(
        // Whatever was announced while no one listened is lost: readers catch up from the table.
        () => this.onGap(),
        (error: unknown) => {
          this.options.onListenError?.(error instanceof Error ? error : new Error(String(error)));
          this.retryMs = Math.min(this.retryMs * 2, RECONNECT_MAX_MS);
          this.scheduleReconnect();
        },
      );
    }, this.retryMs);
    this.retryTimer.unref();
  }
}
