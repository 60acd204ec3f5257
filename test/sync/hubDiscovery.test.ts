// Desks find the venue hub on the network (DNS-SD) and pair by the short code it shows; a hub
// at a new address is found again by its certificate. Multicast DNS must never leave this
// machine: the walk (lan/hubDiscoveryInNamespace.ts) runs in a network namespace this test
// makes (`unshare --net`, as root), whose only interface is `lo`, with multicast routed to it.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const intoNamespace = 'ip link set lo up && ip link set lo multicast on && ip route add 224.0.0.0/4 dev lo && exec "$@"';

async function namespacesAvailable(): Promise<boolean> {
  try {
    await run('unshare', ['--net', '--', 'sh', '-c', intoNamespace, 'sh', 'true']);
    return true;
  } catch {
    return false;
  }
}

const available = await namespacesAvailable();
if (!available) console.warn('hubDiscovery.test: skipped: this machine cannot make a network namespace (unshare --net needs root); multicast is never sent outside one');

describe.skipIf(!available)('desks find the venue hub on the network', () => {
  it('the announce is seen with the venue and certificate, the desk pairs by the short code (a wrong or reused code refused), and the hub moved to a new port is found again by its certificate', async () => {
    const { stdout } = await run('unshare', ['--net', '--', 'sh', '-c', intoNamespace, 'sh', process.execPath, '--import', 'tsx', 'test/sync/lan/hubDiscoveryInNamespace.ts'], { timeout: 110_000 });
    const seen = JSON.parse(stdout.trim().split('\n').at(-1)!);
    expect(seen.found).toEqual([{ venueId: 'old-vic', venueName: 'The Old Vic', url: seen.hubUrl, certificate: seen.fingerprint }]);
    expect(seen.wrong).toBe('wrong-code');
    expect(seen.claimed).toEqual({ url: seen.hubUrl, certificate: seen.fingerprint });
    expect(seen.again).toBe('wrong-code');
    expect(seen.helloVenue).toBe('old-vic');
    expect(seen.movedUrl).not.toBe(seen.hubUrl);
    expect(seen.refound).toMatchObject({ url: seen.movedUrl, certificate: seen.fingerprint });
  });
});
