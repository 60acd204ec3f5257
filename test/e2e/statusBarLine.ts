// The status bar stays one line (issue 13), measured in the page: its items on one row, none
// drawn over the next, nothing sticking out of the bar or making the page scroll sideways, and
// the bar no taller than one line of its text (a button that wraps inside counts).
import { expect } from '@playwright/test';
import type { Page } from '@playwright/test';

type Measured = { rows: number; height: number; lineHeight: number; overflow: number; pageOverflow: number; overlaps: number };

async function measure(page: Page): Promise<Measured> {
  return page.getByTestId('status-bar').locator('.status-bar__strip').evaluate((strip) => {
    // In the page (this file is typed without the DOM library).
    const view = globalThis as unknown as { innerWidth: number; document: { documentElement: { scrollWidth: number } } };
    const boxes = [...strip.children].map((child) => child.getBoundingClientRect()).filter((box) => box.width > 0 && box.height > 0);
    const byLeft = [...boxes].sort((a, b) => a.left - b.left);
    const bar = strip.getBoundingClientRect();
    const mid = bar.top + bar.height / 2;
    const line = strip.querySelector('[data-testid="sync-waiting"], .status-bar__item');
    return {
      // One row: every item crosses the bar's middle line (items of a second row would not).
      rows: 1 + (boxes.some((box) => box.top > mid || box.bottom < mid) ? 1 : 0),
      height: strip.getBoundingClientRect().height,
      lineHeight: line ? line.getBoundingClientRect().height : 0,
      overflow: strip.scrollWidth - strip.clientWidth,
      pageOverflow: view.document.documentElement.scrollWidth - view.innerWidth,
      overlaps: byLeft.filter((box, index) => index > 0 && byLeft[index - 1]!.right > box.left + 1).length,
    };
  });
}

export async function expectStatusBarOnOneLine(page: Page, width: number): Promise<void> {
  const measured = await measure(page);
  const at = `at ${width}: ${JSON.stringify(measured)}`;
  expect(measured.rows, `status bar rows ${at}`).toBe(1);
  expect(measured.lineHeight, `a line of the status bar ${at}`).toBeGreaterThan(0);
  expect(measured.height, `status bar height ${at}`).toBeLessThan(measured.lineHeight * 2);
  expect(measured.overlaps, `status bar items drawn over each other ${at}`).toBe(0);
  expect(measured.overflow, `status bar overflow ${at}`).toBeLessThanOrEqual(1);
  expect(measured.pageOverflow, `page overflow ${at}`).toBeLessThanOrEqual(0);
}
