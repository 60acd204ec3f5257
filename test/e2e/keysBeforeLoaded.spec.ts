// A key pressed on a customer's pass list before the pass itself has loaded (a busy desk, a
// slow answer) still does what it says: T then a number lands in "Set total to". The answer
// with the pass's detail is held back on the page's API socket, so the key always comes first.
import { expect, test } from '@playwright/test';
import { closeBrowserDesk, deskFolders, openBrowserDesk } from './browserDesk';
import { DateTime } from 'luxon';
import { deskVenue, ZONE } from './deskVenue';
import { testPort } from '../testPorts';
import { wordsIn } from '../../renderer/i18n/wordsIn';

test('an adjustment key pressed before the pass has loaded still reaches its field', async () => {
  const folders = await deskFolders(testPort(4881));
  const running = await openBrowserDesk(folders, deskVenue().data);
  try {
    const { page } = running;
    // From here on, the page's API socket goes through this route: passDetail's answers wait.
    const held: (() => void)[] = [];
    let holding = true;
    await page.routeWebSocket(/\/ws\/api/, (ws) => {
      const server = ws.connectToServer();
      const detailCalls = new Set<number>();
      ws.onMessage((message) => {
        const call = JSON.parse(String(message)) as { id: number; name: string };
        if (call.name === 'passDetail') detailCalls.add(call.id);
        server.send(message);
      });
      server.onMessage((message) => {
        const id = Number(/^\{"id":(\d+),/.exec(String(message))?.[1]);
        if (holding && detailCalls.has(id)) held.push(() => ws.send(message));
        else ws.send(message);
      });
    });
    await page.reload();
    await page.keyboard.press('F3');
    await page.getByTestId('customer-find').pressSequentially('tom');
    await expect(page.getByTestId('customer-results')).toHaveAttribute('data-query', 'tom');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('pass-list')).toBeFocused();
    await expect.poll(() => held.length).toBeGreaterThan(0);
    await expect(page.getByTestId('adjust-pass')).toHaveCount(0); // the pass is still on its way
    await page.keyboard.press('t');
    holding = false;
    for (const send of held.splice(0)) send();
    const total = page.getByRole('textbox', { name: /Set total to/ });
    await expect(total).toBeFocused();
    await page.keyboard.type('12');
    await expect(total).toHaveValue('12');
  } finally {
    await closeBrowserDesk(running);
    await folders.remove();
  }
});

test('arrow keys pressed in the Day picker before its days have loaded still pick the day', async () => {
  const folders = await deskFolders(testPort(4883));
  const venue = deskVenue();
  const running = await openBrowserDesk(folders, venue.data);
  try {
    const { page } = running;
    // From here on, the answers with the days and their sessions wait until let go.
    const held: (() => void)[] = [];
    let holding = true;
    await page.routeWebSocket(/\/ws\/api/, (ws) => {
      const server = ws.connectToServer();
      const dayCalls = new Set<number>();
      ws.onMessage((message) => {
        const call = JSON.parse(String(message)) as { id: number; name: string };
        if (call.name === 'attendanceSessions') dayCalls.add(call.id);
        server.send(message);
      });
      server.onMessage((message) => {
        const id = Number(/^\{"id":(\d+),/.exec(String(message))?.[1]);
        if (holding && dayCalls.has(id)) held.push(() => ws.send(message));
        else ws.send(message);
      });
    });
    await page.reload();
    await page.keyboard.press('F2');
    await expect(page.getByTestId('attendance-filter')).toBeFocused();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    const day = page.getByLabel('Day', { exact: true });
    await expect(day).toBeFocused();
    await expect.poll(() => held.length).toBeGreaterThan(0);
    await expect(day.locator('option')).toHaveCount(0); // the days are still on their way
    // Today, then the days with sessions newest first: two down is a week ago.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    holding = false;
    for (const send of held.splice(0)) send();
    const weekAgo = DateTime.fromMillis(venue.nowMs, { zone: ZONE }).minus({ days: 7 });
    await expect(day.locator('option:checked')).toHaveText(wordsIn('en-GB').dayWords(weekAgo.toISODate()!));
    await expect(page.getByLabel('Session', { exact: true })).toHaveValue('s-past-7');
    await expect(day).toBeFocused();
  } finally {
    await closeBrowserDesk(running);
    await folders.remove();
  }
});
