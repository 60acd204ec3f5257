// Which of a venue's desks this endpoint has heard from lately (SPEC "The venue's network": the
// status bar shows how many of the venue's desks were heard from in the last minute). A desk is
// heard with every request it makes and at every heartbeat of its open live stream. Kept in
// this process's memory: it is about the last minute, so a restart forgets nothing that
// matters; with several endpoint processes each counts the desks it serves (a venue hub is one).
import { heardLately } from '../../shared/sync/desksHeard';

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

  /** The venue's devices heard from lately (the last minute before `nowMs`); older ones are forgotten. */
  heardLately(venueId: string, nowMs: number): number {
    return this.lastHeard(venueId, nowMs).size;
  }

  /** How long ago each of the venue's devices other than `deviceId` was last heard, those heard lately only. */
  othersHeardMsAgo(venueId: string, deviceId: string, nowMs: number): number[] {
    return [...this.lastHeard(venueId, nowMs)].filter(([other]) => other !== deviceId).map(([, lastMs]) => Math.max(0, nowMs - lastMs));
  }

  private lastHeard(venueId: string, nowMs: number): Map<string, number> {
    const devices = this.venues.get(venueId) ?? new Map<string, number>();
    for (const [deviceId, lastMs] of devices) if (!heardLately(nowMs - lastMs)) devices.delete(deviceId);
    return devices;
  }
}
