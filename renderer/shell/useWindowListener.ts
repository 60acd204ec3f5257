// Every event the desk hears on the window or the document wherever the focus is goes through
// here: the keys of each screen, F9's lock and the clicks that say the person is still there, the
// window coming back into focus. The listener is attached in the commit that draws its screen
// (a layout effect), never after the browser has painted it: a screen or a status pushed by main
// renders outside any input, and a key pressed the moment it shows (F9 as the signed-in name
// appears, a scan as the door opens) must not be lost. The listener reads the latest handler, so
// a re-render never drops it for a moment either.
import { useLayoutEffect, useRef } from 'react';

type Where = { on?: 'window' | 'document'; capture?: boolean };
type Heard = keyof WindowEventMap & keyof DocumentEventMap;

export function useWindowListener<K extends Heard>(type: K, handler: (event: WindowEventMap[K]) => void, { on = 'window', capture = false }: Where = {}): void {
  const latest = useRef(handler);
  useLayoutEffect(() => {
    latest.current = handler;
  });
  useLayoutEffect(() => {
    const listener = (event: Event) => latest.current(event as WindowEventMap[K]);
    const target: EventTarget = on === 'window' ? window : document;
    target.addEventListener(type, listener, capture);
    return () => target.removeEventListener(type, listener, capture);
  }, [type, on, capture]);
}
