// What a venue hub announces on the venue's network (DNS-SD, server/hub/hubAnnouncement.ts) and
// how a desk reads it (main/sync/hubDiscovery.ts): one definition for both sides.
import { z } from 'zod';
import type { Venue } from '../schema/records';
import { certificateFingerprintSchema } from '../schema/api';

/** `_boxoffice-hub._tcp`. */
export const HUB_SERVICE_TYPE = 'boxoffice-hub';

/** A DNS label is at most 63 bytes; the venue's name, and four letters of the certificate so that two hubs of a venue differ. */
export function hubServiceName(venue: Venue, certificate: string): string {
  const tag = certificate.replace(/:/g, '').slice(0, 4);
  // A dot would split the label; control characters have no place in a name on screen.
  const name = Array.from(venue.name ?? venue.id, (char) => (char === '.' || char.charCodeAt(0) < 32 ? ' ' : char)).join('').trim();
  let short = name;
  while (new TextEncoder().encode(`${short} (${tag})`).length > 63) short = short.slice(0, -1);
  return `${short.trim()} (${tag})`;
}

/** The TXT record: `v` its version, the venue, the certificate's fingerprint, and the address the hub listens on when it is one. */
export function hubTxtRecord(input: { venue: Venue; certificate: string; host: string | null }): Record<string, string> {
  return {
    v: '1',
    venue: input.venue.id.slice(0, 200),
    name: (input.venue.name ?? input.venue.id).slice(0, 200),
    cert: input.certificate,
    ...(input.host ? { host: input.host } : {}),
  };
}

const txtSchema = z.object({
  v: z.literal('1'),
  venue: z.string().min(1).max(200),
  name: z.string().min(1).max(200),
  cert: certificateFingerprintSchema,
  host: z.string().min(1).max(100).optional(),
});

/** A hub found on the network, as the Pair screen lists it. */
export const foundHubSchema = z.object({
  venueId: z.string(),
  venueName: z.string(),
  /** `https://address:port` */
  url: z.string().url(),
  certificate: certificateFingerprintSchema,
});
export type FoundHub = z.infer<typeof foundHubSchema>;

/** A found service as the desk reads it; null when it is not a hub's of this version (a TXT from anyone on the network is checked like any input). */
export function readHubService(service: { port: number; txt?: unknown; referer?: { address: string } | undefined }): FoundHub | null {
  const txt = txtSchema.safeParse(service.txt);
  if (!txt.success) return null;
  const address = txt.data.host ?? service.referer?.address;
  if (!address || !Number.isInteger(service.port) || service.port < 1 || service.port > 65_535) return null;
  const host = address.includes(':') ? `[${address}]` : address;
  const url = `https://${host}:${service.port}`;
  if (!z.string().url().safeParse(url).success) return null;
  return { venueId: txt.data.venue, venueName: txt.data.name, url, certificate: txt.data.cert };
}
