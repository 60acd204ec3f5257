// A pass's history in people's words, for the screen and for the CSV export: what happened,
// and what it changed (before → after). Pure (the words of the desk's language are a
// parameter), so both read the same.
import type { HistoryItem, HistorySnapshot } from '../../shared/rules/passHistory';
import type { CsvValue } from '../export/csv';
import type { Words } from '../words';

export function historyWhat(words: Words, item: Pick<HistoryItem, 'kind' | 'charged'>): string {
  if (item.kind === 'check-in' && item.charged === false) return words.t('history.attendanceOnly');
  return words.t(`history.${item.kind}`);
}

function badgeOf(words: Words, snapshot: HistorySnapshot): string {
  const overdrawnBy = snapshot.remaining !== null && snapshot.remaining < 0 ? -snapshot.remaining : 0;
  return words.passBadgeWords({ status: snapshot.status, overdrawnBy });
}

/** A whole snapshot: "active · total 23 · 5 used · 18 uses left · expires 3 Mar 2026". */
export function snapshotWords(words: Words, snapshot: HistorySnapshot): string {
  const { t } = words;
  return [
    badgeOf(words, snapshot), t('history.total', { total: words.totalWords(snapshot.total) }), t('history.used', { used: snapshot.used }),
    words.usesLeftWords(snapshot.remaining), words.expiryWords(snapshot.expiresOn),
  ].join(' · ');
}

/** Only what changed: "total 23 → 22 · 18 uses left → 17 uses left". */
export function changeWords(words: Words, item: Pick<HistoryItem, 'before' | 'after'>): string {
  const { t } = words;
  const { before, after } = item;
  if (before === null) return snapshotWords(words, after);
  const changes: string[] = [];
  const change = (from: string, to: string) => changes.push(`${from} → ${to}`);
  if (badgeOf(words, before) !== badgeOf(words, after)) change(badgeOf(words, before), badgeOf(words, after));
  if (before.total !== after.total) changes.push(t('history.totalChange', { from: words.totalWords(before.total), to: words.totalWords(after.total) }));
  if (before.used !== after.used) changes.push(t('history.usedChange', { from: before.used, to: after.used }));
  if (before.remaining !== after.remaining) change(words.usesLeftWords(before.remaining), words.usesLeftWords(after.remaining));
  if (before.expiresOn !== after.expiresOn) change(words.expiryWords(before.expiresOn), words.expiryWords(after.expiresOn));
  return changes.length === 0 ? t('history.noChange') : changes.join(' · ');
}

export function historyCsvHeader(words: Words): string[] {
  return (['when', 'what', 'change', 'before', 'after', 'staff', 'desk', 'session', 'reason', 'entry'] as const).map((column) => words.t(`csv.${column}`));
}

/** One row per history item, oldest first, as the ledger was written. */
export function historyCsvRows(words: Words, items: readonly HistoryItem[], timeZone: string): CsvValue[][] {
  return items.map((item) => [
    words.instantWords(item.at, timeZone),
    historyWhat(words, item),
    changeWords(words, item),
    item.before === null ? '' : snapshotWords(words, item.before),
    snapshotWords(words, item.after),
    whoWords(words, item),
    item.deskId ?? '',
    item.sessionId ?? '',
    item.reason,
    item.id,
  ]);
}

/** Who acted: the person signed in, and who authorised it when a manager stepped up. */
export function whoWords(words: Words, item: Pick<HistoryItem, 'staff' | 'authorisedBy'>): string {
  const staff = item.staff ?? '';
  return item.authorisedBy ? words.t('history.authorisedBy', { staff: staff || '—', by: item.authorisedBy }) : staff;
}
