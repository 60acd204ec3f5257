// The sync endpoint fuzzed with extreme but valid requests (issue 12, item 7), beside the bad
// ones of httpFuzz.ts: ledger entries with every field at an edge the schema allows (texts at
// their longest in the widest characters, the largest stamps and counters the endpoint takes,
// far-past and far-future instants), the largest push a desk may send (1,000 such entries, each
// with its assumed master state) under the real body limits, the deepest nesting a body may
// have, a pull from the largest seq, devices of a venue whose id is as long as it may be. Each
// must be answered as a success, store exactly what was sent, and leave /healthz answering.
import fc from 'fast-check';
import { ledgerEntrySchema } from '../../shared/schema/records';
import { isDeskId } from '../../shared/rules/hybridLogicalClock';
import type { SyncServer } from '../../server/startSyncServer';
import { startSyncServer } from '../../server/startSyncServer';
import { canonicalJson } from '../../server/sync/canonicalJson';
import type { FuzzOptions, FuzzReport, Refused } from './fuzzRun';
import { expectThat, runFuzz, shortly } from './fuzzRun';
import { deepestAssumedState, extremeDate, extremeHlc, extremeInstant, textAtMost, widestCheckIn, widestText } from './extremeValues';

const ADMIN_TOKEN = 'fuzz-admin-token-0123456789abcdefghijklmnop';
const NOW_MS = Date.parse('2026-03-10T07:55:00Z');
/** A venue id at its longest (200 units), in characters that take 9 once percent-encoded in a URL. */
const VENUE_ID = `v-${widestText(198)}`;

type ExtremeRequest =
  | { kind: 'push'; rule: string; entries: Record<string, unknown>[]; assumed: 'none' | 'entry' | 'deepest' }
  | { kind: 'pull'; rule: string; seq: number; limit: number }
  | { kind: 'device'; rule: string; name: string };

function extremeEntry(serial: () => number): fc.Arbitrary<Record<string, unknown>> {
  const base = fc.record({
    passId: textAtMost(200), customerId: textAtMost(200).filter((text) => text.length > 0), 
    deskId: textAtMost(200).filter(isDeskId), // A desk id is printable text (shared/rules/hybridLogicalClock.ts).
    staff: textAtMost(200), reason: textAtMost(500), at: extremeInstant(NOW_MS),
  });
  const kinds = fc.oneof(
    fc.record({ kind: fc.constant('check-in'), sessionId: textAtMost(200), charged: fc.boolean(), bookingId: textAtMost(200), venueDay: extremeDate() }),
    fc.record({ kind: fc.constant('undo-check-in'), sessionId: textAtMost(200), checkInId: textAtMost(200).filter((text) => text.length > 0) }),
    fc.record({ kind: fc.constant('expiry-override'), sessionId: fc.constant(''), expiry: fc.oneof(extremeDate().map((date) => ({ kind: 'fixed', date })), fc.constantFrom(1, 3650).map((days) => ({ kind: 'relative', days }))) }),
    fc.record({ kind: fc.constant('uses-override'), sessionId: fc.constant(''), total: fc.constantFrom(0, 100_000) }),
    fc.record({ kind: fc.constant('revoke'), sessionId: fc.constant('') }),
  );
  return fc.tuple(base, kinds, fc.constantFrom(1, 199)).chain(([fields, kind, idLength]) => extremeHlc(NOW_MS, fields.deskId).map((hlc) => {
    const unique = `${serial()}-`;
    return { id: unique + 'i'.repeat(Math.max(0, idLength - unique.length)), venueId: VENUE_ID, ...fields, ...kind, hlc };
  }));
}

function extremeRequest(serial: () => number): fc.Arbitrary<ExtremeRequest> {
  return fc.oneof(
    { weight: 8, arbitrary: fc.tuple(fc.array(extremeEntry(serial), { minLength: 1, maxLength: 5 }), fc.constantFrom('none' as const, 'entry' as const, 'deepest' as const))
      .map(([entries, assumed]): ExtremeRequest => ({ kind: 'push', rule: `a push of ${entries.length} entries at the edges (assumed state: ${assumed})`, entries, assumed })) },
    { weight: 1, arbitrary: fc.constant(null).map((): ExtremeRequest => ({
      kind: 'push', rule: 'the largest push: 1,000 entries with every text at its longest in 3-byte characters, each with its assumed master state',
      entries: Array.from({ length: 1_000 }, () => widestCheckIn(VENUE_ID, serial(), NOW_MS)), assumed: 'entry',
    })) },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom(0, Number.MAX_SAFE_INTEGER), fc.constantFrom(1, 10_000)).map(([seq, limit]): ExtremeRequest => ({ kind: 'pull', rule: `a pull from seq ${seq}, limit ${limit}`, seq, limit })) },
    { weight: 1, arbitrary: textAtMost(200).filter((name) => name.length > 0 && !name.includes('\u0001')).map((name): ExtremeRequest => ({ kind: 'device', rule: 'a device with the longest name, of the venue with the longest id', name })) },
  );
}

type Running = { server: SyncServer; token: string };

async function startExtremeServer(): Promise<Running> {
  // The real limits: what is sized for the largest legitimate request must take it.
  const server = await startSyncServer({ database: { kind: 'pglite-memory' }, adminToken: ADMIN_TOKEN, now: () => NOW_MS, summaryRefreshMs: 0 });
  try {
    await server.admin.createVenue({ id: VENUE_ID, timeZone: 'Pacific/Kiritimati', name: widestText(200) });
    const device = await server.admin.issueDevice(VENUE_ID, widestText(200));
    return { server, token: device.token };
  } catch (error) {
    await server.close();
    throw error;
  }
}

export async function fuzzExtremes(options: FuzzOptions): Promise<FuzzReport> {
  const running = await startExtremeServer();
  let serial = 0;
  const serials = () => (serial += 1);
  const { app, db } = running.server;
  const check = async (request: ExtremeRequest): Promise<Refused> => {
    const what = request.rule;
    switch (request.kind) {
      case 'push': {
        for (const entry of request.entries) {
          const valid = ledgerEntrySchema.safeParse(entry);
          expectThat(valid.success, () => `${what}: the generator made an invalid entry: ${shortly(valid.error?.issues)}`);
        }
        const rows = request.entries.map((entry) => ({
          newDocumentState: { ...entry, _deleted: false },
          ...(request.assumed === 'entry' ? { assumedMasterState: { ...entry, _deleted: false } } : request.assumed === 'deepest' ? { assumedMasterState: deepestAssumedState() } : {}),
        }));
        const payload = JSON.stringify({ rows });
        const response = await app.inject({ method: 'POST', url: '/sync/ledger/push', headers: { authorization: `Bearer ${running.token}`, 'content-type': 'application/json' }, payload });
        expectThat(response.statusCode === 200, () => `${what} (${payload.length.toLocaleString('en-GB')} characters): HTTP ${response.statusCode}: ${response.body.slice(0, 400)}`);
        expectThat(canonicalJson(JSON.parse(response.body)) === canonicalJson({ conflicts: [] }), () => `${what}: answered ${response.body.slice(0, 300)}`);
        const stored = await db.query<{ id: string; body: unknown }>(`SELECT id, body FROM documents WHERE venue_id = $1 AND collection = 'ledger' AND id = ANY($2)`, [VENUE_ID, request.entries.map((entry) => entry.id)]);
        const byId = new Map(stored.map((row) => [row.id, row.body]));
        for (const entry of request.entries) {
          const body = byId.get(entry.id as string);
          const kept = typeof body === 'string' ? JSON.parse(body) as unknown : body;
          expectThat(kept !== undefined && canonicalJson(kept) === canonicalJson(entry), () => `${what}: entry ${String(entry.id).slice(0, 40)} stored as ${shortly(kept)}, not ${shortly(entry)}`);
        }
        // A thousand of the largest entries are 7 MB: gone again, so that 1,000 runs of the soak stay small.
        if (request.entries.length > 100) {
          await db.query(`DELETE FROM documents WHERE venue_id = $1 AND collection = 'ledger' AND id = ANY($2)`, [VENUE_ID, request.entries.map((entry) => entry.id)]);
          await db.exec('VACUUM documents');
        }
        break;
      }
      case 'pull': {
        const response = await app.inject({ method: 'GET', url: `/sync/ledger/pull?seq=${request.seq}&limit=${request.limit}`, headers: { authorization: `Bearer ${running.token}` } });
        expectThat(response.statusCode === 200, () => `${what}: HTTP ${response.statusCode}: ${response.body.slice(0, 300)}`);
        break;
      }
      case 'device': {
        const response = await app.inject({
          method: 'POST', url: `/admin/venues/${encodeURIComponent(VENUE_ID)}/devices`,
          headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' }, payload: JSON.stringify({ name: request.name }),
        });
        expectThat(response.statusCode === 201, () => `${what}: HTTP ${response.statusCode}: ${response.body.slice(0, 300)}`);
        break;
      }
    }
    const health = await app.inject({ method: 'GET', url: '/healthz' });
    expectThat(health.statusCode === 200, () => `${what}: /healthz then answered ${health.statusCode}`);
    return { error: `accepted: ${request.kind}` };
  };
  try {
    return await runFuzz('extremes', extremeRequest(serials), check, options);
  } finally {
    await running.server.close();
  }
}
