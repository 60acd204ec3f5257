// POST /sync/pair: a venue hub's short pairing code claimed over HTTP. A wrong proof counts like
// a wrong token against the address's limit, so a ten-letter code is guessed no faster than a token.
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncServer } from '../../server/startSyncServer';
import { startSyncServer } from '../../server/startSyncServer';
import { createHubCertificate } from '../../server/hub/hubCertificate';
import { hmacHex } from '../../server/hub/pairingOffers';
import { deskProofMessage, hubProofMessage, pairingAuthorization, readHubCode } from '../../shared/sync/hubPairingCode';

const servers: SyncServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

const venue = { id: 'v1', timeZone: 'Europe/London' };
const claim = (server: SyncServer, authorization: string) => server.app.inject({ method: 'POST', url: '/sync/pair', headers: { authorization } });
const wrongClaim = () => pairingAuthorization(randomBytes(16).toString('hex'), '0'.repeat(64));

describe('claiming a short pairing code', () => {
  it('the right proof gets a working device token and the hub proof; wrong proofs are counted with wrong tokens and then refused as too many', { timeout: 180_000 }, async () => {
    const certificate = await createHubCertificate('127.0.0.1');
    const server = await startSyncServer({ database: { kind: 'pglite-memory' }, tls: { key: certificate.key, cert: certificate.cert }, failedAuthLimit: { max: 3, windowMs: 60_000 } });
    servers.push(server);
    await server.admin.createVenue(venue);
    const shown = server.pairing!.offer(venue.id, 'Door 2');
    const nonce = randomBytes(16).toString('hex');
    const code = readHubCode(shown.code)!;
    const answer = await claim(server, pairingAuthorization(nonce, hmacHex(code, deskProofMessage(certificate.fingerprint, nonce))));
    expect(answer.statusCode).toBe(200);
    const { token, proof } = answer.json() as { token: string; proof: string };
    expect(proof).toBe(hmacHex(code, hubProofMessage(certificate.fingerprint, nonce, token)));
    const hello = await server.app.inject({ method: 'GET', url: '/sync/hello', headers: { authorization: `Bearer ${token}` } });
    expect(hello.json()).toMatchObject({ venue: { id: 'v1' } });
    expect((await server.admin.listDevices(venue.id)).map((device) => device.name)).toContain('Door 2');

    for (let i = 0; i < 3; i += 1) expect((await claim(server, wrongClaim())).json()).toMatchObject({ error: 'invalid-pairing-code' });
    expect((await claim(server, wrongClaim())).json()).toMatchObject({ error: 'too-many-failed-attempts' });
  });

  it('an endpoint without TLS shows no codes: the route is not there', async () => {
    const server = await startSyncServer({ database: { kind: 'pglite-memory' } });
    servers.push(server);
    expect((await claim(server, wrongClaim())).json()).toMatchObject({ error: 'not-found' });
  });
});
