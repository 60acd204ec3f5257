// Search as you type without ever queueing behind stale keystrokes: at most one query is on
// its way to main; when it answers and the box has moved on, only the newest text is asked
// next, and the answers in between are never asked for. Nothing is debounced: the first key
// goes out at once, and each answer is shown labelled with the text it answers, so a screen
// can tell a settled list from one that is still catching up.
//
// The time from a key to its list is mostly the round trip to main, so the box asks from its
// key handler (`askNow`), before React renders the key: main searches while the page renders
// the letter. And an answer is rendered in the task it arrives in (flushSync), not in a task
// React schedules after it, where a frame drawn in between would show the box ahead of its list.
import { useCallback, useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';

/** What came back for `query`; `value` is null when main refused it. */
export type LatestAnswer<T> = { query: string; value: T | null };

type Ask<T> = (query: string) => Promise<T | null>;
type Wanted<T> = { query: string; refresh: number; ask: Ask<T> };

const sameWish = <T>(a: Wanted<T>, b: Wanted<T>) => a.query === b.query && a.refresh === b.refresh && a.ask === b.ask;

/**
 * `ask` is called for the newest non-empty `query` (and again when `ask` itself or `refresh`
 * changes: another session, data changed); it answers null for a refusal. `askNow(text)`, from
 * the handler of the key that makes `query` become `text`, sends it before the render.
 */
export function useLatestAnswer<T>(ask: Ask<T>, query: string, refresh: number): { answer: LatestAnswer<T>; askNow: (query: string) => void } {
  const [answer, setAnswer] = useState<LatestAnswer<T>>({ query: '', value: null });
  const wanted = useRef<Wanted<T>>({ query, refresh, ask });
  const inFlight = useRef<Wanted<T> | null>(null);
  const answered = useRef<Wanted<T> | null>(null);
  const live = useRef(true);

  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);

  const show = useCallback((next: LatestAnswer<T>) => flushSync(() => setAnswer(next)), []);

  const send = useCallback((asked: Wanted<T>) => {
    inFlight.current = asked;
    asked.ask(asked.query).then((value) => {
      inFlight.current = null;
      if (!live.current) return;
      const next = wanted.current;
      if (next.query === '') return;
      answered.current = asked;
      if (!sameWish(next, asked)) {
        send(next);
        // Still show what came back: a list one letter behind beats an empty one.
        if (value !== null && next.query.startsWith(asked.query)) show({ query: asked.query, value });
        return;
      }
      show({ query: asked.query, value });
    }, () => {
      inFlight.current = null;
      if (live.current && !sameWish(wanted.current, asked) && wanted.current.query !== '') send(wanted.current);
    });
  }, [show]);

  /** Wants `next` now; sends it unless a call is on its way (whose answer asks for the newest). */
  const want = useCallback((next: Wanted<T>) => {
    // Wanted already: asked from the key handler, or answered.
    const current = wanted.current;
    if (sameWish(next, current) && (next.query === '' || inFlight.current === current || answered.current === current)) return;
    wanted.current = next;
    if (next.query === '' || inFlight.current !== null) return;
    send(next);
  }, [send]);

  useEffect(() => {
    if (query === '') {
      wanted.current = { query, refresh, ask };
      setAnswer({ query: '', value: null });
      return;
    }
    // Already asked from the key handler: `want` sees the same wish on its way.
    want({ query, refresh, ask });
  }, [query, refresh, ask, want]);

  const askNow = useCallback((text: string) => want({ query: text, refresh, ask }), [want, refresh, ask]);
  return { answer, askNow };
}
