// Every key the desk hears wherever the focus is goes through here. The listener is attached in
// the commit that draws its screen (a layout effect), never after the browser has painted it: a
// screen or a status pushed by main renders outside any input, and a key pressed the moment it
// shows (F9 as the signed-in name appears, a scan as the door opens) must not be lost. The
// listener reads the latest handler, so a re-render never drops it for a moment either.
import { useLayoutEffect, useRef } from 'react';

type KeyListener = (event: KeyboardEvent) => void;
type Where = { on?: 'window' | 'document'; capture?: boolean };

export function useKeyListener(onKeyDown: KeyListener, { on = 'window', capture = false }: Where = {}): void {
  const latest = useRef(onKeyDown);
  useLayoutEffect(() => {
    latest.current = onKeyDown;
  });
  useLayoutEffect(() => {
    const listener = (event: Event) => {
      if (event instanceof KeyboardEvent) latest.current(event);
    };
    const target: EventTarget = on === 'window' ? window : document;
    target.addEventListener('keydown', listener, capture);
    return () => target.removeEventListener('keydown', listener, capture);
  }, [on, capture]);
}
