// The names of the desk calls as a plain tuple. The sandboxed preload can only `require`
// Electron's renderer modules, so it cannot load zod or api.ts at runtime; it derives one
// function per call from this list instead. The checks below are types only (erased from
// the bundle): the build fails if the list and `deskApi` ever disagree.
import type { deskApi } from './api';

export const deskApiNames = [
  'checkIn',
  'undoCheckIn',
  'overrideExpiry',
  'overrideUses',
  'revokePass',
  'previewCheckIn',
  'search',
  'findAtDoor',
  'searchCorpus',
  'customerOverview',
  'passState',
  'passHistory',
  'passDetail',
  'sessionAttendees',
  'exportAttendance',
  'exportPassHistory',
  'todaySessions',
  'attendanceSessions',
  'recentCheckIns',
  'deskStatus',
  'setStaff',
  'setLanguage',
  'loadVenueFile',
  'openDemoVenue',
  'pairEndpoint',
  'unpairEndpoint',
  'findHubs',
  'claimHubCode',
  'venueHub',
  'setVenueHub',
  'offerHubCode',
  'syncReview',
  'demoPractice',
  'staffOnDesk',
  'signIn',
  'signOut',
  'stillHere',
  'stepUp',
  'setFirstManager',
  'kioskCheckIn',
  'enterKiosk',
  'leaveKiosk',
] as const;

type Equal<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type HasDuplicates<T extends readonly unknown[]> = T extends readonly [infer Head, ...infer Rest]
  ? Head extends Rest[number] ? true : HasDuplicates<Rest>
  : false;
type Expect<T extends true> = T;

/** Every key of `deskApi` is listed, and nothing else. */
export type _NamesMatchDeskApi = Expect<Equal<(typeof deskApiNames)[number], keyof typeof deskApi>>;
/** Each name once, so that the preload defines each function once. */
export type _NamesAreUnique = Expect<Equal<HasDuplicates<typeof deskApiNames>, false>>;
