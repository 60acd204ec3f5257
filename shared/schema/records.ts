// The records of the venue and of the desk ledger, as zod schemas. Every boundary
// (venue files, the renderer↔main API, sync documents) validates with these.
import { z } from 'zod';
import { DateTime } from 'luxon';
import { MAX_HLC_DESK_ID_LENGTH, isDeskId, isHlcWithinBounds } from '../rules/hybridLogicalClock';
import { refinedAs } from '../venue/importProblems';

const id = z.string().min(1).max(200);

/** An instant: ISO 8601 with an offset or `Z` (FORMAT.md: "Instants are ISO 8601 with an offset or Z"). */
/** Offsets in use on Earth run from -12:00 to +14:00; Luxon alone takes "+25:00". */
function isRealOffset(s: string): boolean {
  if (s.endsWith('Z')) return true;
  const offset = /[+-](\d\d):?(\d\d)$/.exec(s);
  return offset !== null && Number(offset[1]) * 60 + Number(offset[2]) <= 14 * 60 && Number(offset[2]) < 60;
}

/**
 * The form every writer of this project uses (`2026-01-05T10:00:00.000Z`, `…+01:00`), read
 * without Luxon: a first sync checks a million entries' instants, and Luxon's parse was a fifth of
 * main's CPU there (docs/performance.md). Only a sure yes is given here: a date, time or year out
 * of its plain range, or any other form, is Luxon's to judge.
 */
const PLAIN_INSTANT = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.\d{1,9})?(?:Z|[+-]\d\d:\d\d)$/;
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isPlainValidInstant(s: string): boolean {
  const parts = PLAIN_INSTANT.exec(s);
  if (!parts) return false;
  const [year, month, day, hour, minute, second] = parts.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (year < 1000 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && !leap ? 28 : DAYS_IN_MONTH[month - 1]!);
}

export const instantSchema = z.string().refine(
  (s) => isRealOffset(s) && (isPlainValidInstant(s) || DateTime.fromISO(s, { setZone: true }).isValid),
  refinedAs('importProblem.instant'),
);

/** A calendar date in the venue's zone, `YYYY-MM-DD`. */
export const calendarDateSchema = z.string().refine(
  (s) => /^\d{4}-\d{2}-\d{2}$/.test(s) && DateTime.fromISO(s, { zone: 'UTC' }).isValid,
  refinedAs('importProblem.calendarDate'),
);

export const timeZoneSchema = z.string().min(1).refine(
  (zone) => DateTime.fromObject({}, { zone }).isValid,
  refinedAs('importProblem.timeZone'),
);

const mayBeUnstorable = /[\0\ud800-\udfff]/;
const unstorable = /\0|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Text the sync endpoint can store: PostgreSQL holds no NUL (U+0000), and its jsonb no half of
 * a surrogate pair. The endpoint refuses a ledger entry with either, and with it the rest of
 * the desk's push, so what people type into an entry is checked where they type it.
 */
export function isStorableText(text: string): boolean {
  // The plain character class first: a million entries are checked at a large venue's first sync.
  return !mayBeUnstorable.test(text) || !unstorable.test(text);
}

/** Free text (a staff name, a reason) that the sync endpoint can store. */
export function storableText(schema: z.ZodString) {
  return schema.refine(isStorableText, refinedAs('importProblem.storableText'));
}

/** SPEC: a relative timeframe is a whole number of days from 1 to 3650. */
export const relativeDaysSchema = z.number().int().min(1).max(3650);
/** SPEC: a total is a whole number from 0 to 100000. */
export const totalUsesSchema = z.number().int().min(0).max(100000);

export const expiryRuleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }).strict(),
  z.object({ kind: z.literal('fixed'), date: calendarDateSchema }).strict(),
  z.object({ kind: z.literal('relative'), days: relativeDaysSchema }).strict(),
]);
export type ExpiryRule = z.infer<typeof expiryRuleSchema>;

export const validForSchema = z.union([z.literal('all'), z.array(z.string().min(1)).min(1)]);
export type ValidFor = z.infer<typeof validForSchema>;

/** A product's terms; a pass keeps a snapshot of them from its purchase. */
export const passTermsSchema = z.object({
  uses: z.number().int().min(1).max(100000).nullable(),
  expiry: expiryRuleSchema,
  validFor: validForSchema,
}).strict();
export type PassTerms = z.infer<typeof passTermsSchema>;

/**
 * The venue's locale (a BCP 47 tag such as en-GB, en-US, de-DE): how the venue writes dates,
 * so how staff type them (SPEC "Language": "date entry follows the locale").
 */
export const venueLocaleSchema = z.string().max(35).refine((locale) => /^[a-z]{2,3}(-[A-Z][a-z]{3})?(-(?:[A-Z]{2}|\d{3}))?$/.test(locale), refinedAs('importProblem.locale'));
/** A venue that names no locale writes dates as the venues we serve do: day/month/year. */
export const defaultVenueLocale = 'en-GB';

export const venueSchema = z.object({
  id,
  timeZone: timeZoneSchema,
  name: z.string().min(1).max(200).optional(),
  locale: venueLocaleSchema.optional(),
  /** SPEC: a desk "locks ... after a few idle minutes (a venue setting)"; none: 10. */
  lockAfterMinutes: z.number().int().min(1).max(240).optional(),
}).strict();
export type Venue = z.infer<typeof venueSchema>;

export const productSchema = z.object({
  id,
  name: z.string().min(1).max(200),
  uses: passTermsSchema.shape.uses,
  expiry: expiryRuleSchema,
  validFor: validForSchema,
}).strict();
export type Product = z.infer<typeof productSchema>;

export const customerSchema = z.object({
  id,
  name: z.string().min(1).max(200),
  email: z.string().max(320).optional(),
}).strict();
export type Customer = z.infer<typeof customerSchema>;

/** A pass as it arrives from the platform (a venue file): terms come from its product. */
export const passInputSchema = z.object({
  id,
  customerId: id,
  productId: id,
  purchasedAt: instantSchema,
  code: z.string().min(1).max(100).optional(),
  terms: passTermsSchema.optional(),
}).strict();
export type PassInput = z.infer<typeof passInputSchema>;

/** A pass as stored: with the snapshot of its product's terms at purchase. */
export const passSchema = z.object({
  id,
  customerId: id,
  productId: id,
  productName: z.string().min(1).max(200),
  purchasedAt: instantSchema,
  code: z.string().max(100),
  terms: passTermsSchema,
}).strict();
export type Pass = z.infer<typeof passSchema>;

export const sessionSchema = z.object({
  id,
  name: z.string().min(1).max(200),
  category: z.string().min(1).max(100),
  startsAt: instantSchema,
  endsAt: instantSchema,
}).strict();
export type Session = z.infer<typeof sessionSchema>;

export const bookingSchema = z.object({
  id,
  sessionId: id,
  customerId: id,
  passId: id.optional(),
  bookedAt: instantSchema,
}).strict();
export type Booking = z.infer<typeof bookingSchema>;

/**
 * A hybrid logical clock stamp as a string that sorts like the clock:
 * 15-digit wall milliseconds, 6-digit counter, desk id (see shared/rules/hybridLogicalClock.ts),
 * within the bounds every clock operation keeps to: a wall time no later than 9999-12-31, a
 * desk id of at most 200 characters (docs/architecture.md "Clocks that cannot be poisoned").
 */
export const hlcSchema = z.string().refine(
  isHlcWithinBounds,
  refinedAs('importProblem.hlc', { max: MAX_HLC_DESK_ID_LENGTH }),
);

/**
 * A desk id (shared/rules/hybridLogicalClock.ts isDeskId): 1 to 200 units of printable text, so
 * that every stamp the desk makes is a stamp. A desk is never made with another (desk.json), and
 * an entry from a peer whose desk id is not one is refused by the endpoint and set aside by a desk.
 */
export const deskIdSchema = z.string().refine(isDeskId, refinedAs('importProblem.deskId', { max: MAX_HLC_DESK_ID_LENGTH }));

const ledgerBase = {
  id,
  venueId: id,
  passId: z.string().max(200),
  customerId: id,
  deskId: deskIdSchema,
  /** The name of who acted: the person signed in, or (older entries, desks without staff) the name typed at the desk. */
  staff: storableText(z.string().max(200)),
  /** Who was signed in (shared/staff/): absent on older entries and on desks without staff. */
  staffId: id.optional(),
  /** A manager or admin who authorised this one action with their PIN at another person's desk (step-up). */
  authorisedById: id.optional(),
  authorisedBy: storableText(z.string().max(200)).optional(),
  reason: storableText(z.string().max(500)),
  at: instantSchema,
  hlc: hlcSchema,
};

/**
 * A desk ledger entry: one action, append-only, immutable, with a globally unique id.
 * `passId` is '' for an attendance-only check-in of a booking paid otherwise.
 * `sessionId` is '' for a walk-in with no session.
 */
export const ledgerEntrySchema = z.discriminatedUnion('kind', [
  z.object({
    ...ledgerBase,
    kind: z.literal('check-in'),
    sessionId: z.string().max(200),
    charged: z.boolean(),
    bookingId: z.string().max(200),
    /** The venue day of `at`: the duplicate rule for walk-ins with no session is per day. */
    venueDay: calendarDateSchema,
  }).strict(),
  z.object({ ...ledgerBase, kind: z.literal('undo-check-in'), sessionId: z.string().max(200), checkInId: id }).strict(),
  z.object({
    ...ledgerBase,
    kind: z.literal('expiry-override'),
    sessionId: z.literal(''),
    expiry: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('fixed'), date: calendarDateSchema }).strict(),
      z.object({ kind: z.literal('relative'), days: relativeDaysSchema }).strict(),
    ]),
  }).strict(),
  z.object({ ...ledgerBase, kind: z.literal('uses-override'), sessionId: z.literal(''), total: totalUsesSchema }).strict(),
  z.object({ ...ledgerBase, kind: z.literal('revoke'), sessionId: z.literal('') }).strict(),
]);
export type LedgerEntry = z.infer<typeof ledgerEntrySchema>;
export type LedgerKind = LedgerEntry['kind'];
export type CheckInEntry = Extract<LedgerEntry, { kind: 'check-in' }>;
export type ExpiryOverride = Extract<LedgerEntry, { kind: 'expiry-override' }>['expiry'];

/**
 * What a pass's ledger entries add up to (shared/rules/passSummary.ts), as the endpoint sends
 * it to a new desk and as a desk keeps it: enough to add more entries to later, exactly.
 */
export const passSummarySchema = z.object({
  passId: id,
  /** [check-in id, instant] of each charged check-in not undone. */
  charged: z.array(z.tuple([id, instantSchema])),
  /** Ids of check-ins undone (the check-in itself may be unknown). */
  undone: z.array(id),
  expiryOverride: z.object({
    hlc: hlcSchema,
    id,
    expiry: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('fixed'), date: calendarDateSchema }).strict(),
      z.object({ kind: z.literal('relative'), days: relativeDaysSchema }).strict(),
    ]),
  }).strict().nullable(),
  usesOverride: z.object({ hlc: hlcSchema, id, total: totalUsesSchema }).strict().nullable(),
  revoked: z.boolean(),
}).strict();
export type PassSummaryRecord = z.infer<typeof passSummarySchema>;

/** A venue file: the top-level shape of a scenario (FORMAT.md), plus an optional past ledger. */
export const venueFileSchema = z.object({
  venue: venueSchema,
  products: z.array(productSchema).default([]),
  customers: z.array(customerSchema).default([]),
  passes: z.array(passInputSchema).default([]),
  sessions: z.array(sessionSchema).default([]),
  bookings: z.array(bookingSchema).default([]),
  ledger: z.array(ledgerEntrySchema).default([]),
}).passthrough();
export type VenueFile = z.infer<typeof venueFileSchema>;

/** The platform collections a desk receives (read-only on a desk). */
export type VenueData = {
  venue: Venue;
  products: Product[];
  customers: Customer[];
  passes: Pass[];
  sessions: Session[];
  bookings: Booking[];
  ledger: LedgerEntry[];
};
