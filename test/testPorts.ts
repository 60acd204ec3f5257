// Fixed ports of the browser-desk tests (IndexedDB belongs to the origin, so a restarted desk
// must come back on the same port). TEST_PORT_OFFSET moves them all, so that two checkouts of
// the project can run their suites side by side on one machine.
const offset = Number(process.env.TEST_PORT_OFFSET ?? 0);
if (!Number.isInteger(offset) || offset < 0 || offset > 20_000) {
  throw new Error(`TEST_PORT_OFFSET must be a whole number from 0 to 20000, not "${process.env.TEST_PORT_OFFSET}"`);
}

/** The port `port` of the suite, moved by TEST_PORT_OFFSET. */
export function testPort(port: number): number {
  return port + offset;
}
