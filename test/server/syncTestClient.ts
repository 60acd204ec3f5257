// A desk's side of the wire, as small as the tests need: pull, push and the SSE stream over
// real HTTP, plus a ledger entry builder with overrides.
import type { LedgerEntry } from '../../shared/schema/records';
import type { StreamMessage } from '../../shared/schema/syncContract';

export const ADMIN_TOKEN = 'test-admin-token-0123456789abcdefghijklmnopqrstuvwxyz';

export type Reply<T = unknown> = { status: number; body: T };

export class SyncTestClient {
  constructor(readonly url: string, readonly token: string | null) {}

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return this.token ? { authorization: `Bearer ${this.token}`, ...extra } : extra;
  }

  async get<T = Record<string, unknown>>(path: string): Promise<Reply<T>> {
    const response = await fetch(`${this.url}${path}`, { headers: this.headers() });
    return { status: response.status, body: (await response.json()) as T };
  }

  async post<T = Record<string, unknown>>(path: string, body: string, contentType = 'application/json'): Promise<Reply<T>> {
    const response = await fetch(`${this.url}${path}`, { method: 'POST', headers: this.headers({ 'content-type': contentType }), body });
    return { status: response.status, body: (await response.json()) as T };
  }

  pull(collection: string, query: Record<string, string | number> = {}): Promise<Reply<{ documents: Record<string, unknown>[]; checkpoint: { seq: number; id: string } | null; error?: string }>> {
    const search = new URLSearchParams(Object.entries(query).map(([key, value]): [string, string] => [key, String(value)]));
    return this.get(`/sync/${collection}/pull${search.size > 0 ? `?${search}` : ''}`);
  }

  push(entries: readonly Record<string, unknown>[], collection = 'ledger'): Promise<Reply<{ conflicts?: Record<string, unknown>[]; error?: string; message?: string; problems?: { path: string; index?: number; field?: string }[] }>> {
    const rows = entries.map((entry) => ({ newDocumentState: { ...entry, _deleted: false } }));
    return this.post(`/sync/${collection}/push`, JSON.stringify({ rows }));
  }

  /** Pulls a collection to the end from `seq`, returning every document and the last checkpoint. */
  async pullAll(collection: string, limit = 100, from = 0): Promise<{ documents: Record<string, unknown>[]; seq: number }> {
    const documents: Record<string, unknown>[] = [];
    let seq = from;
    for (;;) {
      const { status, body } = await this.pull(collection, { seq, limit });
      if (status !== 200) throw new Error(`pull answered ${status}: ${JSON.stringify(body)}`);
      documents.push(...body.documents);
      if (body.checkpoint) seq = body.checkpoint.seq;
      if (body.documents.length < limit) return { documents, seq };
    }
  }

  async openStream(): Promise<EventStream> {
    const controller = new AbortController();
    const response = await fetch(`${this.url}/sync/stream`, { headers: this.headers(), signal: controller.signal });
    return new EventStream(response, controller);
  }
}

/** The messages (and comments) of one SSE response, awaited one by one. */
export class EventStream {
  readonly status: number;
  readonly comments: string[] = [];
  private readonly messages: StreamMessage[] = [];
  private waiting: (() => void) | null = null;
  private done = false;
  readonly ended: Promise<void>;

  constructor(response: Response, private readonly controller: AbortController) {
    this.status = response.status;
    this.ended = this.read(response).finally(() => {
      this.done = true;
      this.waiting?.();
    });
  }

  private async read(response: Response): Promise<void> {
    if (!response.body) return;
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true });
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          for (const line of block.split('\n')) {
            if (line.startsWith('data: ')) this.messages.push(JSON.parse(line.slice(6)) as StreamMessage);
            else if (line.startsWith(':')) this.comments.push(line.slice(1).trim());
          }
          this.waiting?.();
          end = buffer.indexOf('\n\n');
        }
      }
    } catch (error) {
      if ((error as Error).name !== 'AbortError') throw error;
    }
  }

  get isEnded(): boolean {
    return this.done;
  }

  /** The next message, or null when the stream ended first or `timeoutMs` passed. */
  async next(timeoutMs = 10_000): Promise<StreamMessage | null> {
    const deadline = Date.now() + timeoutMs;
    while (this.messages.length === 0 && !this.done && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, deadline - Date.now());
        this.waiting = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.waiting = null;
    }
    return this.messages.shift() ?? null;
  }

  /** Messages until the ledger documents with these ids have all arrived. */
  async untilDocuments(ids: readonly string[], timeoutMs = 10_000): Promise<StreamMessage[]> {
    const missing = new Set(ids);
    const seen: StreamMessage[] = [];
    const deadline = Date.now() + timeoutMs;
    while (missing.size > 0) {
      const message = await this.next(Math.max(1, deadline - Date.now()));
      if (!message) throw new Error(`stream: still waiting for ${[...missing].join(', ')}`);
      seen.push(message);
      if (message.kind === 'changes') for (const document of message.documents) missing.delete((document as { id: string }).id);
    }
    return seen;
  }

  close(): void {
    this.controller.abort();
  }
}

let entryNumber = 0;

/** A valid check-in of venue `venueId`; override any field. */
export function checkInEntry(venueId: string, overrides: Partial<Record<keyof LedgerEntry | 'charged' | 'bookingId' | 'venueDay', unknown>> = {}): Record<string, unknown> {
  entryNumber += 1;
  const wallMs = 1_769_932_500_000 + entryNumber * 1000;
  return {
    id: `entry-${process.pid}-${entryNumber}`,
    venueId,
    kind: 'check-in',
    passId: 'x1',
    customerId: 'c1',
    sessionId: '',
    deskId: 'desk-1',
    staff: 'Maya',
    reason: '',
    at: new Date(wallMs).toISOString(),
    hlc: `${String(wallMs).padStart(15, '0')}:000000:desk-1`,
    charged: true,
    bookingId: '',
    venueDay: '2026-02-01',
    ...overrides,
  };
}

let venueNumber = 0;

/** A venue id no other test of this file uses. */
export function freshVenueId(label: string): string {
  venueNumber += 1;
  return `${label}-${venueNumber}`;
}
