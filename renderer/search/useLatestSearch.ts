// Search as you type without ever queueing behind stale keystrokes: at most one query is on
// its way to main; when it answers and the box has moved on, only the newest text is asked
// next, and the answers in between are never asked for. Nothing is debounced: the first key
// goes out at once, and each answer is shown labelled with the text it answers, so a screen
// can tell a settled list from one that is still catching up.
import { useEffect, useRef, useState } from 'react';
import type { DeskClient, SearchHit } from '../../shared/schema/api';

export type SearchAnswer = { query: string; hits: SearchHit[] };

const empty: SearchAnswer = { query: '', hits: [] };

export function useLatestSearch(desk: DeskClient, query: string, limit: number, dataVersion: number): SearchAnswer {
  const [answer, setAnswer] = useState<SearchAnswer>(empty);
  const wanted = useRef({ query, dataVersion });
  const busy = useRef(false);
  const live = useRef(true);

  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);

  useEffect(() => {
    wanted.current = { query, dataVersion };
    if (query === '') {
      setAnswer(empty);
      return;
    }
    if (busy.current) return; // the answer on its way will ask for this text next
    const ask = (asked: { query: string; dataVersion: number }) => {
      busy.current = true;
      desk.search({ query: asked.query, limit }).then((result) => {
        busy.current = false;
        if (!live.current) return;
        const next = wanted.current;
        if (next.query === '') return;
        if (next !== asked) {
          ask(next);
          // Still show what came back: a list one letter behind beats an empty one.
          if (result.ok && next.query.startsWith(asked.query)) setAnswer({ query: asked.query, hits: result.hits });
          return;
        }
        setAnswer({ query: asked.query, hits: result.ok ? result.hits : [] });
      }, () => {
        busy.current = false;
        if (live.current && wanted.current !== asked && wanted.current.query !== '') ask(wanted.current);
      });
    };
    ask(wanted.current);
  }, [desk, query, limit, dataVersion]);

  return answer;
}
