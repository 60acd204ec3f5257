// Issue 12: an own entry the endpoint refused as stamped ahead of its clock, which the desk
// could not re-time (the endpoint's time could not be read), is never held silently: the review
// list names it with why, in words for door staff, until it is sent.
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { withPairedDesk } from './venueEndpoint';

const dayMs = 86_400_000;

/** In front of the endpoint: after the first hello (pairing), hellos are answered 503 while `helloDown`. */
async function helloBlockingProxy(target: string) {
  const state = { hellos: 0, helloDown: true };
  const targetUrl = new URL(target);
  const proxy = createServer((incoming, answer) => {
    if (incoming.url?.includes('/sync/hello') && (state.hellos += 1) > 1 && state.helloDown) {
      answer.writeHead(503, { 'content-type': 'application/json' }).end('{"error":"unavailable"}');
      return;
    }
    const forwarded = request({ host: targetUrl.hostname, port: targetUrl.port, path: incoming.url, method: incoming.method, headers: incoming.headers }, (reply) => {
      answer.writeHead(reply.statusCode ?? 502, reply.headers);
      reply.pipe(answer);
    });
    forwarded.on('error', () => answer.destroy());
    incoming.pipe(forwarded);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
    state,
    close: () => new Promise<void>((resolve) => {
      proxy.close(() => resolve());
      // The desk is still open and keeps its connections: closing waits for none of them.
      proxy.closeAllConnections();
    }),
  };
}

test('a check-in the server refused for a wrong clock, which the desk could not correct, is listed for review with why until it is sent', async () => {
  // Once the venue is imported, the server's clock is a day behind this computer's: this desk's clock is a day fast.
  let skewMs = 0;
  await withPairedDesk({ endpointPort: 4977, deskPort: 4978, now: () => Date.now() + skewMs, pair: false }, async ({ page, api, endpoint, settings }) => {
    skewMs = -dayMs;
    const { venue } = endpoint;
    const proxy = await helloBlockingProxy(endpoint.url);
    try {
      const customer = venue.data.customers[0]!;
      // Made before pairing: stamped by this computer's clock, a day ahead of the server's.
      expect(await api.call('checkIn', { customerId: customer.id, sessionId: null, confirmDuplicate: true })).toMatchObject({ answered: true, result: { ok: true } });
      expect(await api.call('pairEndpoint', { ...settings, url: proxy.url })).toMatchObject({ answered: true, result: { ok: true } });
      // The venue has two items of its own to review (an overdrawn pass, a double check-in); this is the third.
      await expect(page.getByTestId('review-toggle')).toContainText('3 need review');
      await page.keyboard.press('F8');
      const list = page.getByTestId('review-list');
      await expect(list).toContainText(`${customer.name}: A check-in at`);
      await expect(list).toContainText("is not sent to the server yet: it was saved while this computer's clock was wrong, and the server's time could not be read to correct it. It counts on this desk; the desk keeps trying.");
      await page.screenshot({ path: 'test-results/entry-not-sent/review.png' });
      // The server's time can be read again: the check-in is corrected, sent, and no longer listed.
      proxy.state.helloDown = false;
      await expect(list).not.toContainText('is not sent to the server yet', { timeout: 30_000 });
      await expect(page.getByTestId('review-toggle')).toContainText('2 need review');
      await page.screenshot({ path: 'test-results/entry-not-sent/review-after.png' });
    } finally {
      await proxy.close();
    }
  });
});
