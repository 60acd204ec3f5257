// Which of a venue's desks this endpoint has heard from lately (SPEC "The venue's network": the
// status bar shows how many of the venue's desks were heard from in the last minute). A desk is
// heard with every request it makes and at every heartbeat of its open live stream. Kept in
// this process's memory: it is about the last minute, so a restart forgets nothing that
// matters; with several endpoint processes each counts the desks it serves (a venue hub is one).
/** "Lately": the status bar's last minute. */
export const HEARD_WITHIN_MS = 60_000;

export class DeskPresence {
  private readonly venues = new Map<string, Map<string, number>>();

  heard(venueId: string, deviceId: string, nowMs: number): void {
    let devices = this.venues.get(venueId);
    if (!devices) {
      devices = new Map();
      this.venues.set(venueId, devices);
    }
    devices.set(deviceId, nowMs);
  }

  /** The venue's devices heard from in the last `HEARD_WITHIN_MS` before `nowMs`; older ones are forgotten. */
  heardLately(venueId: string, nowMs: number): number {
    const devices = this.venues.get(venueId);
    if (!devices) return 0;
    let count = 0;
    for (const [deviceId, lastMs] of devices) {
      if (nowMs - lastMs <= HEARD_WITHIN_MS) count += 1;
      else devices.delete(deviceId);
    }
    return count;
  }
}
