// The demo venue's id, apart from its generator so that the renderer can tell the demo from a
// venue without bundling the generator: a desk holding it (and no pairing) holds practice only.
export const DEMO_VENUE_ID = 'demo-venue';
