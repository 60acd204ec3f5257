// Whether this desk is a self check-in kiosk (SPEC "Kiosk mode"), kept across restarts in a
// local document: a kiosk left on at night is a kiosk in the morning.
import type { DeskDatabase } from '../db/deskDatabase';

const KIOSK_DOCUMENT = 'kiosk';
type StoredKiosk = { on: boolean };

export class KioskMode {
  private current = false;

  constructor(private readonly db: DeskDatabase) {}

  get on(): boolean {
    return this.current;
  }

  async load(): Promise<void> {
    const doc = await this.db.getLocal<StoredKiosk>(KIOSK_DOCUMENT).catch(() => null);
    this.current = doc?.toJSON().data.on === true;
  }

  async set(on: boolean): Promise<void> {
    await this.db.upsertLocal<StoredKiosk>(KIOSK_DOCUMENT, { on });
    this.current = on;
  }
}
