// What a desk read but cannot use (docs/architecture.md "Clocks that cannot be poisoned":
// "Nothing read can stop a desk"): a record already on disk, a pulled document, a snapshot page,
// a venue file's record. It stays where it was (nothing is deleted), is logged once (a flood is
// counted, not logged line by line) and counted in DeskStatus.setAside for the status bar.

const LOGGED = 50;

export class SetAsideRecords {
  private readonly seen = new Set<string>();
  private logged = 0;

  constructor(private readonly log: (line: string) => void) {}

  get count(): number {
    return this.seen.size;
  }

  /** `source`: where it was read ("on disk", "pulled"...); `what`: which record; `reason`: why it cannot be used. */
  note(source: string, what: string, reason: string): void {
    const key = `${source}\u0000${what}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.logged += 1;
    if (this.logged <= LOGGED) this.log(`desk: set aside ${what} (${source}): ${reason}; it is kept but not used`);
    if (this.logged === LOGGED) this.log('desk: more records set aside are counted in the status but not logged one by one');
  }
}

/** A thrown value in a line of a log. */
export function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
