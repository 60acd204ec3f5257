// The closed set of refusal codes (FORMAT.md) and the one place where people's words for
// them are made. A refused action is a value, never an exception.

export const errorCodes = [
  'invalid-input',
  'unknown-customer',
  'unknown-session',
  'unknown-pass',
  'unknown-check-in',
  'already-undone',
  'already-checked-in',
  'no-passes',
  'no-eligible-pass',
  'pass-revoked',
  'total-below-used',
  'no-venue',
  'venue-arriving',
  'endpoint-unreachable',
  'endpoint-refused',
  'storage-full',
  'storage-lost',
  'not-allowed',
  'wrong-pin',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

/**
 * `message`: one plain sentence for people, when the code's own words are not enough;
 * `details`: the technical part (an HTTP status, a network error), shown only behind a Details
 * disclosure, never in the sentence.
 */
export type Refusal<C extends ErrorCode = ErrorCode> = { ok: false; error: C; message?: string; details?: string; issues?: string[] };

const messages: Record<ErrorCode, string> = {
  'invalid-input': 'Some of what was entered is not valid.',
  'unknown-customer': 'No such customer at this venue.',
  'unknown-session': 'No such session at this venue.',
  'unknown-pass': 'No such pass at this venue.',
  'unknown-check-in': 'No such check-in on record.',
  'already-undone': 'That check-in was already undone.',
  'already-checked-in': 'Already checked in to this session. Confirm to charge another use.',
  'no-passes': 'This customer holds no pass. Sell a pass on the platform.',
  'no-eligible-pass': 'No pass can be used for this check-in.',
  'pass-revoked': 'This pass is revoked: it cannot be changed.',
  'total-below-used': 'The total cannot be below the uses already redeemed.',
  'no-venue': 'No venue is loaded on this desk yet.',
  'venue-arriving': 'This desk is still receiving the venue from the sync endpoint. The door opens as soon as it is in (see the progress below).',
  'endpoint-unreachable': 'The sync endpoint cannot be reached. Check the address and the network.',
  'endpoint-refused': 'The sync endpoint refused this device token.',
  // The storage host's write was refused whole (IndexedDB aborts the transaction): nothing landed.
  'storage-full': 'Check-ins are NOT being saved: the disk is full. Nothing was changed. Free space on this computer, then try again.',
  'storage-lost': 'Check-ins are NOT being saved: the browser deleted this desk\'s saved data. Nothing was changed. Leave this window open and call for help.',
  // The screen says which role (shared/staff/leastRoles.ts notAllowedWords), in the refusal's own message.
  'not-allowed': 'Someone with another role must do this.',
  'wrong-pin': 'That PIN is not right. Try again.',
  // An internal failure can strike after a write landed (storage lost mid-answer): never claim nothing changed.
  'internal': 'Something went wrong on this desk. Check the last check-ins and the pass before trying again.',
};

export function messageFor(code: ErrorCode): string {
  return messages[code];
}

export function refuse<C extends ErrorCode>(error: C, issues?: string[]): Refusal<C> {
  return issues && issues.length > 0 ? { ok: false, error, issues } : { ok: false, error };
}
