// A change to one pass, drafted on screen before it is saved (SPEC: "They need to see the
// consequence of a change before they save it"). The consequence is computed by the shared
// rules main uses to save (`extendExpiryBy`, `previewExpiryOverride`, `previewUsesOverride`,
// `refuseExpiryOverride`, `refuseUsesOverride`), from the pass's tally: what the screen shows
// is what the command will store.
import type { ExpiryOverride } from '../../shared/schema/records';
import { calendarDateSchema, relativeDaysSchema, totalUsesSchema } from '../../shared/schema/records';
import type { PassState, PassTally } from '../../shared/rules/passState';
import type { OverrideRefusal } from '../../shared/rules/overrides';
import {
  extendExpiryBy, previewExpiryOverride, previewUsesOverride, refuseExpiryOverride, refuseUsesOverride,
} from '../../shared/rules/overrides';
import type { MessageId, MessageValues, Saying } from '../../shared/i18n/catalogs';
import { venueDayOf } from '../../shared/rules/venueTime';
import type { DateEntryFormat } from './dateEntry';
import { parseEnteredDate } from './dateEntry';

/** Amounts are the text of their field, as typed: "1" on the way to "14" is a draft too. */
export type Draft =
  | { kind: 'extend'; days: string }
  | { kind: 'set-days'; days: string }
  /** `date` as typed, in the venue's way; `confirmedPast`: staff confirmed a date already gone. */
  | { kind: 'fixed'; date: string; confirmedPast?: boolean }
  | { kind: 'uses'; total: string }
  | { kind: 'revoke' };

export type DraftKind = Draft['kind'];
export type DraftSection = 'expiry' | 'uses' | 'revoke';

export function sectionOf(draft: Draft): DraftSection {
  return draft.kind === 'uses' ? 'uses' : draft.kind === 'revoke' ? 'revoke' : 'expiry';
}

/** What saving would send, or why it cannot be saved (the words for the field). */
export type Consequence =
  | {
    kind: 'expiry'; override: ExpiryOverride; after: PassState; sum: { from: number; by: number; to: number } | null;
    /** A fixed date before today: the pass expires at once, so saving asks for a confirmation first. */
    expiresAtOnce: boolean;
  }
  | { kind: 'uses'; total: number; after: PassState }
  | { kind: 'revoke' }
  | { kind: 'refused'; section: DraftSection; problem: Saying; code: OverrideRefusal | null; incomplete: boolean };

/** "Extend by 1 / 2 / 4 weeks" are one key each: the keys are the weeks. */
export const quickExtensions = [
  { key: '1', days: 7, weeks: 1 },
  { key: '2', days: 14, weeks: 2 },
  { key: '4', days: 28, weeks: 4 },
] as const;

const say = (id: MessageId, values?: MessageValues): Saying => (values ? { id, values } : { id });

const refused = (section: DraftSection, problem: Saying, code: OverrideRefusal | null = null): Consequence =>
  ({ kind: 'refused', section, problem, code, incomplete: false });

/** A field still empty: nothing to save yet, and nothing wrong either. */
const incomplete = (section: DraftSection, prompt: Saying): Consequence =>
  ({ kind: 'refused', section, problem: prompt, code: null, incomplete: true });

export function refusalProblem(code: OverrideRefusal, used: number): Saying {
  return code === 'total-below-used' ? say('adjust.totalBelowUsed', { used }) : say(`error.${code}`);
}

/** A whole number typed into a field, or null while it is not one. */
export function wholeNumberOf(text: string): number | null {
  return /^\s*\d{1,7}\s*$/.test(text) ? Number(text) : null;
}

export function consequenceOf(draft: Draft, tally: PassTally, state: PassState, timeZone: string, nowMs: number, dates: DateEntryFormat): Consequence {
  const section = sectionOf(draft);
  if (draft.kind === 'revoke') return state.revoked ? refused(section, say('adjust.alreadyRevoked'), 'pass-revoked') : { kind: 'revoke' };
  if (draft.kind === 'uses') {
    if (state.revoked) return refused(section, refusalProblem('pass-revoked', state.used), 'pass-revoked');
    if (draft.total.trim() === '') return incomplete(section, say('adjust.typeTotal'));
    const total = wholeNumberOf(draft.total);
    if (total === null) return refused(section, say('adjust.totalWhole'));
    const refusal = refuseUsesOverride(state, total);
    if (refusal) return refused(section, refusalProblem(refusal, state.used), refusal);
    if (!totalUsesSchema.safeParse(total).success) return refused(section, say('adjust.totalRange', { max: 100_000 }));
    return { kind: 'uses', total, after: previewUsesOverride(tally, total, timeZone, nowMs) };
  }
  const refusal = refuseExpiryOverride(state);
  if (refusal) return refused(section, refusalProblem(refusal, state.used), refusal);
  let override: ExpiryOverride;
  let sum: { from: number; by: number; to: number } | null = null;
  switch (draft.kind) {
    case 'extend': {
      if (draft.days.trim() === '') return incomplete(section, say('adjust.typeExtendDays'));
      const days = wholeNumberOf(draft.days);
      if (days === null || days < 1) return refused(section, say('adjust.extendDaysWhole'));
      const extended = extendExpiryBy(tally.expiryRule, days);
      if (extended === null) return refused(section, say('adjust.neverExpires'));
      override = extended;
      // SPEC: "The number entered is the whole timeframe ... 30 days ... extended by 14 days, is overridden to 44 days."
      if (tally.expiryRule.kind === 'relative' && extended.kind === 'relative') sum = { from: tally.expiryRule.days, by: days, to: extended.days };
      break;
    }
    case 'set-days': {
      if (draft.days.trim() === '') return incomplete(section, say('adjust.typeTimeframe'));
      const days = wholeNumberOf(draft.days);
      if (days === null) return refused(section, say('adjust.timeframeWhole'));
      override = { kind: 'relative', days };
      break;
    }
    case 'fixed': {
      if (draft.date.trim() === '') return incomplete(section, say('adjust.typeDate', { pattern: dates.words }));
      const date = parseEnteredDate(draft.date, dates);
      if (date === null || !calendarDateSchema.safeParse(date).success) {
        return refused(section, say('adjust.dateAs', { pattern: dates.words, example: dates.example }));
      }
      override = { kind: 'fixed', date };
      break;
    }
  }
  if (override.kind === 'relative' && !relativeDaysSchema.safeParse(override.days).success) {
    return refused(section, say('adjust.timeframeRange', { min: 1, max: 3650 }));
  }
  const expiresAtOnce = override.kind === 'fixed' && override.date < venueDayOf(nowMs, timeZone);
  return { kind: 'expiry', override, after: previewExpiryOverride(tally, override, timeZone, nowMs), sum, expiresAtOnce };
}

/** "Take one away" / "give one back" from the total in the draft (or on the pass). */
export function stepUses(draft: Draft | null, state: PassState, step: -1 | 1): Draft | null {
  const drafted = draft?.kind === 'uses' ? wholeNumberOf(draft.total) : null;
  const base = drafted ?? state.total;
  if (base === null) return null; // unlimited: there is no count to step
  return { kind: 'uses', total: String(Math.max(0, base + step)) };
}
