// A fetch for a venue hub (SPEC "The venue's network": desks talk to the hub over TLS with its
// pinned certificate). The hub's certificate is self-signed, so no authority vouches for it:
// the desk trusts exactly the one whose fingerprint the pairing code gave. The TLS connection is
// made and the certificate compared before the request is written, so a wrong or changed
// certificate gets nothing, not even the device token. Node's global fetch cannot be told this
// (its TLS options are undici's, not a dependency here), so this is node:https behind fetch's
// shape, streaming the answer (the live stream reads it as it comes).
import { Agent, request } from 'node:https';
import type { AgentOptions } from 'node:https';
import { connect } from 'node:tls';
import type { TLSSocket } from 'node:tls';
import type { Duplex } from 'node:stream';
import { Readable } from 'node:stream';
import type { FetchFunction } from '../../shared/sync/syncEndpoint';
import { UntrustedCertificateError } from '../../shared/sync/syncEndpoint';

class PinnedAgent extends Agent {
  constructor(private readonly pinned: string, options: AgentOptions) {
    super(options);
  }

  // Node's Agent waits for the callback when this returns nothing: the request is written only
  // to a socket whose certificate was compared.
  override createConnection(options: AgentOptions & { host?: string; port?: number; servername?: string }, callback: (error: Error | null, socket: Duplex) => void): Duplex | undefined {
    const socket: TLSSocket = connect({ ...options, rejectUnauthorized: false });
    const failed = (error: Error) => callback(error, socket);
    socket.once('error', failed);
    socket.once('secureConnect', () => {
      socket.off('error', failed);
      const shown = socket.getPeerCertificate()?.fingerprint256 ?? null;
      if (shown !== this.pinned) {
        socket.destroy();
        callback(new UntrustedCertificateError(`https://${options.host ?? ''}:${options.port ?? ''}`, shown, this.pinned), socket);
        return;
      }
      callback(null, socket);
    });
    return undefined;
  }
}

/** Requests only to a server showing the certificate `fingerprint` (SHA-256, as fingerprint256). */
export function pinnedFetch(fingerprint: string): FetchFunction {
  const agent = new PinnedAgent(fingerprint.toUpperCase(), { keepAlive: true });
  return (url, init) => new Promise<Response>((resolve, reject) => {
    const target = new URL(url);
    if (target.protocol !== 'https:') {
      reject(new UntrustedCertificateError(url, null, fingerprint));
      return;
    }
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, name) => {
      headers[name] = value;
    });
    const outgoing = request(target, { method: init.method ?? 'GET', headers, agent, ...(init.signal ? { signal: init.signal } : {}) }, (incoming) => {
      const answerHeaders = new Headers();
      for (const [name, value] of Object.entries(incoming.headers)) {
        if (value === undefined) continue;
        for (const one of Array.isArray(value) ? value : [value]) answerHeaders.append(name, one);
      }
      const status = incoming.statusCode ?? 0;
      const noBody = status === 204 || status === 304 || init.method === 'HEAD';
      if (noBody) incoming.resume();
      resolve(new Response(noBody ? null : (Readable.toWeb(incoming) as ReadableStream<Uint8Array>), { status, headers: answerHeaders }));
    });
    outgoing.once('error', (error) => {
      if (error instanceof UntrustedCertificateError) reject(error);
      // As fetch does: a timeout or an abort is the signal's reason, anything else "fetch failed".
      else if (init.signal?.aborted) reject(init.signal.reason);
      else reject(new TypeError('fetch failed', { cause: error }));
    });
    if (typeof init.body === 'string') outgoing.end(init.body);
    else outgoing.end();
  });
}
