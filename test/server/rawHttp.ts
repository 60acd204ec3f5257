// HTTP/1.1 by hand, for the attacks fetch cannot make: a body sent slowly or never finished,
// a malformed request line, headers too large. The answer is read until the server closes
// the connection (or the wait ends).
import { connect } from 'node:net';
import type { Socket } from 'node:net';

export type RawAnswer = {
  /** null when nothing came back before the connection ended or the wait ran out. */
  status: number | null;
  headers: Record<string, string>;
  body: string;
  /** Whether the server closed the connection within the wait. */
  closed: boolean;
  /** Milliseconds from the first byte sent to the answer (or to the end of the wait). */
  answeredAfterMs: number;
};

export type RawConnection = {
  socket: Socket;
  send(text: string | Buffer): boolean;
  /** Resolves once the server closes the connection, or after `waitMs`. */
  answer(waitMs: number): Promise<RawAnswer>;
};

export async function openRaw(url: string): Promise<RawConnection> {
  const { hostname, port } = new URL(url);
  const socket = connect({ host: hostname, port: Number(port) });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  socket.on('error', () => undefined);
  const started = performance.now();
  const chunks: Buffer[] = [];
  let answeredAt: number | null = null;
  let closed = false;
  socket.on('data', (chunk: Buffer) => {
    answeredAt ??= performance.now();
    chunks.push(chunk);
  });
  const ended = new Promise<void>((resolve) => socket.once('close', () => {
    closed = true;
    resolve();
  }));
  return {
    socket,
    send: (text) => (socket.writable ? socket.write(text) : false),
    async answer(waitMs) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([ended, new Promise<void>((resolve) => {
        timer = setTimeout(resolve, waitMs);
      })]);
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString('utf8');
      const at = answeredAt ?? performance.now();
      if (!closed) socket.destroy();
      return { ...parseAnswer(text), closed, answeredAfterMs: at - started };
    },
  };
}

function parseAnswer(text: string): Pick<RawAnswer, 'status' | 'headers' | 'body'> {
  const headEnd = text.indexOf('\r\n\r\n');
  if (headEnd < 0) return { status: null, headers: {}, body: text };
  const [statusLine = '', ...headerLines] = text.slice(0, headEnd).split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? NaN);
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  let body = text.slice(headEnd + 4);
  if (headers['transfer-encoding'] === 'chunked') body = unchunk(body);
  return { status: Number.isNaN(status) ? null : status, headers, body };
}

function unchunk(text: string): string {
  let out = '';
  let rest = text;
  for (;;) {
    const lineEnd = rest.indexOf('\r\n');
    if (lineEnd < 0) return out;
    const size = Number.parseInt(rest.slice(0, lineEnd), 16);
    if (!size) return out;
    out += rest.slice(lineEnd + 2, lineEnd + 2 + size);
    rest = rest.slice(lineEnd + 2 + size + 2);
  }
}

/** Sends a request's head (and optionally the start of its body) and waits for what comes back. */
export async function rawRequest(url: string, head: string, options: { body?: string; waitMs?: number } = {}): Promise<RawAnswer> {
  const connection = await openRaw(url);
  connection.send(head + (options.body ?? ''));
  return connection.answer(options.waitMs ?? 5_000);
}

export function requestHead(method: string, path: string, headers: Record<string, string>): string {
  return `${method} ${path} HTTP/1.1\r\nhost: 127.0.0.1\r\n${Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('')}\r\n`;
}
