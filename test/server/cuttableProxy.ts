// The venue's internet link in a test: a TCP proxy on a loopback address between a hub (or a
// desk) and upstream that can be cut (open connections reset, new ones dropped at once),
// restored, and slowed.
import { createConnection, createServer } from 'node:net';
import type { Socket } from 'node:net';

export type CuttableProxy = {
  /** `http://host:port` of the proxy. */
  url: string;
  cut(): void;
  restore(): void;
  /** Every new connection waits this long before it is joined to upstream. */
  delayMs: number;
  close(): Promise<void>;
};

export async function startCuttableProxy(target: string, host = '127.0.0.3'): Promise<CuttableProxy> {
  const upstream = new URL(target);
  const open = new Set<Socket>();
  let isCut = false;
  const server = createServer((client) => {
    if (isCut) {
      client.destroy();
      return;
    }
    open.add(client);
    client.on('close', () => open.delete(client));
    client.on('error', () => client.destroy());
    client.pause();
    setTimeout(() => {
      if (isCut || client.destroyed) {
        client.destroy();
        return;
      }
      const line = createConnection({ host: upstream.hostname, port: Number(upstream.port) }, () => client.resume());
      open.add(line);
      line.on('close', () => {
        open.delete(line);
        client.destroy();
      });
      line.on('error', () => line.destroy());
      client.on('close', () => line.destroy());
      client.pipe(line);
      line.pipe(client);
    }, proxy.delayMs);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the proxy got no port');
  const proxy: CuttableProxy = {
    url: `http://${host}:${address.port}`,
    delayMs: 0,
    cut() {
      isCut = true;
      for (const socket of open) socket.destroy();
    },
    restore() {
      isCut = false;
    },
    close() {
      proxy.cut();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
  return proxy;
}
