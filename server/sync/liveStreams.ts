// How many live streams (`GET /sync/stream`) each device holds open in this process. A desk
// needs one; a few more cover a reconnect while the old connection is not yet seen to be
// gone. Without a cap one token could hold any number of sockets and subscriptions
// (issue 12, finding 2). Per process: behind a load balancer each replica counts its own.
export const DEFAULT_MAX_STREAMS_PER_DEVICE = 4;

export class LiveStreams {
  private readonly open = new Map<string, number>();

  constructor(readonly maxPerDevice: number) {}

  /** A release for a new stream of the device, or null when it already holds the most it may. */
  take(deviceId: string): (() => void) | null {
    const count = this.open.get(deviceId) ?? 0;
    if (count >= this.maxPerDevice) return null;
    this.open.set(deviceId, count + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.open.get(deviceId) ?? 1) - 1;
      if (left > 0) this.open.set(deviceId, left);
      else this.open.delete(deviceId);
    };
  }
}
