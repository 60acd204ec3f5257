// SPEC "Clocks": "a desk whose clock is off from the endpoint's says so until it is fixed"
// (issue 12, build item 1). A desk paired with an endpoint whose clock is three hours ahead of
// this computer's says, on every screen, that its clock is three hours slow, and dates its new
// check-ins from the endpoint's time.
import { expect, test } from '@playwright/test';
import { withPairedDesk } from './venueEndpoint';
import { SyncEndpoint } from '../../main/sync/syncEndpoint';
import { parseHlc } from '../../shared/rules/hybridLogicalClock';

const screenshots = 'test-results/wrong-clock';
const threeHoursMs = 3 * 3_600_000;

test('a computer clock three hours slow is said on every screen, and check-ins are dated from the endpoint\'s time', async () => {
  // Unpaired at first: the desk says nothing about its clock until it knows the endpoint's.
  await withPairedDesk({ endpointPort: 4918, deskPort: 4919, now: () => Date.now() + threeHoursMs, pair: false }, async ({ page, api, endpoint, settings }) => {
    const venue = endpoint.venue;
    await expect(page.getByTestId('clock-status')).toHaveCount(0);
    expect(await api.call('pairEndpoint', settings)).toMatchObject({ answered: true, result: { ok: true } });
    const item = page.getByTestId('clock-status');
    await expect(item).toHaveText('! This computer\'s clock is 3 hours slow. The desk is using the server\'s time. Please have the clock set right.');
    await page.screenshot({ path: `${screenshots}/door.png` });
    for (const key of ['F2', 'F3', 'F4']) {
      await page.keyboard.press(key);
      await expect(item).toBeVisible();
      await page.screenshot({ path: `${screenshots}/screen-${key}.png` });
    }
    await page.keyboard.press('F1');

    const checkedIn = await api.call('checkIn', { customerId: venue.data.customers[0]!.id, sessionId: null, confirmDuplicate: true });
    if (!checkedIn.answered || !checkedIn.result.ok || !('checkInId' in checkedIn.result)) throw new Error(`no check-in: ${JSON.stringify(checkedIn)}`);
    const { checkInId } = checkedIn.result;
    const status = await api.call('deskStatus', {});
    expect(status.answered && status.result.ok && status.result.status.clock.wrong).toBe(true);
    // The entry reaches the endpoint, stamped by its clock (within a minute), not this computer's.
    const pulled = new SyncEndpoint(settings);
    const stampOnEndpoint = async () => {
      const page = await pulled.pull('ledger', undefined, 1000);
      const entry = page.ok ? (page.value.documents as { id: string; hlc: string }[]).find((each) => each.id === checkInId) : undefined;
      return entry ? parseHlc(entry.hlc).wallMs : null;
    };
    await expect.poll(stampOnEndpoint, { timeout: 15_000 }).not.toBeNull();
    expect(Math.abs((await stampOnEndpoint())! - (Date.now() + threeHoursMs))).toBeLessThan(60_000);
  });
});
