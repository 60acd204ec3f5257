// The state of one pass's adjustment: the draft, the optional reason, and saving it through
// the one command each kind of change has. A refusal from main (another desk revoked the
// pass meanwhile, say) is shown where the field is, like the refusals known in advance.
import { useCallback, useEffect, useState } from 'react';
import type { DeskApiResults, DeskClient } from '../../shared/schema/api';
import { useWords } from '../i18n/useWords';
import type { Words } from '../words';
import type { Consequence, Draft, DraftSection } from './passAdjustment';
import { consequenceOf, sectionOf } from './passAdjustment';
import type { StaffRole } from '../../shared/staff/staffRoles';
import type { Refusal } from '../../shared/rules/errors';

type Outcome = { ok: true; words: string } | { ok: false; words: string; needs?: StaffRole };

/** A refusal from main as the note says it, with the role it needs when it is one of roles. */
function refusedOutcome(words: Words, result: Refusal & { needs?: StaffRole }): Outcome {
  return { ok: false, words: words.refusalWords(result.error, result.note), ...(result.needs ? { needs: result.needs } : {}) };
}

export type PassDetail = Extract<DeskApiResults['passDetail'], { ok: true }>;

/** `needs`: refused for the role of who is signed in; a manager may authorise it (renderer/staff/StepUpForm.tsx). */
export type AdjustNote = { tone: 'ok' | 'refused'; section: DraftSection; words: string; needs?: StaffRole };

export type PassAdjustment = {
  draft: Draft | null;
  setDraft: (draft: Draft | null) => void;
  reason: string;
  setReason: (reason: string) => void;
  consequence: Consequence | null;
  note: AdjustNote | null;
  saving: boolean;
  save: () => void;
  cancel: () => void;
  /** For a manager's step-up under a refusal. */
  desk: DeskClient;
};

/**
 * `passId` is the pass on screen; its `detail` may still be on its way: a key pressed before it
 * arrives is kept as a draft, and its consequence shows when the detail does.
 */
export function usePassAdjustment(desk: DeskClient, passId: string | null, detail: PassDetail | null, nowMs: number): PassAdjustment {
  if (detail && detail.view.pass.id !== passId) detail = null;
  const [draft, setDraftState] = useState<Draft | null>(null);
  const [reason, setReason] = useState('');
  const [note, setNote] = useState<AdjustNote | null>(null);
  const [saving, setSaving] = useState(false);
  const words = useWords();
  const { t } = words;

  // Another pass: nothing drafted carries over to it.
  useEffect(() => {
    setDraftState(null);
    setReason('');
    setNote(null);
  }, [passId]);

  const consequence = draft && detail ? consequenceOf(draft, detail.tally, detail.view.state, detail.timeZone, nowMs, words.dateEntry()) : null;

  const setDraft = useCallback((next: Draft | null) => {
    setDraftState(next);
    if (next !== null) setNote(null);
  }, []);

  const cancel = useCallback(() => {
    setDraftState(null);
    setNote(null);
  }, []);

  const save = () => {
    if (!passId || !draft || !consequence || consequence.kind === 'refused' || saving) return;
    // A date already gone makes the pass expire at once: the first Enter asks, the second saves.
    if (consequence.kind === 'expiry' && consequence.expiresAtOnce && draft.kind === 'fixed' && !draft.confirmedPast) {
      setDraftState({ ...draft, confirmedPast: true });
      return;
    }
    const section = sectionOf(draft);
    const because = reason.trim() === '' ? {} : { reason: reason.trim() };
    let call: Promise<Outcome>;
    switch (consequence.kind) {
      case 'expiry': {
        const { override } = consequence;
        call = desk.overrideExpiry(override.kind === 'fixed'
          ? { passId, fixedDate: override.date, ...because }
          : { passId, relativeDays: override.days, ...because })
          .then((result) => result.ok
            ? { ok: true as const, words: t('adjust.expirySaved', { expiry: words.expiryWords(result.expiresOn) }) }
            : refusedOutcome(words, result));
        break;
      }
      case 'uses':
        call = desk.overrideUses({ passId, total: consequence.total, ...because })
          .then((result) => result.ok
            ? { ok: true as const, words: t('adjust.usesSaved', { total: words.totalWords(result.total), used: result.used, left: words.usesLeftWords(result.remaining) }) }
            : refusedOutcome(words, result));
        break;
      case 'revoke':
        call = desk.revokePass({ passId, ...because })
          .then((result) => result.ok
            ? { ok: true as const, words: t('adjust.revoked') }
            : refusedOutcome(words, result));
        break;
    }
    setSaving(true);
    call.then((outcome) => {
      setNote({ tone: outcome.ok ? 'ok' : 'refused', section, words: outcome.words, ...(!outcome.ok && outcome.needs ? { needs: outcome.needs } : {}) });
      if (outcome.ok) {
        setDraftState(null);
        setReason('');
      }
    }, () => setNote({ tone: 'refused', section, words: words.refusalWords('internal') }))
      .finally(() => setSaving(false));
  };

  return { draft, setDraft, reason, setReason, consequence, note, saving, save, cancel, desk };
}
