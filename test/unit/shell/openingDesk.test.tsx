// Issue 13: before the desk's first status arrives, a new desk showed the door screen for a
// moment before its first screen. The first render (no status heard yet) shows neither.
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { App } from '../../../renderer/App';
import type { DeskClient } from '../../../shared/schema/api';

/** A desk that never answers and never pushes: the instant before the first status. */
const silentDesk = new Proxy({} as Record<string, unknown>, {
  get: (_target, name) => name === 'on' ? () => () => undefined : () => new Promise(() => undefined),
}) as unknown as DeskClient;

describe('the desk before its first status', () => {
  it('shows neither the door nor the first screen until the status says which', () => {
    const html = renderToString(<App desk={silentDesk} />);
    expect(html).toContain('Opening the desk');
    expect(html).not.toContain('Door check-in');
    expect(html).not.toContain('Set up this desk');
  });
});
