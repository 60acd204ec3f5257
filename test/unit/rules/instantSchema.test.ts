// Instants carry an offset or Z, and only offsets that exist (Luxon alone takes "+25:00").
import { describe, expect, it } from 'vitest';
import { instantSchema } from '../../../shared/schema/records';

describe('instantSchema', () => {
  it.each(['2026-01-05T10:00:00Z', '2026-01-05T10:00:00.123Z', '2026-01-05T10:00:00+14:00', '2026-01-05T10:00:00-12:00', '2026-01-05T10:00:00+0530', '2026-01-05T10:00:00-09:30'])('takes %s', (value) => {
    expect(instantSchema.safeParse(value).success).toBe(true);
  });

  it.each(['2026-01-05T10:00:00', '2026-01-05T10:00:00+25:00', '2026-01-05T10:00:00+14:01', '2026-01-05T10:00:00+05:60', '2026-02-30T10:00:00Z', 'yesterday', ''])('refuses %s', (value) => {
    expect(instantSchema.safeParse(value).success).toBe(false);
  });
});
