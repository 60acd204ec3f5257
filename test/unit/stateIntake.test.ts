// The one way into the desk's state (main/state/stateIntake.ts): whatever the source, an entry
// is taken once by id, its stamp followed by the clock within ε, and one the desk cannot use is
// set aside and counted; before it, each source wrote memory its own way (a snapshot page's
// entry with a stamp no clock can hold went into memory, uncounted).
import { describe, expect, it } from 'vitest';
import type { LedgerEntry } from '../../shared/schema/records';
import { CLOCK_SKEW_BOUND_MS, formatHlc, parseHlc } from '../../shared/rules/hybridLogicalClock';
import type { DeskDatabase } from '../../main/db/deskDatabase';
import { DeskContext } from '../../main/state/deskContext';
import type { IntakeSource } from '../../main/state/stateIntake';
import { VenueMemory } from '../../main/state/venueMemory';
import { aCheckIn, aUsesOverride } from './rules/build';

const nowMs = Date.parse('2026-03-10T12:00:00Z');

function aDesk(): DeskContext {
  // The intake reads and writes memory only: no database is opened.
  return new DeskContext(null as unknown as DeskDatabase, new VenueMemory('A'), { deskId: 'A', staff: 'Sam' }, () => nowMs);
}

/** The wall time of the stamp this desk would give its next change. */
const nextWall = (desk: DeskContext) => parseHlc(desk.nextHlc(desk.now())).wallMs;

const sources: IntakeSource[] = ['on disk', 'written', 'venue file', 'snapshot'];

describe('the intake: every source the same way', () => {
  it.each(sources)('%s: an entry is taken once by id, and the clock follows its stamp', (source) => {
    const desk = aDesk();
    const later = nowMs + 60_000;
    const entry = aCheckIn({ id: 'e1', passId: 'p1', hlc: formatHlc({ wallMs: later, counter: 3 }, 'B') });
    expect(desk.intake.ledgerEntry(entry, source)).toBe(true);
    expect(desk.intake.ledgerEntry({ ...entry }, source)).toBe(false);
    expect(desk.memory.entriesOf('p1')).toHaveLength(1);
    expect(desk.memory.summaryOf('p1')?.charged.has('e1')).toBe(true);
    expect(nextWall(desk)).toBe(later);
  });

  it.each(sources)('%s: a stamp far ahead moves the clock no more than ε past this desk\'s time', (source) => {
    const desk = aDesk();
    const farAhead = aCheckIn({ id: 'e2', hlc: formatHlc({ wallMs: nowMs + 30 * 24 * 3_600_000, counter: 0 }, 'B') });
    desk.intake.ledgerEntry(farAhead, source);
    expect(nextWall(desk)).toBeLessThanOrEqual(nowMs + CLOCK_SKEW_BOUND_MS);
  });

  it.each(sources)('%s: an entry whose stamp no clock can hold is set aside and counted, not taken', (source) => {
    const desk = aDesk();
    const broken: LedgerEntry = { ...aCheckIn({ id: 'e3', passId: 'p3' }), hlc: '99999999999999999:000000:B' };
    expect(desk.intake.ledgerEntry(broken, source)).toBe(false);
    expect(desk.memory.ledger.has('e3')).toBe(false);
    expect(desk.setAside.count).toBe(1);
    expect(nextWall(desk)).toBe(nowMs);
  });

  it.each(sources)('%s: a summary is taken with its overrides\' stamps followed, or set aside whole', (source) => {
    const desk = aDesk();
    const override = aUsesOverride(5, { passId: 'p4', hlc: formatHlc({ wallMs: nowMs + 1_000, counter: 0 }, 'B') });
    const record = { passId: 'p4', charged: [], undone: [], expiryOverride: null, usesOverride: { hlc: override.hlc, id: override.id, total: 5 }, revoked: false };
    expect(desk.intake.summary(record, source)).toBe(true);
    expect(desk.memory.summaryOf('p4')?.usesOverride?.total).toBe(5);
    expect(nextWall(desk)).toBe(nowMs + 1_000);
    expect(desk.intake.summary({ ...record, passId: 'p5', usesOverride: { ...record.usesOverride, hlc: 'not a stamp' } }, source)).toBe(false);
    expect(desk.memory.summaryOf('p5')).toBeUndefined();
    expect(desk.setAside.count).toBe(1);
  });

  it('this desk\'s own entry is taken without moving its clock, and its change event after it is a no-op', () => {
    const desk = aDesk();
    const own = aCheckIn({ id: 'mine', passId: 'p6', deskId: 'A', hlc: desk.nextHlc(desk.now()) });
    const next = parseHlc(desk.nextHlc(desk.now()));
    desk.intake.ownEntry(own);
    expect(desk.intake.ledgerEntry(own, 'written')).toBe(false);
    expect(desk.memory.recentCheckIns.map((entry) => entry.id)).toEqual(['mine']);
    expect(parseHlc(desk.nextHlc(desk.now())).counter).toBe(next.counter + 1);
  });

  it('a record that throws is set aside by the guard, not thrown', () => {
    const desk = aDesk();
    const take = desk.intake.guarded<{ id: string }>('on disk', 'customer', () => {
      throw new Error('not a customer');
    });
    expect(() => take({ id: 'c1' })).not.toThrow();
    expect(desk.setAside.count).toBe(1);
  });
});
