// The Electron suite cannot run here; at least the venue file it gives the desk is checked to
// be one the desk accepts, with the passes the door flow expects.
import { describe, expect, it } from 'vitest';
import { parseVenueFileText } from '../../../main/venue/readVenueFile';
import { venueFile } from '../../electron/venue';

describe('the Electron suite\'s venue file', () => {
  it('is a valid venue file with the browser end-to-end test\'s passes', () => {
    const parsed = parseVenueFileText(JSON.stringify(venueFile));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    expect(parsed.data.passes.map((pass) => [pass.code, pass.productName, pass.terms.uses])).toEqual([
      ['PASS-0001', '10-class pass', 10],
      ['PASS-0002', '5-class pass', 5],
      ['PASS-0003', '3-class pass', 3],
    ]);
  });
});
