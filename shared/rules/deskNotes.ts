// What main has to say to people beyond a refusal's code, as a code with its parameters:
// main never builds a sentence (issue 14, "main sends codes"). The renderer's catalogs hold
// the words for each note in every language (shared/i18n/locales/*.json, `note.<code>`);
// a note's parameters are data (a venue's name, a count), never words.

export type DeskNote =
  // Refusals that need more than their code says.
  | { note: 'desk-starting' }
  // Staff and roles (shared/staff/leastRoles.ts, main's sign-in).
  | { note: 'desk-locked' }
  | { note: 'needs-role'; role: 'door' | 'manager' | 'admin' }
  | { note: 'unknown-staff' }
  | { note: 'wrong-pin-wait'; seconds: number }
  | { note: 'pin-wait'; seconds: number }
  | { note: 'staff-already' }
  | { note: 'not-a-kiosk' }
  | { note: 'kiosk-only' }
  | { note: 'kiosk-needs-staff' }
  | { note: 'first-manager-due' }
  // A browser tab's link to its desk (renderer/api/deskClient.websocket.ts).
  | { note: 'desk-unreachable' }
  | { note: 'desk-dropped' }
  | { note: 'desk-wrong-address' }
  | { note: 'desk-superseded' }
  | { note: 'desk-gone' }
  | { note: 'storage-host-disconnected' }
  | { note: 'demo-not-replaced'; by: 'pairing' | 'file' }
  | { note: 'demo-not-discarded-here' }
  | { note: 'demo-replaced-first'; by: 'pairing' | 'file'; venue: string }
  | { note: 'no-demo-venue' }
  | { note: 'paired-no-demo' }
  | { note: 'holds-venue-no-demo'; venue: string }
  | { note: 'not-only-demo' }
  | { note: 'no-data-folder' }
  | { note: 'unsynced-entries-kept'; venue: string; checkIns: number; changes: number }
  | { note: 'file-other-venue'; held: string; file: string }
  | { note: 'file-time-zone'; held: string; file: string }
  | { note: 'csv-on-paired-desk' }
  | { note: 'csv-needs-venue' }
  | { note: 'file-not-imported' }
  // Pairing's test call, and the status bar's sync problem.
  | { note: 'token-refused' }
  | { note: 'token-attempts-limited' }
  | { note: 'endpoint-no-answer' }
  | { note: 'endpoint-trouble' }
  | { note: 'not-an-endpoint' }
  | { note: 'hub-untrusted-pairing' }
  // Pairing with a hub picked from the list, by its short code (main/sync/hubCodePairing.ts).
  | { note: 'hub-code-unreadable' }
  | { note: 'hub-code-wrong' }
  | { note: 'hub-gone' }
  // "This desk also serves the venue's network" (main/venueHub/deskVenueHub.ts).
  | { note: 'venue-hub-needs-pairing' }
  | { note: 'venue-hub-not-started' }
  | { note: 'venue-hub-off' }
  | { note: 'venue-hub-unavailable' }
  | { note: 'sync-hub-untrusted' }
  | { note: 'sync-hub-untrusted-standby' }
  | { note: 'venue-mismatch'; held: string; served: string }
  | { note: 'sync-unreachable' }
  | { note: 'sync-server-error' }
  | { note: 'sync-token-refused' }
  | { note: 'sync-endpoint-unavailable' }
  | { note: 'sync-endpoint-disk-full' }
  | { note: 'sync-too-many-failed-attempts' }
  | { note: 'sync-too-many-streams' }
  | { note: 'sync-request-refused' }
  | { note: 'sync-bad-answer' }
  | { note: 'sync-conflicts'; count: number }
  | { note: 'sync-dropped'; count: number };

export type DeskNoteCode = DeskNote['note'];

/** For logs: the note's code and parameters in one line (logs are for engineers, in English). */
export function noteForLog(note: DeskNote): string {
  return JSON.stringify(note);
}
