// One line that says how a setup action went (✓ or ✕), with every problem listed under it.
import { TechnicalDetails } from '../status/TechnicalDetails';
import type { Words } from '../words';

/** `details`: the technical part of a refusal, behind a Details disclosure (renderer/status/TechnicalDetails.tsx). */
export type Note = { tone: 'ok' | 'refused'; words: string; lines?: string[]; details?: string | undefined };

export function NoteLine({ note, testId }: { note: Note | null; testId: string }) {
  if (!note) return null;
  return (
    <div className={note.tone === 'ok' ? 'setup__note setup__note--ok' : 'setup__note setup__note--refused'} role="status" data-testid={testId}>
      <p className="setup__note-words"><span aria-hidden="true">{note.tone === 'ok' ? '✓ ' : '✕ '}</span>{note.words}</p>
      {note.lines && note.lines.length > 0 ? (
        <ul className="setup__problems">
          {note.lines.map((line, index) => <li key={index}>{line}</li>)}
        </ul>
      ) : null}
      <TechnicalDetails details={note.details} />
    </div>
  );
}

/** "300 customers, 412 passes": what a venue load brought, in the order staff think of it. */
export function countsWords(words: Words, counts: Record<string, number>): string {
  return (['customers', 'passes', 'sessions', 'bookings', 'ledger'] as const)
    .filter((key) => counts[key] !== undefined)
    .map((key) => words.t(`counts.${key}`, { count: counts[key]! }))
    .join(', ');
}
