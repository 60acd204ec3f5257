// Closing a desk is bounded: at the app's quit, or when a core restarts, a step that waits on a
// storage host that will never answer (the browser closed the database by force under it, its
// page is gone) must not hang the desk. A step that has not finished in time is left to itself
// and said in the log. Nothing acknowledged is lost by leaving it: a command is answered
// `ok: true` only after its write is on disk (strict durability; test/crash/ kills desks at
// any moment and reads every acknowledged entry back), so closing only lets go of the database.

/** How long one step of closing a desk may take before it is left. */
export const CLOSE_STEP_MS = 2_000;

/** Runs one step of closing; resolves when it finished, failed, or took longer than `withinMs` (each said in the log). */
export async function closeStep(name: string, step: () => Promise<unknown>, log: (line: string) => void, withinMs = CLOSE_STEP_MS): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), withinMs);
  });
  try {
    const outcome = await Promise.race([step().then(() => 'done' as const), late]);
    if (outcome === 'late') log(`closing the desk: ${name} had not finished after ${withinMs / 1000} s; left unfinished (what was acknowledged is on disk already)`);
  } catch (error) {
    log(`closing the desk: ${name} failed (${error instanceof Error ? error.message : String(error)}); the rest is closed`);
  } finally {
    clearTimeout(timer);
  }
}
