// An import either applies whole or not at all (SPEC: "re-importing updates records in place";
// issue 4: "a bad file is refused with the row and field at fault, nothing half-applied"). A
// mistake found halfway through the writing transaction is thrown as this, which rolls the
// transaction back, and turned back into a value right outside it.
import type { Refusal } from '../errors';

export class ImportRefused extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.message);
  }
}

export async function refusedAsValue<T>(work: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; refusal: Refusal }> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    if (error instanceof ImportRefused) return { ok: false, refusal: error.refusal };
    throw error;
  }
}
