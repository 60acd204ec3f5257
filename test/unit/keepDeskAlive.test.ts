// main's last line of defence (main/keepDeskAlive.ts): an exception nobody caught and a rejection
// nobody handled are logged with their stack and restart the desk's core, never more than one
// restart at a time, and never faster than a person can follow.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { keepDeskAlive } from '../../main/keepDeskAlive';

function guarded(options: { minRestartGapMs?: number; restartMs?: number } = {}) {
  const fakeProcess = new EventEmitter();
  const lines: string[] = [];
  const restarts: string[] = [];
  let running = 0;
  let most = 0;
  const stop = keepDeskAlive({
    log: (line) => lines.push(line),
    process: fakeProcess as unknown as Pick<NodeJS.Process, 'on' | 'off'>,
    minRestartGapMs: options.minRestartGapMs ?? 0,
    restartCore: async (reason) => {
      running += 1;
      most = Math.max(most, running);
      restarts.push(reason);
      await new Promise((resolve) => setTimeout(resolve, options.restartMs ?? 0));
      running -= 1;
    },
  });
  return { fakeProcess, lines, restarts, stop, most: () => most };
}

const settle = (ms = 50) => new Promise((resolve) => setTimeout(resolve, ms));

describe('keepDeskAlive', () => {
  it.each([
    ['uncaughtException', new TypeError('Cannot read properties of undefined (reading \'passId\')'), 'ERROR nobody caught', 'after an uncaught exception'],
    ['unhandledRejection', new Error('the endpoint answered nonsense'), 'a promise was rejected and nobody handled it', 'after an unhandled rejection'],
  ])('logs %s with its stack and restarts the desk\'s core', async (event, error, words, reason) => {
    const { fakeProcess, lines, restarts, stop } = guarded();
    fakeProcess.emit(event, error);
    await settle();
    expect(lines[0]).toContain(words);
    expect(lines[0]).toContain(error.message);
    expect(lines[0]).toContain('keepDeskAlive.test.ts');
    expect(restarts).toEqual([reason]);
    stop();
  });

  it.each([
    ['a string', 'boom', 'a non-error value: boom'],
    ['nothing', undefined, 'a non-error value: undefined'],
    ['an object that cannot be turned into words', Object.create(null) as object, 'a value that cannot be described'],
  ])('says what was thrown when it is %s', async (_, thrown, words) => {
    const { fakeProcess, lines, stop } = guarded();
    fakeProcess.emit('uncaughtException', thrown);
    await settle();
    expect(lines[0]).toContain(words);
    stop();
  });

  it('runs one restart at a time: errors during a restart make one more, not one each', async () => {
    const { fakeProcess, restarts, stop, most } = guarded({ restartMs: 100 });
    fakeProcess.emit('uncaughtException', new Error('first'));
    await settle(10);
    for (let n = 0; n < 20; n += 1) fakeProcess.emit('unhandledRejection', new Error(`storm ${n}`));
    await settle(400);
    expect(restarts).toEqual(['after an uncaught exception', 'after an unhandled rejection']);
    expect(most()).toBe(1);
    stop();
  });

  it('keeps restarts apart when errors come back at once, and says so', async () => {
    const { fakeProcess, lines, restarts, stop } = guarded({ minRestartGapMs: 300 });
    fakeProcess.emit('uncaughtException', new Error('first'));
    await settle(20);
    fakeProcess.emit('uncaughtException', new Error('again'));
    await settle(100);
    expect(restarts).toHaveLength(1);
    expect(lines.some((line) => /restarts in \d+ ms/.test(line))).toBe(true);
    await settle(400);
    expect(restarts).toHaveLength(2);
    stop();
  });

  it('takes its handlers away again', () => {
    const { fakeProcess, stop } = guarded();
    expect(fakeProcess.listenerCount('uncaughtException')).toBe(1);
    expect(fakeProcess.listenerCount('unhandledRejection')).toBe(1);
    stop();
    expect(fakeProcess.listenerCount('uncaughtException')).toBe(0);
    expect(fakeProcess.listenerCount('unhandledRejection')).toBe(0);
  });
});
