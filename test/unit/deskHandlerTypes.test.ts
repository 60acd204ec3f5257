// The handler map is typed by the API map (main/desk/deskApiHandlers.ts): each handler takes
// its call's parsed payload and answers its call's result. The lines marked @ts-expect-error
// must NOT compile: `npm run typecheck` checks this file (tsconfig.json includes test/), and
// fails if one of them compiles, as they all did while handlers were `(desk, payload: unknown) => unknown`.
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { DeskApiName, DeskApiPayloads, DeskApiResults, DeskCallRefusal } from '../../shared/schema/api';
import type { DeskHandlers } from '../../main/desk/deskApiHandlers';
import { deskApiHandlers } from '../../main/desk/deskApiHandlers';
import { passHistory } from '../../main/queries/customerQueries';
import { checkIn } from '../../main/commands/checkIn';

describe('a wrong wiring or a wrong answer does not compile', () => {
  it('passState wired to the history query', () => {
    const wired = {
      ...deskApiHandlers,
      // @ts-expect-error passHistory answers { items }, a pass's state is { view }
      passState: (desk, payload) => passHistory(desk.context, payload),
    } satisfies DeskHandlers;
    expect(Object.keys(wired)).toContain('passState');
  });

  it('deskStatus answering a misspelt field', () => {
    const answered = {
      ...deskApiHandlers,
      // @ts-expect-error `staus` is no field of the status answer, and `status` is missing
      deskStatus: () => ({ ok: true, staus: 42 }),
    } satisfies DeskHandlers;
    expect(Object.keys(answered)).toContain('deskStatus');
  });

  it('a handler that reads a field its payload does not have', () => {
    const handlers = {
      ...deskApiHandlers,
      // @ts-expect-error a check-in's payload has a customerId, not a passId
      checkIn: (desk, payload) => checkIn(desk.context, { customerId: payload.passId, sessionId: null }),
    } satisfies DeskHandlers;
    expect(Object.keys(handlers)).toContain('checkIn');
  });

  it('a call of the API map without a handler', () => {
    const { syncReview: _left, ...missing } = deskApiHandlers;
    // @ts-expect-error syncReview has no handler
    const incomplete: DeskHandlers = missing;
    expect(Object.keys(incomplete)).not.toContain('syncReview');
  });
});

describe('the types the map is checked against', () => {
  it('a handler takes the payload its schema gives (trimmed, refined), not the raw input', () => {
    expectTypeOf<Parameters<DeskHandlers['setStaff']>[1]>().toEqualTypeOf<DeskApiPayloads['setStaff']>();
    expectTypeOf<DeskApiPayloads['checkIn']>().toEqualTypeOf<{ customerId: string; sessionId: string | null; confirmDuplicate?: boolean | undefined }>();
  });

  it('every call\'s result admits the refusals the desk itself answers (desk.call)', () => {
    type AdmitsRefusals = { [K in DeskApiName]: DeskCallRefusal extends DeskApiResults[K] ? true : false };
    expectTypeOf<AdmitsRefusals[DeskApiName]>().toEqualTypeOf<true>();
  });
});
