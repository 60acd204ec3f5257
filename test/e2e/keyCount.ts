// Counts what staff do: every key pressed, every letter typed, every click. The tests hold
// the desk to the numbers (a check-in in ≤ 4 letters + 1 key, an adjustment in ≤ 3
// keys or clicks) by doing the task only through this, then reading the count.
import type { Locator, Page } from '@playwright/test';

export class KeyCount {
  private count = 0;
  readonly log: string[] = [];

  constructor(private readonly page: Page) {}

  /** One key (or chord) pressed. */
  async press(key: string): Promise<void> {
    this.count += 1;
    this.log.push(key);
    await this.page.keyboard.press(key);
  }

  /** Letters typed one by one, as a person (or a keyboard-wedge scanner) does: one each. */
  async type(text: string): Promise<void> {
    for (const letter of text) {
      this.count += 1;
      this.log.push(letter);
      await this.page.keyboard.type(letter);
    }
  }

  /**
   * A scan: the scanner types the code and Enter by itself; staff do one thing (pull the
   * trigger), so a scan counts as one, whatever the code's length.
   */
  async scan(code: string): Promise<void> {
    this.count += 1;
    this.log.push(`scan ${code}`);
    await this.page.keyboard.type(code, { delay: 5 });
  }

  async click(target: Locator): Promise<void> {
    this.count += 1;
    this.log.push('click');
    await target.click();
  }

  /** What was counted since the last call, and a fresh start. */
  take(): number {
    const counted = this.count;
    this.count = 0;
    this.log.length = 0;
    return counted;
  }
}
