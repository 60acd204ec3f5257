// A pass's history in people's words, for the screen and for the CSV export: what happened,
// and what it changed (before → after). Pure, so both read the same.
import type { HistoryItem, HistoryKind, HistorySnapshot } from '../../shared/rules/passHistory';
import type { CsvValue } from '../export/csv';
import { dateWords, instantWords, passBadgeWords, totalWords, usesLeftWords } from '../words';

const kindWords: Record<HistoryKind, string> = {
  purchase: 'Bought',
  'booking-redemption': 'Booked, paid with it',
  'check-in': 'Checked in, one use',
  'undo-check-in': 'Check-in undone',
  'expiry-override': 'Expiry changed',
  'uses-override': 'Uses changed',
  revoke: 'Revoked',
};

export function historyWhat(item: Pick<HistoryItem, 'kind' | 'charged'>): string {
  if (item.kind === 'check-in' && item.charged === false) return 'Checked in, attendance only';
  return kindWords[item.kind];
}

function badgeOf(snapshot: HistorySnapshot): string {
  const overdrawnBy = snapshot.remaining !== null && snapshot.remaining < 0 ? -snapshot.remaining : 0;
  return passBadgeWords({ status: snapshot.status, overdrawnBy });
}

function expiresWords(expiresOn: string | null): string {
  return expiresOn === null ? 'no expiry date' : `expires ${dateWords(expiresOn)}`;
}

/** A whole snapshot: "active · total 23 · 5 used · 18 uses left · expires 3 Mar 2026". */
export function snapshotWords(snapshot: HistorySnapshot): string {
  return [badgeOf(snapshot), `total ${totalWords(snapshot.total)}`, `${snapshot.used} used`, usesLeftWords(snapshot.remaining), expiresWords(snapshot.expiresOn)].join(' · ');
}

/** Only what changed: "total 23 → 22 · 18 uses left → 17 uses left". */
export function changeWords(item: Pick<HistoryItem, 'before' | 'after'>): string {
  const { before, after } = item;
  if (before === null) return snapshotWords(after);
  const changes: string[] = [];
  if (badgeOf(before) !== badgeOf(after)) changes.push(`${badgeOf(before)} → ${badgeOf(after)}`);
  if (before.total !== after.total) changes.push(`total ${totalWords(before.total)} → ${totalWords(after.total)}`);
  if (before.used !== after.used) changes.push(`used ${before.used} → ${after.used}`);
  if (before.remaining !== after.remaining) changes.push(`${usesLeftWords(before.remaining)} → ${usesLeftWords(after.remaining)}`);
  if (before.expiresOn !== after.expiresOn) changes.push(`${expiresWords(before.expiresOn)} → ${expiresWords(after.expiresOn)}`);
  return changes.length === 0 ? 'no change to the pass' : changes.join(' · ');
}

export const historyCsvHeader = ['When', 'What', 'Change', 'Before', 'After', 'Staff', 'Desk', 'Session', 'Reason', 'Entry'];

/** One row per history item, oldest first, as the ledger was written. */
export function historyCsvRows(items: readonly HistoryItem[], timeZone: string): CsvValue[][] {
  return items.map((item) => [
    instantWords(item.at, timeZone),
    historyWhat(item),
    changeWords(item),
    item.before === null ? '' : snapshotWords(item.before),
    snapshotWords(item.after),
    whoWords(item),
    item.deskId ?? '',
    item.sessionId ?? '',
    item.reason,
    item.id,
  ]);
}

/** Who acted: the person signed in, and who authorised it when a manager stepped up. */
export function whoWords(item: Pick<HistoryItem, 'staff' | 'authorisedBy'>): string {
  const staff = item.staff ?? '';
  return item.authorisedBy ? `${staff || '—'}, authorised by ${item.authorisedBy}` : staff;
}
