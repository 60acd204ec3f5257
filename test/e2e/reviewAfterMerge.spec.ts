// The review list after a merge, keyboard only: an overdrawn pass offers its latest check-ins
// back, each with Undo (which desk, when), beside "Open pass to settle"; giving one back
// settles the pass and its row goes. The venue holds what two desks' merged ledgers would:
// Olu's two-class pass used three times (front desk yesterday and today, side desk today, on
// three different occasions, so only the pass is overdrawn), and Dana's one-use pass used by
// both desks for the same session (overdrawn and a double check-in).
import { expect, test } from '@playwright/test';
import type { Locator } from '@playwright/test';
import { DateTime } from 'luxon';
import type { LedgerEntry, VenueData } from '../../shared/schema/records';
import { closeBrowserDesk, deskFolders, openBrowserDesk } from './browserDesk';
import { deskVenue, earlierToday, ZONE } from './deskVenue';
import { KeyCount } from './keyCount';
import { testPort } from '../testPorts';

function withOverdrawnPass(data: VenueData, nowMs: number): VenueData {
  // Today's a few minutes ago (earlierToday); yesterday's a day ago.
  const checkIn = (id: string, deskId: string, minutesAgo: number, sessionId: string): LedgerEntry => {
    const at = minutesAgo < 60 ? earlierToday(nowMs, minutesAgo) : DateTime.fromMillis(nowMs - minutesAgo * 60_000, { zone: ZONE });
    return {
      id, kind: 'check-in', venueId: data.venue.id, passId: 'x-olu', customerId: 'c-olu', deskId, staff: deskId === 'desk-front' ? 'Maya' : 'Oskar',
      reason: '', at: at.toUTC().toISO()!, hlc: `${String(at.toMillis()).padStart(15, '0')}:000000:${deskId}`, sessionId, charged: true,
      bookingId: '', venueDay: at.toISODate()!,
    };
  };
  return {
    ...data,
    customers: [...data.customers, { id: 'c-olu', name: 'Olu Adeyemi', email: 'olu@example.org' }],
    passes: [...data.passes, {
      id: 'x-olu', customerId: 'c-olu', productId: 'p-x-olu', productName: '2-class pass', purchasedAt: '2026-02-01T10:00:00Z', code: 'PASS-0042',
      terms: { uses: 2, expiry: { kind: 'none' }, validFor: 'all' },
    }],
    ledger: [
      ...data.ledger ?? [],
      checkIn('l-olu-yesterday', 'desk-front', 24 * 60, ''),
      checkIn('l-olu-climb', 'desk-front', 50, 's-climb'),
      checkIn('l-olu-side', 'desk-side', 20, ''),
    ],
  };
}

/** Tab (counted) until `target` has the focus; fails if it is not reached in `max` presses. */
async function tabTo(keys: KeyCount, target: Locator, max = 12): Promise<void> {
  for (let presses = 0; presses < max; presses += 1) {
    if (await target.evaluate((element) => element === element.ownerDocument.activeElement)) return;
    await keys.press('Tab');
  }
  await expect(target).toBeFocused();
}

test('review after a merge, keyboard only: an overdrawn pass gives back one of its latest check-ins', async () => {
  const folders = await deskFolders(testPort(4861));
  const venue = deskVenue();
  const desk = await openBrowserDesk(folders, withOverdrawnPass(venue.data, venue.nowMs));
  try {
    const { page } = desk;
    const keys = new KeyCount(page);
    const toggle = page.getByTestId('review-toggle');
    // Olu's pass, Dana's pass, Dana's check-ins from two desks.
    await expect(toggle).toContainText('3 need review');
    keys.take();
    await keys.press('F8');
    const review = page.getByTestId('review-list');
    const olu = review.getByRole('listitem').filter({ hasText: 'Olu Adeyemi' });
    await expect(olu).toHaveText(/Olu Adeyemi: 2-class pass is overdrawn by 1/);
    // The two latest check-ins (either may be the one to give back), not yesterday's.
    const undoButtons = olu.getByRole('button', { name: /^Undo the check-in of Olu Adeyemi/ });
    await expect(undoButtons).toHaveCount(2);
    const climbTime = earlierToday(venue.nowMs, 50).toFormat('HH:mm');
    const sideTime = earlierToday(venue.nowMs, 20).toFormat('HH:mm');
    await expect(undoButtons.nth(0)).toHaveAccessibleName(`Undo the check-in of Olu Adeyemi by desk-front at ${climbTime}, giving a use of 2-class pass back`);
    await expect(undoButtons.nth(1)).toHaveAccessibleName(`Undo the check-in of Olu Adeyemi by desk-side at ${sideTime}, giving a use of 2-class pass back`);
    await expect(undoButtons.nth(1)).toHaveText(`Undo desk-side ${sideTime}`);
    await expect(olu.getByRole('button', { name: 'Open pass to settle' })).toBeVisible();
    // Every row's words and buttons inside its own box: no row drawn over another.
    const boxes = await review.getByRole('listitem').evaluateAll((items) => items.map((item) => {
      const box = item.getBoundingClientRect();
      return { top: box.top, bottom: box.bottom };
    }));
    for (let index = 1; index < boxes.length; index += 1) expect(boxes[index]!.top).toBeGreaterThanOrEqual(boxes[index - 1]!.bottom - 1);

    // ---- Give the side desk's check-in back -----------------------------------------------
    await tabTo(keys, undoButtons.nth(1));
    await keys.press('Enter');
    await expect(review).toContainText('Check-in of Olu Adeyemi by desk-side undone: the use was given back.');
    await expect(olu).toHaveCount(0);
    await expect(review.getByRole('button', { name: /Close/ })).toBeFocused();
    await expect(toggle).toContainText('2 need review');
    const undoKeys = keys.take();
    console.log(`review list: an overdrawn pass settled by giving a check-in back in ${undoKeys} keys (F8, Tab × ${undoKeys - 2}, Enter)`);

    // ---- Dana's pass: Undo offered, and the pass still opens to be settled there ----------
    const dana = review.getByRole('listitem').filter({ hasText: 'Single class is overdrawn by 1' });
    await expect(dana.getByRole('button', { name: /^Undo the check-in of Dana Twodesks by desk-(front|side)/ })).toHaveCount(2);
    await tabTo(keys, dana.getByRole('button', { name: 'Open pass to settle' }));
    await keys.press('Enter');
    const passPage = page.getByTestId('pass-page');
    await expect(passPage.getByRole('heading', { level: 2 })).toHaveText('Single class');
    await expect(page.getByTestId('pass-numbers')).toContainText('overdrawn by 1');

    // ---- The door agrees: Olu's pass has no use left, and is no longer overdrawn ----------
    await keys.press('F1');
    // The door's box takes the letters whatever had the focus.
    await keys.type('olu');
    await expect(page.getByTestId('check-in-preview')).toContainText('No pass can be used');
    await expect(page.getByTestId('check-in-preview')).toContainText('no uses left');
  } finally {
    await closeBrowserDesk(desk);
    await folders.remove();
  }
});
