// Which device and venue a token belongs to, remembered by this process. Those never change
// for a token (a device is issued once, for one venue); whether the token may still be used
// does change, and is never taken from here: a route that identifies its device from this
// memory must check revocation in the very statement that does its work, as a push does
// (db/pushedEntries.ts). So a token revoked through any process stops working at once, with no
// invalidation to deliver, and the push costs no query of its own for the token.

export type DeviceIdentity = { deviceId: string; venueId: string };

/** Enough for every desk of many venues; beyond it the oldest are looked up again. */
const REMEMBERED = 10_000;

export class DeviceIdentities {
  private readonly byTokenHash = new Map<string, DeviceIdentity>();

  constructor(private readonly capacity = REMEMBERED) {}

  get(tokenHash: string): DeviceIdentity | undefined {
    return this.byTokenHash.get(tokenHash);
  }

  /** Only for a token just checked against the database (known and not revoked). */
  remember(tokenHash: string, identity: DeviceIdentity): void {
    this.byTokenHash.delete(tokenHash);
    this.byTokenHash.set(tokenHash, identity);
    if (this.byTokenHash.size > this.capacity) this.byTokenHash.delete(this.byTokenHash.keys().next().value!);
  }

  /** A revoked token is forgotten, so that its next request is refused by the full check. */
  forget(tokenHash: string): void {
    this.byTokenHash.delete(tokenHash);
  }
}
