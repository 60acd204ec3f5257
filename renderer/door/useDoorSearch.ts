// The door's search: the matches of what is typed or scanned, the one chosen with the arrows,
// and what Enter would do for it (its preview). The matches come from the renderer's copy of
// the search, beside the page, so the list is painted with the letter; what Enter would do
// for the first follows from main a moment later. While the copy cannot answer (loading), one
// call to main brings both at once.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { CheckInPreview, DeskApiResults, DeskClient, PassView, SearchHit } from '../../shared/schema/api';
import type { Refusal } from '../../shared/rules/errors';
import { useLatestAnswer } from '../search/useLatestSearch';
import { useLocalSearch } from '../search/useLocalSearch';
import type { SessionChoice } from './SessionPicker';

const SEARCH_LIMIT = 8;

/** A refusal as the screen keeps it: its code and note, put in words when shown (in the language of that moment). */
export type Said = Pick<Refusal, 'error' | 'note'>;

export type Preview = { customerId: string; sessionId: SessionChoice; preview: CheckInPreview | null; problem: Said | null; passes: PassView[] };
type DoorAnswer = { hits: SearchHit[]; sessionId: SessionChoice; previewOfFirst: DeskApiResults['previewCheckIn'] | null };

export const noHits: SearchHit[] = [];

function previewFrom(customerId: string, sessionId: SessionChoice, previewed: DeskApiResults['previewCheckIn']): Preview {
  return previewed.ok
    ? { customerId, sessionId, preview: previewed.preview, problem: null, passes: previewed.passes }
    : { customerId, sessionId, preview: null, problem: saidOf(previewed), passes: [] };
}

export function saidOf(refusal: Refusal): Said {
  return refusal.note ? { error: refusal.error, note: refusal.note } : { error: refusal.error };
}

export function pickHit(hits: readonly SearchHit[], selected: number): SearchHit | undefined {
  const first = hits[0];
  // A scanned pass code is exact: it wins whatever the arrows did.
  if (first && first.matchedCode !== null) return first;
  return hits[Math.min(Math.max(selected, 0), hits.length - 1)];
}

export function useDoorSearch(desk: DeskClient, sessionId: SessionChoice | undefined, dataVersion: number) {
  const session: SessionChoice = sessionId ?? null;
  const [query, setQuery] = useState('');
  const trimmed = query.trim();
  const { local: localSearch, revision: searchRevision } = useLocalSearch();
  const askDoor = useCallback(async (text: string): Promise<DoorAnswer | null> => {
    const hits = localSearch?.find(text, SEARCH_LIMIT);
    if (hits) return { hits, sessionId: session, previewOfFirst: null };
    const result = await desk.findAtDoor({ query: text, limit: SEARCH_LIMIT, sessionId: session });
    return result.ok ? { hits: result.hits, sessionId: session, previewOfFirst: result.previewOfFirst } : null;
  }, [desk, session, localSearch]);
  // Latest-only: a scanner's twelve keys in 40 ms ask once or twice, never twelve times.
  const { answer, askNow } = useLatestAnswer(askDoor, trimmed, dataVersion + searchRevision);
  const [selection, setSelection] = useState({ query: '', index: 0 });

  /** The hits, or why the desk did not answer (never taken for "nobody matches"). */
  const searchFor = useCallback(async (text: string): Promise<{ hits: SearchHit[] } | { refused: Said }> => {
    const result = await desk.search({ query: text, limit: SEARCH_LIMIT });
    return result.ok ? { hits: result.hits } : { refused: saidOf(result) };
  }, [desk]);

  // A refused answer (the desk unreachable) is not "no matches": the list waits instead.
  const settled = answer.query === trimmed && answer.value !== null;
  const hits = settled ? answer.value?.hits ?? noHits : noHits;
  // A refresh of the same query (data changed) keeps the selection; a new query starts at the top.
  const selected = selection.query === answer.query ? Math.min(selection.index, Math.max(hits.length - 1, 0)) : 0;
  const selectedHit = settled ? pickHit(hits, selected) : undefined;
  const select = useCallback((index: number) => setSelection({ query: answer.query, index }), [answer.query]);

  // The first match's preview came with the list; another one (chosen with the arrows) is asked for.
  const selectedCustomerId = selectedHit?.customer.id ?? null;
  const fromAnswer = useMemo<Preview | null>(() => {
    const value = answer.value;
    const first = value?.hits[0];
    return value && first && value.previewOfFirst ? previewFrom(first.customer.id, value.sessionId, value.previewOfFirst) : null;
  }, [answer.value]);
  const [asked, setAsked] = useState<Preview | null>(null);
  const needsAsking = selectedCustomerId !== null && sessionId !== undefined
    && !(fromAnswer && fromAnswer.customerId === selectedCustomerId && fromAnswer.sessionId === session);
  useEffect(() => {
    if (!needsAsking || selectedCustomerId === null) return;
    let live = true;
    desk.previewCheckIn({ customerId: selectedCustomerId, sessionId: session }).then((previewed) => {
      if (live) setAsked(previewFrom(selectedCustomerId, session, previewed));
    }).catch(() => undefined);
    return () => {
      live = false;
    };
  }, [desk, needsAsking, selectedCustomerId, session, dataVersion]);
  const shownPreview = [fromAnswer, asked].find((candidate) => candidate && candidate.customerId === selectedCustomerId && candidate.sessionId === session) ?? null;

  return { query, setQuery, trimmed, answeredQuery: answer.query, askNow, settled, hits, selected, selectedHit, select, searchFor, shownPreview };
}
