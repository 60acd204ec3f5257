// A demo venue of any size (SPEC: "A demo venue of any size can be generated for trying the
// app and for benchmarks"). Deterministic: the seed and `today` decide everything; nothing
// here reads a clock or Math.random.
//
// The past is simulated customer by customer, with the desk's own rules, so the ledger is
// one the desk could have written: a check-in takes the customer's oldest eligible pass for
// the session, never an expired, used-up or wrong-category one, and no pass is overdrawn.
// Each customer draws from a generator of their own, so the ledger can be produced again,
// customer by customer, without keeping a million entries in memory (`ledgerEntries`).
import { DateTime } from 'luxon';
import type { Booking, Customer, ExpiryRule, LedgerEntry, PassInput, PassTerms, Product, Session, Venue } from '../schema/records';
import { calendarDateSchema, timeZoneSchema } from '../schema/records';
import { formatHlc } from '../rules/hybridLogicalClock';
import { addDays, daysBetween, venueDayOf } from '../rules/venueTime';
import { DEMO_VENUE_ID } from './demoVenueId';

export type DemoVenueOptions = {
  customers: number;
  seed: number;
  /** The venue day the demo is "today" (YYYY-MM-DD): sessions and bookings are around it. */
  today: string;
  timeZone: string;
};

export type DemoVenueFile = {
  venue: Venue;
  products: Product[];
  customers: Customer[];
  passes: PassInput[];
  sessions: Session[];
  bookings: Booking[];
  ledger: LedgerEntry[];
};

/** The venue without its ledger, which is produced on demand, customer by customer. */
export type DemoVenuePlan = Omit<DemoVenueFile, 'ledger'> & {
  ledgerSize: number;
  /** The same entries, in the same order, every time it is called. */
  ledgerEntries(): Generator<LedgerEntry, void, undefined>;
};

export function generateDemoVenue(options: DemoVenueOptions): DemoVenueFile {
  const { ledgerEntries, ledgerSize: _ledgerSize, ...plan } = planDemoVenue(options);
  return { ...plan, ledger: [...ledgerEntries()] };
}

// --- how big, how long --------------------------------------------------------------------

/** Passes are bought over the last year; the ledger covers it. */
const HISTORY_DAYS = 365;
const FUTURE_DAYS = 7;
const VENUE_ID = DEMO_VENUE_ID;

/** About 8 sessions a day for 200 customers, about 50 for 100,000 (SPEC "50 sessions a day"). */
export function sessionsPerDayFor(customers: number): number {
  return Math.min(60, Math.max(2, Math.round(8 * Math.pow(Math.max(customers, 1) / 200, 0.295))));
}

function bookingsPerSessionFor(customers: number): number {
  return Math.min(30, Math.max(1, Math.round(3 * Math.pow(Math.max(customers, 1) / 200, 0.35))));
}

// --- a small seeded generator (mulberry32) ------------------------------------------------

type Random = () => number;

/** Also the tests' and benchmarks' seeded generator: one implementation. */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An independent stream per (seed, purpose, number), so customers never share draws. */
function streamOf(seed: number, purpose: number, number: number): Random {
  let h = (seed ^ Math.imul(purpose + 1, 0x85ebca6b) ^ Math.imul(number + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return mulberry32((h ^ (h >>> 16)) >>> 0);
}

const STREAM = { timetable: 1, names: 2, visits: 3, bookings: 4 } as const;

function between(random: Random, low: number, high: number): number {
  return low + Math.floor(random() * (high - low + 1));
}

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function pad(number: number, width: number): string {
  return String(number).padStart(width, '0');
}

// --- people ------------------------------------------------------------------------------

const FIRST_NAMES = [
  'José', 'Zoë', 'Siân', 'Ana-María', 'François', 'Chloé', 'Björn', 'Søren', 'Łukasz', 'Renée',
  'Anaïs', 'Noémie', 'Íñigo', 'Małgorzata', 'Zoltán', 'Ayşe', 'Çağla', 'Seán', 'Áine', 'Ciarán',
  'Oisín', 'Niamh', 'Mícheál', 'Hélène', 'Jürgen', 'Åsa', 'Mette', 'Ömer', 'Thảo', 'Rémi',
  'Gaël', 'Maëlle', 'Inès', 'Raphaël', 'Begoña', 'Agustín', 'Lucía', 'Sofía', 'Mateo', 'Jean-Luc',
  'Marie-Claire', 'Anne-Sophie', 'Fatima', 'Amira', 'Yusuf', 'Kwame', 'Ama', 'Chidi', 'Ngozi', 'Aarav',
  'Priya', 'Anjali', 'Wei', 'Mei', 'Hiroshi', 'Yuki', 'Ji-woo', 'Min-jun', 'Olivia', 'Jack',
  'Emily', 'Harry', 'Amelia', 'George', 'Isla', 'Noah', 'Mia', 'Leo', 'Ava', 'Oliver',
  'Grace', 'Dara', 'Ruairí', 'Eabha', 'Pádraig', 'Ingrid', 'Nils', 'Dvora', 'Tomás', 'Joaquín',
];

const LAST_NAMES = [
  'Núñez', "O'Brien", 'Ní Bhriain', 'Pérez', 'Lefèvre', 'Müller', 'García-López', "D'Angelo", "O'Connor", 'Ó Súilleabháin',
  'Mac Giolla Phádraig', 'van der Berg', 'de la Cruz', 'Jäger', 'Kowalczyk', 'Żak', 'Dvořák', 'Øberg', 'Sæther', 'Strauß',
  'Nguyễn', 'Trần', 'Yılmaz', 'Öztürk', 'Şahin', 'Novák', 'Horváth', 'Szabó', 'Papadopoulos', 'Smith',
  'Jones', 'Williams', 'Brown', 'Taylor', 'Davies', 'Evans', 'Wilson', 'Patel', 'Khan', 'Singh',
  'Okafor', 'Adeyemi', 'Mensah', 'Nakamura', 'Tanaka', 'Kim', 'Park', 'Chen', 'Wang', 'Rossi',
  'Bianchi', 'Fernández', 'González', 'Sánchez', 'Silva', 'Santos', 'Fischer', 'Schröder', 'Dubois', 'Girard',
  'Bergström', 'Lindqvist', 'Hämäläinen', 'MacDonald', 'McCarthy', 'Fitzgerald', 'Price-Jones', "N'Diaye", 'Al-Sayed', 'Ó Ceallaigh',
];

const EMAIL_DOMAINS = ['example.com', 'example.org', 'example.net', 'mail.example', 'post.example'];

/** Letters that do not decompose into a base letter and an accent. */
const FOLDED_LETTERS: Record<string, string> = { ø: 'o', æ: 'ae', ß: 'ss', ł: 'l', đ: 'd', œ: 'oe', ı: 'i', þ: 'th', ð: 'd' };

/** Email local parts are plain ASCII: "Zoë O'Brien" → "zoe", "obrien". */
function asciiFold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[øæßłđœıþð]/g, (letter) => FOLDED_LETTERS[letter] ?? '')
    .replace(/[^a-z0-9-]/g, '');
}

const STAFF = ['Maya', 'Tomás', 'Ingrid', 'Kwame', 'Léa', 'Oskar', 'Priya', 'Dónal'];

// --- products ------------------------------------------------------------------------------

const CATEGORIES = ['yoga', 'pilates', 'climbing', 'bouldering', 'dance', 'barre', 'kids', 'hiit', 'spin', 'meditation'] as const;

const SESSION_NAMES: Record<(typeof CATEGORIES)[number], string[]> = {
  yoga: ['Vinyasa flow', 'Hatha yoga', 'Yin yoga', 'Sunrise yoga', 'Power yoga'],
  pilates: ['Mat pilates', 'Reformer pilates', 'Pilates core'],
  climbing: ['Top-rope climbing', 'Lead climbing club', 'Climbing technique'],
  bouldering: ['Bouldering social', 'Bouldering for beginners'],
  dance: ['Salsa for beginners', 'Contemporary dance', 'Hip-hop', 'Tango práctica'],
  barre: ['Ballet barre', 'Barre sculpt'],
  kids: ["Kids' climbing club", "Kids' dance", "Kids' yoga"],
  hiit: ['HIIT 30', 'Circuit training', 'Bootcamp'],
  spin: ['Spin 45', 'Rhythm ride'],
  meditation: ['Meditation & breath', 'Sound bath'],
};

/** A product as sold: how often it sells, and the days (relative to today) it was on sale. */
type ProductOnSale = { product: Product; weight: number; firstSaleDay: number; lastSaleDay: number };

function productsOnSale(today: string): ProductOnSale[] {
  const longDate = (date: string) => DateTime.fromISO(date, { zone: 'UTC' }).setLocale('en-GB').toFormat('d LLLL yyyy');
  const annualEnds = addDays(today, 150);
  const termEnds = addDays(today, 30);
  const seasonEnded = addDays(today, -21);
  const always = { firstSaleDay: -HISTORY_DAYS, lastSaleDay: -1 };
  return [
    { weight: 8, ...always, product: { id: 'p-intro-3', name: 'Intro offer: 3 classes in 14 days', uses: 3, expiry: { kind: 'relative', days: 14 }, validFor: 'all' } },
    { weight: 14, ...always, product: { id: 'p-5-class', name: '5 classes, 60 days from first use', uses: 5, expiry: { kind: 'relative', days: 60 }, validFor: 'all' } },
    { weight: 18, ...always, product: { id: 'p-10-class', name: '10 classes, 90 days from first use', uses: 10, expiry: { kind: 'relative', days: 90 }, validFor: 'all' } },
    { weight: 7, ...always, product: { id: 'p-20-class', name: '20 classes, no expiry', uses: 20, expiry: { kind: 'none' }, validFor: 'all' } },
    { weight: 10, ...always, product: { id: 'p-unlimited-30', name: 'Unlimited, 30 days from first use', uses: null, expiry: { kind: 'relative', days: 30 }, validFor: 'all' } },
    { weight: 5, firstSaleDay: -215, lastSaleDay: -1, product: { id: 'p-annual', name: `Annual membership until ${longDate(annualEnds)}`, uses: null, expiry: { kind: 'fixed', date: annualEnds }, validFor: 'all' } },
    { weight: 10, ...always, product: { id: 'p-yoga-10', name: '10 yoga classes, 60 days from first use', uses: 10, expiry: { kind: 'relative', days: 60 }, validFor: ['yoga'] } },
    { weight: 8, ...always, product: { id: 'p-climb-8', name: '8 climbing or bouldering sessions', uses: 8, expiry: { kind: 'none' }, validFor: ['climbing', 'bouldering'] } },
    { weight: 6, firstSaleDay: -120, lastSaleDay: -1, product: { id: 'p-dance-term', name: `Dance term: 12 classes until ${longDate(termEnds)}`, uses: 12, expiry: { kind: 'fixed', date: termEnds }, validFor: ['dance', 'barre'] } },
    // Sold out and over: its passes are expired now, some with uses left.
    { weight: 6, firstSaleDay: -200, lastSaleDay: -22, product: { id: 'p-last-season', name: `Last season: 10 classes until ${longDate(seasonEnded)}`, uses: 10, expiry: { kind: 'fixed', date: seasonEnded }, validFor: 'all' } },
    { weight: 4, ...always, product: { id: 'p-kids-6', name: "Kids' club: 6 sessions", uses: 6, expiry: { kind: 'none' }, validFor: ['kids'] } },
    { weight: 4, ...always, product: { id: 'p-single', name: 'Single class', uses: 1, expiry: { kind: 'none' }, validFor: 'all' } },
    { weight: 3, ...always, product: { id: 'p-calm-90', name: 'Unlimited yoga, pilates & meditation, 90 days from first use', uses: null, expiry: { kind: 'relative', days: 90 }, validFor: ['yoga', 'pilates', 'meditation'] } },
  ];
}

/** Passes of the 10-class pass bought before this day kept the terms it had then. */
const TEN_CLASS_TERMS_CHANGED_DAY = -200;
const TEN_CLASS_OLD_TERMS: PassTerms = { uses: 10, expiry: { kind: 'relative', days: 120 }, validFor: 'all' };

// --- days and sessions ---------------------------------------------------------------------

type SessionSlot = { minute: number; minutes: number; category: string; name: string };

type VenueDayPlan = {
  offset: number;
  date: string;
  startMs: number;
  noonMs: number;
  sessions: Session[];
  startsMs: number[];
};

type World = {
  seed: number;
  timeZone: string;
  products: ProductOnSale[];
  productWeightTotal: number;
  /** Index = day offset + HISTORY_DAYS. */
  days: VenueDayPlan[];
  desks: number;
  /** Day offset (from today) of each fixed expiry date. */
  dayOffsetOfDate: Map<string, number>;
};

/** The week's timetable: the same sessions every week, every category at least weekly. */
function planTimetable(random: Random, perDay: number): SessionSlot[][] {
  const opens = 6 * 60 + 30;
  const lastStart = 20 * 60 + 45;
  return Array.from({ length: 7 }, (_, weekday) => {
    const slots: SessionSlot[] = [];
    for (let k = 0; k < perDay; k += 1) {
      const category = CATEGORIES[(weekday * perDay + k) % CATEGORIES.length]!;
      const spread = perDay === 1 ? 0 : (k * (lastStart - opens)) / (perDay - 1);
      slots.push({
        minute: opens + Math.round(spread / 15) * 15,
        minutes: pick(random, [45, 60, 60, 75, 90]),
        category,
        name: pick(random, SESSION_NAMES[category]),
      });
    }
    return slots;
  });
}

function planDays(today: string, timeZone: string, timetable: SessionSlot[][]): VenueDayPlan[] {
  const days: VenueDayPlan[] = [];
  for (let offset = -HISTORY_DAYS; offset <= FUTURE_DAYS; offset += 1) {
    // Wall-clock times are built in the venue zone, so a 09:30 class is 09:30 on both sides
    // of a clock change.
    const local = DateTime.fromISO(addDays(today, offset), { zone: timeZone });
    const noonMs = local.set({ hour: 12 }).toMillis();
    const date = venueDayOf(noonMs, timeZone);
    const compactDate = date.replaceAll('-', '');
    const slots = timetable[local.weekday - 1]!;
    const startsMs: number[] = [];
    const sessions = slots.map((slot, index): Session => {
      const startMs = local.set({ hour: Math.floor(slot.minute / 60), minute: slot.minute % 60 }).toMillis();
      startsMs.push(startMs);
      return {
        id: `s-${compactDate}-${pad(index + 1, 2)}`,
        name: slot.name,
        category: slot.category,
        startsAt: new Date(startMs).toISOString(),
        endsAt: new Date(startMs + slot.minutes * 60_000).toISOString(),
      };
    });
    days.push({ offset, date, startMs: local.startOf('day').toMillis(), noonMs, sessions, startsMs });
  }
  return days;
}

function dayAt(world: World, offset: number): VenueDayPlan {
  return world.days[offset + HISTORY_DAYS]!;
}

// --- one customer's year -----------------------------------------------------------------

/** A pass as the simulation tracks it: its terms and what its ledger adds up to so far. */
type PassRun = {
  input: PassInput;
  terms: PassTerms;
  purchasedMs: number;
  purchaseDay: number;
  total: number | null;
  used: number;
  firstUseDay: number | null;
  expiry: ExpiryRule;
  revoked: boolean;
  lastEventMs: number;
};

type Stamp = { atMs: number; desk: number; staff: number };

type LedgerEvent = { stamp: Stamp; pass: PassRun; id?: string } & (
  | { kind: 'check-in'; day: VenueDayPlan; session: number }
  | { kind: 'undo-check-in'; checkIn: LedgerEvent; day: VenueDayPlan; session: number }
  | { kind: 'expiry-override'; expiry: Extract<ExpiryRule, { kind: 'fixed' | 'relative' }>; reason: string }
  | { kind: 'uses-override'; total: number; reason: string }
  | { kind: 'revoke'; reason: string }
);

type CustomerRun = { customerId: string; passes: PassRun[]; events: LedgerEvent[] };

/** About 2 passes a customer, 1 to 4. */
function passCountOf(random: Random): number {
  const draw = random();
  return draw < 0.38 ? 1 : draw < 0.73 ? 2 : draw < 0.91 ? 3 : 4;
}

function pickProduct(world: World, random: Random): ProductOnSale {
  let draw = random() * world.productWeightTotal;
  for (const onSale of world.products) {
    draw -= onSale.weight;
    if (draw < 0) return onSale;
  }
  return world.products[world.products.length - 1]!;
}

function expiresOnDay(world: World, run: PassRun): number | null {
  switch (run.expiry.kind) {
    case 'none': return null;
    case 'fixed': return dayOffsetOf(world, run.expiry.date);
    case 'relative': return run.firstUseDay === null ? null : run.firstUseDay + run.expiry.days;
  }
}

/** Days from today to `date`; the few fixed expiry dates are worked out once each. */
function dayOffsetOf(world: World, date: string): number {
  let offset = world.dayOffsetOfDate.get(date);
  if (offset === undefined) {
    offset = daysBetween(world.days[HISTORY_DAYS]!.date, date);
    world.dayOffsetOfDate.set(date, offset);
  }
  return offset;
}

/** SPEC's eligibility, on a venue day: not revoked, not expired, a use left, valid for the session. */
function isEligible(world: World, run: PassRun, day: number, category: string | null): boolean {
  if (run.revoked || run.purchaseDay >= day) return false;
  const expires = expiresOnDay(world, run);
  if (expires !== null && day > expires) return false;
  if (run.total !== null && run.used >= run.total) return false;
  const validFor = run.terms.validFor;
  return validFor === 'all' || (category !== null && validFor.includes(category));
}

/** Whether the pass could still redeem a use on `day` or later: the visits stop when none can. */
function mayBeUsedOnOrAfter(world: World, run: PassRun, day: number): boolean {
  if (run.purchaseDay >= day) return true;
  if (run.revoked || (run.total !== null && run.used >= run.total)) return false;
  const expires = expiresOnDay(world, run);
  return expires === null || day <= expires;
}

function oldestEligible(world: World, passes: readonly PassRun[], day: number, category: string | null): PassRun | null {
  // `passes` are in purchase order, which is the order a check-in tries them.
  for (const run of passes) if (isEligible(world, run, day, category)) return run;
  return null;
}

function buyPasses(world: World, random: Random, customerId: string, firstPassNumber: number): PassRun[] {
  const count = passCountOf(random);
  const bought: Omit<PassRun, 'input'>[] = [];
  const productIds: string[] = [];
  for (let k = 0; k < count; k += 1) {
    const onSale = pickProduct(world, random);
    const purchaseDay = between(random, onSale.firstSaleDay, onSale.lastSaleDay);
    // Bought online or at the desk between 08:00 and 21:00 in the venue zone.
    const purchasedMs = dayAt(world, purchaseDay).noonMs + between(random, -4 * 3600, 9 * 3600) * 1000;
    const product = onSale.product;
    const terms: PassTerms = product.id === 'p-10-class' && purchaseDay < TEN_CLASS_TERMS_CHANGED_DAY
      ? TEN_CLASS_OLD_TERMS
      : { uses: product.uses, expiry: product.expiry, validFor: product.validFor };
    productIds.push(product.id);
    bought.push({ terms, purchasedMs, purchaseDay, total: terms.uses, used: 0, firstUseDay: null, expiry: terms.expiry, revoked: false, lastEventMs: purchasedMs });
  }
  const order = bought.map((_, index) => index).sort((a, b) => bought[a]!.purchasedMs - bought[b]!.purchasedMs);
  return order.map((index, position) => {
    const run = bought[index]!;
    const number = firstPassNumber + position + 1;
    const input: PassInput = {
      id: `x-${pad(number, 6)}`,
      customerId,
      productId: productIds[index]!,
      purchasedAt: new Date(run.purchasedMs).toISOString(),
      code: `PASS-${pad(number, 6)}`,
    };
    if (run.terms === TEN_CLASS_OLD_TERMS) input.terms = TEN_CLASS_OLD_TERMS;
    return { ...run, input };
  });
}

/** Tuned so that a venue's ledger has about 10 entries a customer (SPEC's scale: 100,000 customers, 1,000,000 check-ins). */
const VISIT_RATE_SCALE = 0.6;

/** Visits a day: most customers come now and then, a few lapse, a few come most days. */
function visitRateOf(random: Random): number {
  const draw = random();
  const weekly = draw < 0.12 ? 0.1 : draw < 0.5 ? 0.3 + random() * 0.7 : draw < 0.85 ? 1 + random() * 1.5 : 2.5 + random() * 2.5;
  return (weekly * VISIT_RATE_SCALE) / 7;
}

function stampOf(world: World, random: Random, atMs: number): Stamp {
  const desk = Math.floor(random() * world.desks);
  return { atMs, desk, staff: desk * 2 + Math.floor(random() * 2) };
}

/** A time between 09:00 and 20:00 of that venue day, for desk work between sessions. */
function deskTimeOn(world: World, random: Random, day: number, notBeforeMs: number): number {
  const base = dayAt(world, day).noonMs + between(random, -3 * 3600, 8 * 3600) * 1000;
  return Math.max(base, notBeforeMs + between(random, 5, 90) * 60_000);
}

/** The id of the demo venue's customer at `customerIndex` (from 0): what a bench picks a customer by. */
export function demoCustomerId(customerIndex: number): string {
  return `c-${pad(customerIndex + 1, 6)}`;
}

function simulateCustomer(world: World, customerIndex: number, firstPassNumber: number): CustomerRun {
  const random = streamOf(world.seed, STREAM.visits, customerIndex);
  const customerId = demoCustomerId(customerIndex);
  const passes = buyPasses(world, random, customerId, firstPassNumber);
  const events: LedgerEvent[] = [];
  const rate = visitRateOf(random);
  // Geometric gaps between visits: a visit on each day with probability `rate`.
  const gap = () => 1 + Math.floor(Math.log(1 - random()) / Math.log(1 - rate));
  for (let day = passes[0]!.purchaseDay + gap(); day <= -1; day += gap()) {
    if (!passes.some((run) => mayBeUsedOnOrAfter(world, run, day))) break;
    const plan = dayAt(world, day);
    let chosen: { run: PassRun; session: number } | null = null;
    // One visit in twenty is to the open floor, with no session booked.
    if (random() < 0.05) {
      const run = oldestEligible(world, passes, day, null);
      if (run) chosen = { run, session: -1 };
    } else {
      for (let attempt = 0; attempt < 4 && !chosen; attempt += 1) {
        const session = Math.floor(random() * plan.sessions.length);
        const run = oldestEligible(world, passes, day, plan.sessions[session]!.category);
        if (run) chosen = { run, session };
      }
    }
    if (!chosen) continue;
    const { run, session } = chosen;
    const reference = session >= 0 ? plan.startsMs[session]! : plan.startsMs[Math.floor(random() * plan.startsMs.length)]! + between(random, -60, 60) * 60_000;
    const atMs = reference - between(random, 0, 25 * 60) * 1000;
    const checkIn: LedgerEvent = { kind: 'check-in', pass: run, day: plan, session, stamp: stampOf(world, random, atMs) };
    events.push(checkIn);
    run.used += 1;
    run.firstUseDay ??= day;
    run.lastEventMs = atMs;
    // Wrong customer picked at the door: undone at once, the use given back.
    if (random() < 0.02) {
      const undoMs = atMs + between(random, 20, 300) * 1000;
      events.push({ kind: 'undo-check-in', pass: run, checkIn, day: plan, session, stamp: { ...checkIn.stamp, atMs: undoMs } });
      run.used -= 1;
      if (run.used === 0) run.firstUseDay = null;
      run.lastEventMs = undoMs;
    }
  }
  let lastMs = Math.max(...passes.map((run) => run.lastEventMs));
  for (const run of passes) lastMs = fixPass(world, random, run, events, lastMs);
  events.sort((a, b) => a.stamp.atMs - b.stamp.atMs);
  return { customerId, passes, events };
}

/**
 * Front-desk fixes, made after the customer's last visit so that every check-in before them
 * was judged under the terms the pass had then, oldest pass first: an extension for a
 * holiday, a use given back or taken away, a refund. Returns the time of the last fix.
 */
function fixPass(world: World, random: Random, run: PassRun, events: LedgerEvent[], notBeforeMs: number): number {
  let lastMs = notBeforeMs;
  const nextDeskTime = () => {
    const day = between(random, Math.min(-1, dayOfMs(world, lastMs)), -1);
    lastMs = deskTimeOn(world, random, day, lastMs);
    return lastMs;
  };
  if (run.expiry.kind !== 'none' && random() < 0.03) {
    // SPEC: the number entered is the whole timeframe (30 extended by 14 is 44).
    const extension = pick(random, [7, 14, 30]);
    const expiry = run.expiry.kind === 'fixed'
      ? { kind: 'fixed' as const, date: addDays(run.expiry.date, extension) }
      : { kind: 'relative' as const, days: run.expiry.days + extension };
    events.push({ kind: 'expiry-override', pass: run, expiry, reason: pick(random, ['holiday', "injury, doctor's note", 'studio closed for repairs', '']), stamp: stampOf(world, random, nextDeskTime()) });
    run.expiry = expiry;
  }
  if (run.total !== null && random() < 0.02) {
    // SPEC: the number set is the total the pass started with, never below the uses made.
    const takeAway = random() < 0.5 && run.total - 1 >= run.used;
    const total = takeAway ? run.total - 1 : run.total + 1;
    events.push({ kind: 'uses-override', pass: run, total, reason: takeAway ? 'attended without booking' : 'class cancelled', stamp: stampOf(world, random, nextDeskTime()) });
    run.total = total;
  }
  if (random() < 0.01) {
    events.push({ kind: 'revoke', pass: run, reason: pick(random, ['refunded', 'bought twice by mistake', 'chargeback']), stamp: stampOf(world, random, nextDeskTime()) });
    run.revoked = true;
  }
  run.lastEventMs = Math.max(run.lastEventMs, lastMs);
  return lastMs;
}

function dayOfMs(world: World, ms: number): number {
  let offset = Math.floor((ms - world.days[0]!.startMs) / 86_400_000) - HISTORY_DAYS;
  while (offset > -HISTORY_DAYS && dayAt(world, offset).startMs > ms) offset -= 1;
  while (offset < FUTURE_DAYS && dayAt(world, offset + 1).startMs <= ms) offset += 1;
  return offset;
}

// --- the ledger as the desks wrote it ---------------------------------------------------

function ledgerEntryOf(event: LedgerEvent, id: string): LedgerEntry {
  const { atMs, desk } = event.stamp;
  const deskId = `desk-${desk + 1}`;
  const passId = event.pass.input.id;
  const customerId = event.pass.input.customerId;
  const staff = STAFF[event.stamp.staff]!;
  const at = new Date(atMs).toISOString();
  // Entries of one desk are a second apart or more: the counter is never needed.
  const hlc = formatHlc({ wallMs: atMs, counter: 0 }, deskId);
  // Written out per kind rather than spread from a common base: a million spreads are the
  // slowest part of a large venue.
  switch (event.kind) {
    case 'check-in': {
      const sessionId = event.session >= 0 ? event.day.sessions[event.session]!.id : '';
      return { id, venueId: VENUE_ID, kind: 'check-in', passId, customerId, sessionId, deskId, staff, reason: '', at, hlc, charged: true, bookingId: '', venueDay: event.day.date };
    }
    case 'undo-check-in': {
      const sessionId = event.session >= 0 ? event.day.sessions[event.session]!.id : '';
      return { id, venueId: VENUE_ID, kind: 'undo-check-in', passId, customerId, sessionId, deskId, staff, reason: 'wrong customer', at, hlc, checkInId: event.checkIn.id! };
    }
    case 'expiry-override':
      return { id, venueId: VENUE_ID, kind: 'expiry-override', passId, customerId, sessionId: '', deskId, staff, reason: event.reason, at, hlc, expiry: event.expiry };
    case 'uses-override':
      return { id, venueId: VENUE_ID, kind: 'uses-override', passId, customerId, sessionId: '', deskId, staff, reason: event.reason, at, hlc, total: event.total };
    case 'revoke':
      return { id, venueId: VENUE_ID, kind: 'revoke', passId, customerId, sessionId: '', deskId, staff, reason: event.reason, at, hlc };
  }
}

function* ledgerOf(world: World, customers: number, passStarts: Int32Array): Generator<LedgerEntry, void, undefined> {
  let number = 0;
  for (let index = 0; index < customers; index += 1) {
    for (const event of simulateCustomer(world, index, passStarts[index]!).events) {
      number += 1;
      event.id = `l-${pad(number, 7)}`;
      yield ledgerEntryOf(event, event.id);
    }
  }
}

// --- today's bookings --------------------------------------------------------------------

/**
 * Bookings for today's sessions, made in the last week. One paid with a pass redeemed a use
 * of the customer's oldest pass eligible for the session (FORMAT.md), booked after the
 * pass's last ledger entry, so the past ledger stays as it was judged.
 */
function planBookings(world: World, runs: readonly PassRun[], passStarts: Int32Array, customers: number): Booking[] {
  const random = streamOf(world.seed, STREAM.bookings, 0);
  const today = dayAt(world, 0);
  const weekAgoMs = dayAt(world, -7).startMs;
  const perSession = bookingsPerSessionFor(customers);
  const bookings: Booking[] = [];
  if (customers === 0) return bookings;
  for (const session of today.sessions) {
    const booked = new Set<number>();
    const count = between(random, Math.ceil(perSession / 2), perSession + Math.floor(perSession / 2));
    for (let k = 0; k < count; k += 1) {
      // Most bookings are paid with a pass, by customers who hold one that fits the session;
      // the rest were paid otherwise, by anyone.
      const paidWithPass = random() < 0.8;
      let customer = Math.floor(random() * customers);
      let run: PassRun | null = null;
      for (let attempt = 0; paidWithPass && !run && attempt < 6; attempt += 1) {
        customer = Math.floor(random() * customers);
        if (booked.has(customer)) continue;
        run = oldestEligible(world, runs.slice(passStarts[customer]!, passStarts[customer + 1]!), 0, session.category);
      }
      if (booked.has(customer)) continue;
      booked.add(customer);
      const earliestMs = Math.max(weekAgoMs, run ? run.lastEventMs + 60_000 : weekAgoMs);
      const bookedMs = Math.floor(between(random, earliestMs, Math.max(earliestMs, today.startMs - 60_000)) / 1000) * 1000;
      const booking: Booking = {
        id: `b-${pad(bookings.length + 1, 6)}`,
        sessionId: session.id,
        customerId: `c-${pad(customer + 1, 6)}`,
        bookedAt: new Date(bookedMs).toISOString(),
      };
      if (run) {
        booking.passId = run.input.id;
        run.used += 1;
        run.firstUseDay ??= dayOfMs(world, bookedMs);
        run.lastEventMs = bookedMs;
      }
      bookings.push(booking);
    }
  }
  return bookings;
}

// --- the plan --------------------------------------------------------------------------------

function checkOptions(options: DemoVenueOptions): void {
  if (!Number.isSafeInteger(options.customers) || options.customers < 0) throw new RangeError(`customers must be a whole number ≥ 0, not ${options.customers}`);
  if (!Number.isSafeInteger(options.seed)) throw new RangeError(`seed must be a whole number, not ${options.seed}`);
  if (!calendarDateSchema.safeParse(options.today).success) throw new RangeError(`today must be a date YYYY-MM-DD, not ${options.today}`);
  if (!timeZoneSchema.safeParse(options.timeZone).success) throw new RangeError(`unknown time zone ${options.timeZone}`);
}

export function planDemoVenue(options: DemoVenueOptions): DemoVenuePlan {
  checkOptions(options);
  const seed = options.seed >>> 0;
  const perDay = sessionsPerDayFor(options.customers);
  const products = productsOnSale(options.today);
  const world: World = {
    seed,
    timeZone: options.timeZone,
    products,
    productWeightTotal: products.reduce((sum, onSale) => sum + onSale.weight, 0),
    days: planDays(options.today, options.timeZone, planTimetable(streamOf(seed, STREAM.timetable, 0), perDay)),
    desks: Math.min(4, Math.max(1, Math.ceil(perDay / 12))),
    dayOffsetOfDate: new Map(),
  };

  const customers: Customer[] = [];
  const passes: PassInput[] = [];
  const runs: PassRun[] = [];
  const passStarts = new Int32Array(options.customers + 1);
  const emailsTaken = new Map<string, number>();
  let ledgerSize = 0;
  for (let index = 0; index < options.customers; index += 1) {
    passStarts[index] = runs.length;
    const run = simulateCustomer(world, index, runs.length);
    customers.push(customerOf(seed, index, run.customerId, emailsTaken));
    for (const pass of run.passes) {
      runs.push(pass);
      passes.push(pass.input);
    }
    ledgerSize += run.events.length;
  }
  passStarts[options.customers] = runs.length;

  return {
    venue: { id: VENUE_ID, name: 'Riverside Studio & Climbing (demo)', timeZone: options.timeZone },
    products: products.map((onSale) => onSale.product),
    customers,
    passes,
    sessions: world.days.flatMap((day) => day.sessions),
    bookings: planBookings(world, runs, passStarts, options.customers),
    ledgerSize,
    ledgerEntries: () => ledgerOf(world, options.customers, passStarts),
  };
}

function customerOf(seed: number, index: number, id: string, emailsTaken: Map<string, number>): Customer {
  const random = streamOf(seed, STREAM.names, index);
  const first = pick(random, FIRST_NAMES);
  const last = pick(random, LAST_NAMES);
  const name = `${first} ${last}`;
  if (random() < 0.03) return { id, name };
  const [given, family] = [asciiFold(first), asciiFold(last)];
  const style = random();
  const local = style < 0.6 ? `${given}.${family}` : style < 0.75 ? `${given}${family}` : style < 0.9 ? `${given[0]}.${family}` : `${given}_${family}`;
  const address = `${local}@${pick(random, EMAIL_DOMAINS)}`;
  // Namesakes are common in a large venue; their addresses still differ.
  const taken = emailsTaken.get(address) ?? 0;
  emailsTaken.set(address, taken + 1);
  return { id, name, email: taken === 0 ? address : address.replace('@', `${taken + 1}@`) };
}
