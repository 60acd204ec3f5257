// The scenario format of ../shared/scenarios/FORMAT.md, as a zod schema: a file that does
// not match is a failure with a clear message, never a crash.
import { z } from 'zod';
import { instantSchema, venueFileSchema } from '../../shared/schema/records';

const stepBase = {
  at: instantSchema,
  desk: z.string().min(1).max(50).default('A'),
  expect: z.record(z.string(), z.unknown()).optional(),
};

export const stepSchema = z.discriminatedUnion('do', [
  z.object({ ...stepBase, do: z.literal('checkIn'), customerId: z.string(), sessionId: z.string().nullable(), confirmDuplicate: z.boolean().optional(), id: z.string().optional() }).strict(),
  z.object({ ...stepBase, do: z.literal('undoCheckIn'), checkIn: z.string() }).strict(),
  z.object({ ...stepBase, do: z.literal('overrideExpiry'), passId: z.string(), fixedDate: z.unknown().optional(), relativeDays: z.unknown().optional(), reason: z.unknown().optional() }).strict(),
  z.object({ ...stepBase, do: z.literal('overrideUses'), passId: z.string(), total: z.unknown(), reason: z.unknown().optional() }).strict(),
  z.object({ ...stepBase, do: z.literal('revoke'), passId: z.string(), reason: z.unknown().optional() }).strict(),
  z.object({ ...stepBase, do: z.literal('pass'), passId: z.string() }).strict(),
  z.object({ ...stepBase, do: z.literal('overview'), customerId: z.string() }).strict(),
  z.object({ ...stepBase, do: z.literal('search'), query: z.string(), limit: z.number().int().min(1).optional() }).strict(),
  z.object({ ...stepBase, do: z.literal('history'), passId: z.string() }).strict(),
  z.object({ ...stepBase, do: z.literal('sync'), desks: z.array(z.string().min(1)).optional() }).strict(),
]);
export type ScenarioStep = z.infer<typeof stepSchema>;

export const scenarioSchema = venueFileSchema.extend({
  name: z.string().min(1),
  steps: z.array(stepSchema),
});
export type Scenario = z.infer<typeof scenarioSchema>;
