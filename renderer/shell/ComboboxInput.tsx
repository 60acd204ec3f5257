// The one search box with a list under it (an ARIA combobox: the door's search, the customer
// finder, the attendee list's filter). The focus stays in the box: ↑ ↓ (and, on a scrolling
// list, Page Up / Page Down) move the choice, Enter does the screen's action, Esc its cancel.
// The list itself (role="listbox", options with the ids `optionId` gives) is the screen's.
import type { KeyboardEvent, RefObject } from 'react';

type Props = {
  id: string;
  inputRef: RefObject<HTMLInputElement | null>;
  testId: string;
  className: string;
  /** The id of the listbox the box controls; `optionId(i)` the id of its option i. */
  listId: string;
  optionId: (index: number) => string;
  /** How many options the list shows, and which is chosen. */
  count: number;
  selected: number;
  hintId: string;
  value: string;
  placeholder: string;
  onChange: (value: string) => void;
  onSelect: (index: number) => void;
  onEnter: () => void;
  onEscape: () => void;
  /** The options a Page Up / Page Down moves by, on a list that scrolls; none: the keys are the box's. */
  pageSize?: () => number;
};

export function ComboboxInput({ id, inputRef, testId, className, listId, optionId, count, selected, hintId, value, placeholder, onChange, onSelect, onEnter, onEscape, pageSize }: Props) {
  const open = count > 0;
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const move = (by: number) => {
      event.preventDefault();
      if (open) onSelect(Math.max(0, Math.min(count - 1, selected + by)));
    };
    switch (event.key) {
      case 'ArrowDown': move(1); break;
      case 'ArrowUp': move(-1); break;
      case 'PageDown': if (pageSize) move(pageSize()); break;
      case 'PageUp': if (pageSize) move(-pageSize()); break;
      case 'Enter':
        event.preventDefault();
        onEnter();
        break;
      case 'Escape':
        event.preventDefault();
        onEscape();
        break;
    }
  };
  return (
    <input
      id={id}
      ref={inputRef}
      data-testid={testId}
      className={className}
      type="text"
      role="combobox"
      aria-autocomplete="list"
      aria-expanded={open}
      aria-controls={listId}
      aria-activedescendant={open ? optionId(selected) : undefined}
      aria-describedby={hintId}
      autoComplete="off"
      autoCorrect="off"
      autoCapitalize="off"
      spellCheck={false}
      autoFocus
      value={value}
      placeholder={placeholder}
      onChange={(event) => onChange(event.target.value)}
      onKeyDown={onKeyDown}
    />
  );
}
