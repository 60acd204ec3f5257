// A key pressed on a customer's pass list before the pass itself has loaded (a busy desk, a
// slow answer) still does what it says: T then a number lands in "Set total to". The answer
// with the pass's detail is held back on the page's API socket, so the key always comes first.
import { expect, test } from '@playwright/test';
import { closeBrowserDesk, deskFolders, openBrowserDesk } from './browserDesk';
import { deskVenue } from './deskVenue';
import { testPort } from '../testPorts';

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
