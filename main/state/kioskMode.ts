// Whether this desk is a self check-in kiosk (SPEC "Kiosk mode"), kept across restarts in a
// local document: a kiosk left on at night is a kiosk in the morning.
import type { DeskDatabase } from '../db/deskDatabase';

const KIOSK_DOCUMENT = 'kiosk';
type StoredKiosk = { on: boolean; sound?: boolean };

export class KioskMode {
  private current = false;
  private tone = false;

  constructor(private readonly db: DeskDatabase) {}

  get on(): boolean {
    return this.current;
  }

  /** Whether the kiosk plays a tone for each answer. */
  get sound(): boolean {
    return this.current && this.tone;
  }

  async load(): Promise<void> {
    const doc = await this.db.getLocal<StoredKiosk>(KIOSK_DOCUMENT).catch(() => null);
    this.current = doc?.toJSON().data.on === true;
    this.tone = doc?.toJSON().data.sound === true;
  }

  async set(on: boolean, sound = false): Promise<void> {
    await this.db.upsertLocal<StoredKiosk>(KIOSK_DOCUMENT, { on, sound });
    this.current = on;
    this.tone = sound;
  }
}
