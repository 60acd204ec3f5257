// One small driver interface for the two engines the endpoint runs on (ARCHITECTURE "server/"):
// PGlite, PostgreSQL compiled to WebAssembly in this process, and PostgreSQL itself through a
// pg Pool. Both speak the same SQL, so the rest of server/ is written once against this.

export type Row = Record<string, unknown>;

export interface Queryable {
  /** Runs one statement with `$1…` parameters and returns its rows. */
  query<R extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export type DatabaseEngine = 'pglite' | 'postgres';

/** Called with each payload sent on a channel by any process connected to the same database. */
export type NotificationListener = (payload: string) => void;

export interface Database extends Queryable {
  readonly engine: DatabaseEngine;
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * LISTEN on `channel`. `onGap` is called after the listening connection was lost and
   * re-established: notifications sent meanwhile are gone, so listeners must catch up by
   * reading the database. Resolves to a function that stops listening.
   */
  listen(channel: string, onNotification: NotificationListener, onGap?: () => void): Promise<() => Promise<void>>;
  /** NOTIFY outside a transaction (inside one, `SELECT pg_notify(...)` is delivered at commit). */
  notify(channel: string, payload: string): Promise<void>;
  close(): Promise<void>;
}

/** PostgreSQL's error code of a failed statement (for example 23505, a unique violation), if any. */
export function sqlStateOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
