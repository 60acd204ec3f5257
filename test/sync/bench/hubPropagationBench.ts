// Propagation through a venue hub (issue 17, item 4: "a check-in at desk A shows at desk B on the
// same LAN within 1 s at p99"): upstream on 127.0.0.1, its line to the hub cut (the internet is
// down), the hub on 127.0.0.2 over TLS with its pinned certificate, two desks paired with it by
// its pairing codes. Each check-in at desk A is timed from the call until it is in desk B's
// memory (through A's push, the hub's database and its live stream to B). Beside it, in the same
// run, the bare round trip over the same path: a desk's pinned HTTPS request to the hub (hello).
// Measurement only. Both desks run in this process on fake-indexeddb (RxDB's open-core limit
// allows two here); a desk of its own on Chromium's IndexedDB adds its write, measured in the
// checkIn section.
//
//   tsx test/sync/bench/hubPropagationBench.ts [--check-ins 200]      JSON on stdout
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { VenueData } from '../../../shared/schema/records';
import type { EndpointSettings } from '../../../main/sync/syncEndpoint';
import { SyncEndpoint } from '../../../main/sync/syncEndpoint';
import { startHub } from '../../../server/hub/startHub';
import { createHubCertificate } from '../../../server/hub/hubCertificate';
import { startCuttableProxy } from '../../server/cuttableProxy';
import { eventually, openTestDesk, startTestEndpoint, testDeskEpochMs, tinyVenue, venueOnEndpoint } from '../syncTestbed';
import type { TestDesk } from '../syncTestbed';
import type { Summary } from '../../bench/percentiles';
import { ratio, summarize } from '../../bench/percentiles';

export type HubPropagation = {
  checkIns: number;
  /** Desk A's check-in call until the entry is in desk B's memory. */
  propagation: Summary;
  /** The same desks' pinned HTTPS round trip to the hub (GET /sync/hello). */
  bareRoundTrip: Summary;
  p99Ratio: number;
};

/** The tiny venue with passes that do not run out in a benchmark. */
function benchVenue(): VenueData {
  const venue = tinyVenue('bench-hub');
  return { ...venue, passes: venue.passes.map((pass) => ({ ...pass, terms: { ...pass.terms, uses: 100_000 } })) };
}

export async function benchHubPropagation(options: { checkIns?: number; progress?: (line: string) => void } = {}): Promise<HubPropagation> {
  const count = options.checkIns ?? 200;
  const say = options.progress ?? (() => undefined);
  const closing: { close(): Promise<void> }[] = [];
  try {
    const venue = benchVenue();
    const upstream = await startTestEndpoint();
    closing.push(upstream);
    const [forHub] = await venueOnEndpoint(upstream, venue, ['hub']) as [EndpointSettings];
    const line = await startCuttableProxy(upstream.url);
    closing.push(line);
    const certificate = await createHubCertificate('127.0.0.2');
    const startedMs = Date.now();
    const hub = await startHub({
      database: { kind: 'pglite-memory' },
      host: '127.0.0.2',
      tls: { key: certificate.key, cert: certificate.cert },
      upstream: { url: line.url, token: forHub.token },
      now: () => testDeskEpochMs + (Date.now() - startedMs),
    });
    closing.push(hub);
    await eventually('the hub holds the venue', async () => (await hub.server.db.query<{ n: number }>("SELECT count(*)::int AS n FROM documents WHERE collection = 'passes'"))[0]!.n === venue.passes.length, 30_000);
    const pairing = async (name: string): Promise<EndpointSettings> => ({ url: hub.server.url, token: (await hub.server.admin.issueDevice(hub.venue.id, name)).token, certificate: certificate.fingerprint });
    const desks: TestDesk[] = [];
    for (const name of ['A', 'B']) {
      const desk = await openTestDesk({ deskId: name, venue });
      closing.push(desk);
      const paired = await desk.desk.call('pairEndpoint', await pairing(`door ${name}`));
      if (!('ok' in paired) || !paired.ok) throw new Error(`desk ${name} did not pair: ${JSON.stringify(paired)}`);
      await eventually(`desk ${name} caught up`, () => desk.desk.status('connected').sync.online && desk.desk.status('connected').sync.initial === null, 60_000);
      desks.push(desk);
    }
    const [a, b] = desks as [TestDesk, TestDesk];
    line.cut();
    say(`hub propagation: ${count} check-ins at desk A, each until desk B has it`);

    const propagation: number[] = [];
    for (let index = 0; index < count; index += 1) {
      const started = performance.now();
      const result = await a.desk.call('checkIn', { customerId: index % 2 === 0 ? 'c1' : 'c2', sessionId: null, confirmDuplicate: true });
      if (!('checkInId' in result)) throw new Error(`check-in ${index} refused: ${JSON.stringify(result)}`);
      const id = result.checkInId;
      while (!b.desk.context.memory.ledger.has(id)) await new Promise((resolve) => setImmediate(resolve));
      propagation.push(performance.now() - started);
    }

    const endpoint = new SyncEndpoint(await pairing('round trip'));
    const bare: number[] = [];
    for (let index = 0; index < count; index += 1) {
      const started = performance.now();
      const answer = await endpoint.hello();
      if (!answer.ok) throw new Error(`hello: ${answer.failure.message}`);
      bare.push(performance.now() - started);
    }
    const propagationSummary = summarize(propagation);
    const bareSummary = summarize(bare);
    return { checkIns: count, propagation: propagationSummary, bareRoundTrip: bareSummary, p99Ratio: ratio(propagationSummary.p99Ms, bareSummary.p99Ms) };
  } finally {
    for (const thing of closing.reverse()) await thing.close().catch(() => undefined);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { 'check-ins': { type: 'string', default: '200' } }, strict: true });
  console.log = console.error;
  const figures = await benchHubPropagation({ checkIns: Number(values['check-ins']), progress: (text) => process.stderr.write(`${text}\n`) });
  process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
}
