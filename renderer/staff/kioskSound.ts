// The kiosk's optional tones (SPEC "an optional sound for success and refusal"): a rising pair
// for "you're in", one low tone for "please see the front desk". Made with Web Audio, so no
// sound file ships; a browser that will not play (no gesture yet) stays silent.
export type KioskTone = 'ok' | 'refused';

let context: AudioContext | null = null;

export function playKioskTone(tone: KioskTone): void {
  try {
    context ??= new AudioContext();
    const notes = tone === 'ok' ? [660, 880] : [220];
    notes.forEach((frequency, index) => {
      const oscillator = context!.createOscillator();
      const gain = context!.createGain();
      oscillator.frequency.value = frequency;
      gain.gain.value = 0.15;
      oscillator.connect(gain).connect(context!.destination);
      const start = context!.currentTime + index * 0.15;
      oscillator.start(start);
      oscillator.stop(start + (tone === 'ok' ? 0.12 : 0.35));
    });
  } catch {
    // No audio here: the screen says it all the same.
  }
}
