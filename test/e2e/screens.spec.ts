// Every screen as staff see it, at the two sizes desks have (1280×800 and a small laptop's
// 1024×600): a screenshot of each into test-results/screens/ to be looked at, and an axe-core
// scan of each with no serious or critical finding.
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { closeBrowserDesk, deskFolders, openBrowserDesk } from './browserDesk';
import { deskVenue } from './deskVenue';
import { testPort } from '../testPorts';

const sizes = [
  { width: 1280, height: 800 },
  { width: 1024, height: 600 },
] as const;

type Finding = { screen: string; size: string; id: string; impact: string; help: string; nodes: string[] };

async function look(page: Page, name: string, size: string, findings: Finding[]): Promise<void> {
  await page.screenshot({ path: `test-results/screens/${name}-${size}.png` });
  // The storage host frame is the desk's plumbing, not a screen.
  const results = await new AxeBuilder({ page }).exclude('iframe').analyze();
  for (const violation of results.violations) {
    findings.push({
      screen: name, size, id: violation.id, impact: violation.impact ?? 'unknown', help: violation.help,
      nodes: violation.nodes.slice(0, 3).map((node) => node.target.join(' ')),
    });
  }
}

for (const size of sizes) {
  const label = `${size.width}x${size.height}`;
  test(`every screen at ${label}: screenshots and an axe scan`, async () => {
    const folders = await deskFolders(testPort(size.width === 1280 ? 4811 : 4812));
    const venue = deskVenue();
    const desk = await openBrowserDesk(folders, venue.data, size);
    const findings: Finding[] = [];
    try {
      const { page } = desk;
      const search = page.getByTestId('customer-search');
      const result = page.getByTestId('check-in-result');

      await look(page, 'door-ready', label, findings);
      await search.pressSequentially('ada');
      await expect(page.getByTestId('check-in-preview')).toContainText('oldest pass first');
      await look(page, 'door-preview', label, findings);
      await page.keyboard.press('Enter');
      await expect(result).toContainText('Checked in');
      await look(page, 'door-checked-in', label, findings);
      await search.pressSequentially('ada');
      await page.keyboard.press('Enter');
      await expect(result).toContainText('Enter again');
      await look(page, 'door-confirm-duplicate', label, findings);
      await page.keyboard.press('Escape');
      await search.pressSequentially('ivy');
      await page.keyboard.press('Enter');
      await expect(result).toContainText('Not checked in');
      await look(page, 'door-refused', label, findings);

      await page.keyboard.press('F2');
      await expect(page.getByTestId('attendee-list')).toContainText('Bea Booked');
      await page.keyboard.type('bea');
      await page.keyboard.press('Enter');
      await expect(page.getByTestId('check-in-result')).toContainText('Attendance marked');
      await look(page, 'attendance', label, findings);

      await page.keyboard.press('F3');
      await page.getByTestId('customer-find').pressSequentially('b');
      await expect(page.getByTestId('customer-results')).toHaveAttribute('data-query', 'b');
      await expect(page.locator('.finder__count')).toContainText('30 matches');
      await look(page, 'customers-search', label, findings);
      await page.keyboard.press('Escape');
      await page.keyboard.type('tom');
      await expect(page.getByTestId('customer-results')).toHaveAttribute('data-query', 'tom');
      await page.keyboard.press('Enter');
      await expect(page.getByTestId('pass-list')).toContainText('23-class pass');
      await look(page, 'customer', label, findings);
      await page.keyboard.press('-');
      await expect(page.getByTestId('adjust-pass')).toContainText('17 uses left');
      await look(page, 'customer-take-one-away', label, findings);
      await page.keyboard.press('Escape');
      await page.keyboard.press('t');
      await page.keyboard.type('3');
      await expect(page.getByTestId('adjust-pass')).toContainText('Cannot save');
      await look(page, 'customer-total-below-used', label, findings);
      await page.keyboard.press('Escape');
      await page.keyboard.press('r');
      await look(page, 'customer-revoke-confirm', label, findings);
      await page.keyboard.press('Escape');
      await page.keyboard.press('Enter');
      await expect(page.getByTestId('pass-history')).toContainText('Booked, paid with it');
      await look(page, 'pass', label, findings);
      await page.keyboard.press('Escape');
      await expect(page.getByTestId('pass-list')).toBeFocused();
      await page.keyboard.press('Escape');
      await page.keyboard.type('nia');
      await expect(page.getByTestId('customer-results')).toHaveAttribute('data-query', 'nia');
      await page.keyboard.press('Enter');
      await expect(page.getByTestId('pass-list')).toBeFocused();
      await page.keyboard.press('2');
      await expect(page.getByTestId('adjust-pass')).toContainText('30 + 14 = 44 days');
      await look(page, 'customer-extend', label, findings);
      await page.keyboard.press('Escape');

      await page.keyboard.press('F4');
      await page.getByLabel('Endpoint address').fill('http://127.0.0.1:9');
      await page.getByLabel(/Device token/).fill('not-a-real-token-but-long');
      await page.getByRole('button', { name: 'Pair' }).click();
      await expect(page.getByTestId('pair-note')).toContainText(/No answer from|cannot be reached|refused/);
      const broken = '{\n  "venue": { "id": "e2e-venue", "timeZone": "Europe/London" },\n  "customers": [{ "id": "c-1" }, { "id": "c-2", "name": "" }]\n}\n';
      await page.getByLabel('Import a venue file (JSON)').setInputFiles({ name: 'venue.json', mimeType: 'application/json', buffer: Buffer.from(broken) });
      await expect(page.getByTestId('venue-note')).toContainText('line 3');
      await look(page, 'setup', label, findings);

      await page.keyboard.press('F8');
      await expect(page.getByTestId('review-list')).toContainText('Dana Twodesks');
      await look(page, 'review', label, findings);
    } finally {
      await closeBrowserDesk(desk);
      await folders.remove();
    }
    for (const finding of findings) console.log(`axe ${finding.impact} ${finding.id} on ${finding.screen} at ${finding.size}: ${finding.help} (${finding.nodes.join(', ')})`);
    expect(findings.filter((finding) => finding.impact === 'serious' || finding.impact === 'critical')).toEqual([]);
  });
}
