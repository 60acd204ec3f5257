// The demo venue a new desk opens so that anyone can try it at once: a few hundred customers
// of a small studio in London, with today's sessions in the venue zone.
import type { VenueData } from '../../shared/schema/records';
import { venueDayOf } from '../../shared/rules/venueTime';
import { generateDemoVenue } from '../../shared/venue/generateDemoVenue';
import { resolveVenueFile } from '../../shared/venue/resolveVenueFile';

export const DEMO_TIME_ZONE = 'Europe/London';

export function demoVenueFor(nowMs: number, customers = 300): VenueData {
  const file = generateDemoVenue({ customers, seed: 7, today: venueDayOf(nowMs, DEMO_TIME_ZONE), timeZone: DEMO_TIME_ZONE });
  const resolved = resolveVenueFile(file);
  if (!resolved.ok) throw new Error(`the demo venue generator made a bad venue: ${JSON.stringify(resolved.errors.slice(0, 3))}`);
  return resolved.data;
}
