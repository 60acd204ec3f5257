// The bounded runs of the fuzz suite: FUZZ_RUNS bad inputs per boundary with the seed FUZZ_SEED.
export const ciRuns = Number(process.env.FUZZ_RUNS ?? 100);
export const ciSeed = Number(process.env.FUZZ_SEED ?? 20260307);
