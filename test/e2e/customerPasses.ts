// The pass panel of a customer, reached by keys as staff reach it: F3, a few letters, Enter on the
// first match; the pass list then has the focus. Used by the staff, manager-only, door-edge and
// first-manager specs alike.
import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';

/** Opens the passes of the first customer `letters` finds; the pass list, focused. */
export async function openPassesOf(page: Page, letters: string): Promise<Locator> {
  await page.keyboard.press('F3');
  await page.keyboard.type(letters);
  await expect(page.getByTestId('customer-results')).toHaveAttribute('data-query', letters);
  await page.keyboard.press('Enter');
  const passList = page.getByTestId('pass-list');
  await expect(passList).toBeFocused();
  return passList;
}
