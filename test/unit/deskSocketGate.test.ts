// The browser desk's sockets are checked before anything they send is read: a socket without
// the desk's secret is refused at the handshake and nothing more of it is read (a message of
// up to 512 MiB once reached main's memory before the secret was looked at); a socket with it
// may still send a venue file as one large message.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { WebSocket } from 'ws';
import { startDeskHttpServer } from '../../main/browser/deskHttpServer';
import type { DeskHttpServer } from '../../main/browser/deskHttpServer';

const MiB = 1024 * 1024;
let workDir = '';
let server: DeskHttpServer;
const logLines: string[] = [];

beforeAll(async () => {
  workDir = await mkdtemp(path.join(os.tmpdir(), 'desk-socket-gate-'));
  // No pages are needed: only the sockets are under test.
  server = await startDeskHttpServer({ port: 0, rendererDir: workDir, log: (line) => logLines.push(line) });
  server.apiBridge.handle(async (name, payload) => ({ ok: true, name, length: JSON.stringify(payload).length }));
});

afterAll(async () => {
  await server?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

/**
 * A peer that completes the WebSocket handshake and then sends one masked text frame of
 * `payloadBytes`, as fast as the socket takes it, without ever reading a close frame (an
 * attacker has no reason to). Resolves with how many bytes it could hand to the socket before
 * the server ended the connection, and whether the whole message went.
 */
function sendOneLargeMessage(pathAndQuery: string, payloadBytes: number): Promise<{ written: number; whole: boolean; answer: string }> {
  return new Promise((resolve, reject) => {
    const socket: Socket = connect({ host: '127.0.0.1', port: server.port });
    let written = 0;
    let answer = '';
    let finished = false;
    const done = (whole: boolean) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ written, whole, answer });
    };
    const timer = setTimeout(() => reject(new Error(`no end after ${written} bytes`)), 30_000);
    socket.on('error', () => done(false));
    socket.on('close', () => done(false));
    socket.on('data', (chunk) => { answer += chunk.toString('latin1'); });
    socket.on('connect', () => {
      socket.write([
        `GET ${pathAndQuery} HTTP/1.1`,
        `Host: 127.0.0.1:${server.port}`,
        `Origin: ${server.origin}`,
        'Upgrade: websocket',
        'Connection: Upgrade',
        `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
        'Sec-WebSocket-Version: 13',
        '', '',
      ].join('\r\n'));
      // A text frame, FIN set, 64-bit length, masked with a zero key (the payload is sent as is).
      const header = Buffer.alloc(14);
      header[0] = 0x81;
      header[1] = 0x80 | 127;
      header.writeBigUInt64BE(BigInt(payloadBytes), 2);
      const chunk = Buffer.alloc(MiB, 0x61);
      let left = payloadBytes;
      const pump = () => {
        while (!finished && left > 0) {
          const piece = left >= chunk.length ? chunk : chunk.subarray(0, left);
          left -= piece.length;
          const more = socket.write(piece, () => { written += piece.length; });
          if (!more) {
            socket.once('drain', pump);
            return;
          }
        }
        if (left === 0) socket.end(() => setTimeout(() => done(true), 200));
      };
      socket.write(header, pump);
    });
  });
}

describe('a socket without the secret', () => {
  it.each([
    ['the API socket, wrong secret', '/ws/api?s=wrong'],
    ['the API socket, no secret', '/ws/api'],
    ['the storage socket, wrong secret', '/ws/storage?s=wrong'],
  ])('%s: is refused at the handshake and closed before its 64 MiB message is read', async (_, pathAndQuery) => {
    const before = process.memoryUsage().arrayBuffers;
    const sent = await sendOneLargeMessage(pathAndQuery, 64 * MiB);
    // The handshake completes with a close frame of 4401, so that a page can say why.
    expect(sent.answer).toMatch(/^HTTP\/1\.1 101 /);
    expect(sent.answer).toContain(Buffer.from([0x88]).toString('latin1'));
    expect(sent.answer).toContain(Buffer.from([0x11, 0x31]).toString('latin1')); // 4401, big-endian
    // The server stopped reading: at most what the kernel's socket buffers hold went out.
    expect(sent.whole).toBe(false);
    expect(sent.written).toBeLessThan(16 * MiB);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(16 * MiB);
  });

  it('is still told why in a close code a page can read (4401)', async () => {
    const socket = new WebSocket(`ws://127.0.0.1:${server.port}/ws/api?s=wrong`, { origin: server.origin });
    const code = await new Promise<number>((resolve) => socket.once('close', (closeCode) => resolve(closeCode)));
    expect(code).toBe(4401);
  });
});

describe('a socket with the secret', () => {
  it('may send a venue file as one large message on the API socket, and is answered', async () => {
    const socket = new WebSocket(`ws://127.0.0.1:${server.port}/ws/api?s=${server.secret}`, { origin: server.origin });
    await new Promise((resolve, reject) => { socket.once('open', resolve); socket.once('error', reject); });
    const text = 'x'.repeat(24 * MiB);
    const answer = new Promise<unknown>((resolve) => socket.once('message', (data) => resolve(JSON.parse(String(data)))));
    socket.send(JSON.stringify({ id: 1, name: 'loadVenueFile', payload: { text } }));
    expect(await answer).toEqual({ id: 1, result: { ok: true, name: 'loadVenueFile', length: JSON.stringify({ text }).length } });
    socket.close();
  });
});

describe('tabs: the newest tab is the desk', () => {
  const open = (pathAndQuery: string) => new Promise<WebSocket>((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${server.port}${pathAndQuery}`, { origin: server.origin });
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
  const closeCode = (socket: WebSocket) => new Promise<number>((resolve) => {
    if (socket.readyState === socket.CLOSED) resolve(-1);
    socket.once('close', (code) => resolve(code));
  });

  it('closes every socket of the older tab with 4410 when another tab opens, refuses its reconnects, and leaves tools alone', async () => {
    const tabA = 'aaaaaaaaaaaaaaaa';
    const tabB = 'bbbbbbbbbbbbbbbb';
    const secret = `s=${server.secret}`;
    const apiA = await open(`/ws/api?${secret}&t=${tabA}`);
    const storageA = await open(`/ws/storage?${secret}&t=${tabA}`);
    const tool = await open(`/ws/api?${secret}`);
    const oddName = await open(`/ws/api?${secret}&t=${encodeURIComponent('not a tab name!')}`);
    const closedA = [closeCode(apiA), closeCode(storageA)];
    const apiB = await open(`/ws/api?${secret}&t=${tabB}`);
    expect(await Promise.all(closedA)).toEqual([4410, 4410]);
    expect(logLines.some((line) => line.includes('the desk was opened in another tab'))).toBe(true);
    // The old tab coming back is told again; the new one and the tools go on.
    const again = new WebSocket(`ws://127.0.0.1:${server.port}/ws/api?${secret}&t=${tabA}`, { origin: server.origin });
    expect(await closeCode(again)).toBe(4410);
    for (const socket of [apiB, tool, oddName]) expect(socket.readyState).toBe(socket.OPEN);
    // A reconnect of the live tab itself (a dropped socket, main started again) is no new tab.
    const apiB2 = await open(`/ws/api?${secret}&t=${tabB}`);
    expect(apiB.readyState).toBe(apiB.OPEN);
    for (const socket of [apiB, apiB2, tool, oddName]) socket.close();
  });
});
