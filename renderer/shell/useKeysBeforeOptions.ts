// A picker (a <select>) whose options come from the desk is empty, or shows another day's
// options, until its answer arrives; the browser drops the arrow keys pressed on it meanwhile.
// A keyboard-first desk never drops a key (as the door's search keeps what is typed before it
// has loaded): the moves pressed while the options are on their way are held, then made on
// the options when they arrive.
import { useEffect, useRef } from 'react';
import type { KeyboardEvent } from 'react';

type Move = (index: number, last: number) => number;

const MOVES: Record<string, Move> = {
  ArrowDown: (index, last) => Math.min(index + 1, last),
  ArrowUp: (index) => Math.max(index - 1, 0),
  Home: () => 0,
  End: (_index, last) => last,
};

/**
 * `options`: the picker's values, or null while they are on their way; `current`: the value
 * picked when they arrive; `choose`: picks a value, as the picker's change would. Returns the
 * picker's key handler.
 */
export function useKeysBeforeOptions(
  options: readonly string[] | null,
  current: string | null,
  choose: (value: string) => void,
): (event: KeyboardEvent<HTMLSelectElement>) => void {
  const held = useRef<Move[]>([]);
  const latest = useRef({ current, choose });
  latest.current = { current, choose };
  useEffect(() => {
    if (options === null || held.current.length === 0) return;
    const moves = held.current.splice(0);
    if (options.length === 0) return;
    const start = Math.max(0, options.indexOf(latest.current.current ?? ''));
    const index = moves.reduce((at, move) => move(at, options.length - 1), start);
    if (options[index] !== latest.current.current) latest.current.choose(options[index]!);
  }, [options]);
  return (event) => {
    const move = MOVES[event.key];
    if (options !== null || move === undefined || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    held.current.push(move);
  };
}
