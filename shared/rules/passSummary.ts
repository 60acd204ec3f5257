// What a pass's ledger entries add up to, kept in a form that more entries can be added to
// later, in any order, again or not: the clock-free half of the pass state fold
// (shared/rules/passState.ts). A desk holds one per pass instead of every past entry, and a
// new desk receives them from the endpoint before the history itself (docs/architecture.md,
// "Pass summaries").
//
// Adding is a union of sets, so it is exact whatever was added before: a check-in already
// counted is not counted again (it is kept by id), an undo that arrives before its check-in
// still cancels it, the override with the greatest hybrid logical clock stamp wins wherever
// it arrives, and a revocation is final.
import type { ExpiryOverride, LedgerEntry, PassSummaryRecord } from '../schema/records';

type Stamped = { hlc: string; id: string };
export type ExpiryOverrideMark = Stamped & { expiry: ExpiryOverride };
export type UsesOverrideMark = Stamped & { total: number };

export class PassSummary {
  /** Charged check-ins not undone: id → instant. */
  readonly charged = new Map<string, string>();
  /** Check-ins undone (their check-in may arrive later, or never). */
  readonly undone = new Set<string>();
  expiryOverride: ExpiryOverrideMark | null = null;
  usesOverride: UsesOverrideMark | null = null;
  revoked = false;

  /** Adds one entry of this pass; true when the summary changed. */
  add(entry: LedgerEntry): boolean {
    switch (entry.kind) {
      case 'check-in':
        if (!entry.charged || this.undone.has(entry.id) || this.charged.has(entry.id)) return false;
        this.charged.set(entry.id, entry.at);
        return true;
      case 'undo-check-in':
        if (this.undone.has(entry.checkInId)) return false;
        this.undone.add(entry.checkInId);
        this.charged.delete(entry.checkInId);
        return true;
      case 'expiry-override':
        return this.takeExpiry({ hlc: entry.hlc, id: entry.id, expiry: entry.expiry });
      case 'uses-override':
        return this.takeUses({ hlc: entry.hlc, id: entry.id, total: entry.total });
      case 'revoke':
        if (this.revoked) return false;
        this.revoked = true;
        return true;
    }
  }

  /** Whether a charged check-in, undone or not, is one of this pass's. */
  chargedOrUndone(checkInId: string): boolean {
    return this.charged.has(checkInId) || this.undone.has(checkInId);
  }

  /**
   * Whether an entry of this pass may be one already summed up here: its effect is in the
   * summary (its check-in counted or undone, its undo made, it or a later override the winning
   * one, the pass revoked). An attendance-only check-in leaves no mark, so it may always be. A
   * new entry's effect is not in it, so a desk need not look for a new entry in its history
   * (the guard of local history, main/sync/ledgerHistoryGuard.ts).
   */
  mayHold(entry: LedgerEntry): boolean {
    switch (entry.kind) {
      case 'check-in': return this.chargedOrUndone(entry.id) || !entry.charged;
      case 'undo-check-in': return this.undone.has(entry.checkInId);
      case 'expiry-override': return this.expiryOverride !== null && this.expiryOverride.hlc >= entry.hlc;
      case 'uses-override': return this.usesOverride !== null && this.usesOverride.hlc >= entry.hlc;
      case 'revoke': return this.revoked;
    }
  }

  /** Adds everything another summary of the same pass holds. */
  merge(other: PassSummary): void {
    for (const id of other.undone) {
      this.undone.add(id);
      this.charged.delete(id);
    }
    for (const [id, at] of other.charged) {
      if (!this.undone.has(id)) this.charged.set(id, at);
    }
    if (other.expiryOverride) this.takeExpiry(other.expiryOverride);
    if (other.usesOverride) this.takeUses(other.usesOverride);
    this.revoked ||= other.revoked;
  }

  // SPEC: "one deterministic winner is chosen (latest change by a hybrid logical clock, ties
  // broken by desk id)": the stamp ends with the desk id; equal stamps (the same entry, or a
  // broken desk) fall back to the entry id so that the order of arrival never matters.
  private takeExpiry(mark: ExpiryOverrideMark): boolean {
    if (this.expiryOverride && !isLater(mark, this.expiryOverride)) return false;
    this.expiryOverride = mark;
    return true;
  }

  private takeUses(mark: UsesOverrideMark): boolean {
    if (this.usesOverride && !isLater(mark, this.usesOverride)) return false;
    this.usesOverride = mark;
    return true;
  }

  toRecord(passId: string): PassSummaryRecord {
    return {
      passId,
      charged: [...this.charged],
      undone: [...this.undone],
      expiryOverride: this.expiryOverride,
      usesOverride: this.usesOverride,
      revoked: this.revoked,
    };
  }

  static fromRecord(record: PassSummaryRecord): PassSummary {
    const summary = new PassSummary();
    for (const id of record.undone) summary.undone.add(id);
    for (const [id, at] of record.charged) {
      if (!summary.undone.has(id)) summary.charged.set(id, at);
    }
    summary.expiryOverride = record.expiryOverride;
    summary.usesOverride = record.usesOverride;
    summary.revoked = record.revoked;
    return summary;
  }
}

function isLater(a: Stamped, b: Stamped): boolean {
  return a.hlc > b.hlc || (a.hlc === b.hlc && a.id > b.id);
}

/** The summary of a set of entries of one pass (entries of other passes are the caller's to leave out). */
export function summarizeEntries(entries: Iterable<LedgerEntry>): PassSummary {
  const summary = new PassSummary();
  for (const entry of entries) summary.add(entry);
  return summary;
}

/** Summaries of every pass that entries name, by pass id (entries with no pass are left out). */
export function summarizeByPass(entries: Iterable<LedgerEntry>): Map<string, PassSummary> {
  const summaries = new Map<string, PassSummary>();
  for (const entry of entries) {
    if (!entry.passId) continue;
    let summary = summaries.get(entry.passId);
    if (!summary) {
      summary = new PassSummary();
      summaries.set(entry.passId, summary);
    }
    summary.add(entry);
  }
  return summaries;
}
