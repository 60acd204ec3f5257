// An endpoint a desk pairs with but cannot sync from: an HTTP proxy on a loopback address that
// lets the hello through (the pairing's test call, and the clock's measure) and resets every
// other request, as a venue's internet link that drops out right after pairing. The desk is then
// offline with its first sync under way, for as long as the test likes; `open()` lets everything
// through from then on.
import { createServer, request } from 'node:http';
import type { Socket } from 'node:net';

export type HelloOnlyGate = {
  /** `http://host:port` of the gate: what the desk pairs with. */
  url: string;
  open(): void;
  close(): Promise<void>;
};

const HELLO = '/sync/hello';

export async function startHelloOnlyGate(target: string): Promise<HelloOnlyGate> {
  const upstream = new URL(target);
  const sockets = new Set<Socket>();
  let opened = false;
  const server = createServer((incoming, answer) => {
    const path = new URL(incoming.url ?? '/', upstream).pathname;
    if (!opened && path !== HELLO) {
      incoming.socket.destroy();
      return;
    }
    const forwarded = request({ host: upstream.hostname, port: upstream.port, method: incoming.method, path: incoming.url, headers: { ...incoming.headers, host: upstream.host } }, (reply) => {
      answer.writeHead(reply.statusCode ?? 502, reply.headers);
      reply.pipe(answer);
    });
    forwarded.on('error', () => incoming.socket.destroy());
    incoming.pipe(forwarded);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the gate got no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    open() {
      opened = true;
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
