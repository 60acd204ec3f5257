// The one combobox input of the door, the finder and the attendee list
// (renderer/shell/ComboboxInput.tsx): its ARIA roles point at the list and the chosen option.
import { createRef } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ComboboxInput } from '../../../renderer/shell/ComboboxInput';

const nothing = () => undefined;
function render(count: number, selected: number) {
  return renderToString(
    <ComboboxInput
      id="box" inputRef={createRef<HTMLInputElement>()} testId="box" className="box" listId="the-list" optionId={(index) => `the-option-${index}`}
      count={count} selected={selected} hintId="the-hint" value="ad" placeholder="Name"
      onChange={nothing} onSelect={nothing} onEnter={nothing} onEscape={nothing}
    />,
  );
}

describe('the combobox input', () => {
  it('with options: expanded, controlling the list, the chosen option active', () => {
    const html = render(3, 1);
    expect(html).toContain('role="combobox"');
    expect(html).toContain('aria-autocomplete="list"');
    expect(html).toContain('aria-expanded="true"');
    expect(html).toContain('aria-controls="the-list"');
    expect(html).toContain('aria-activedescendant="the-option-1"');
    expect(html).toContain('aria-describedby="the-hint"');
  });

  it('without options: collapsed, no active option', () => {
    const html = render(0, 0);
    expect(html).toContain('aria-expanded="false"');
    expect(html).not.toContain('aria-activedescendant');
  });
});
