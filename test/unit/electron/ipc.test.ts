// The one IPC wrapper (main/electron/ipc.ts): a call reaches the desk only from the UI page's
// top frame on app://desk; what it carries is the desk's to parse (test/unit/deskCall.test.ts).
import type { BrowserWindow } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNEL_CALL, CHANNEL_EVENT } from '../../../shared/schema/deskChannels';
import { createElectronApiBridge } from '../../../main/electron/ipc';
import type { ApiBridge } from '../../../main/deskHost';
import { fakeIpcMain, FakeWebContents } from './fakeElectron';

vi.mock('electron', async () => (await import('./fakeElectron')).fakeElectron);

type Frame = { processId: number; routingId: number; url: string };

const uiContents = new FakeWebContents();
uiContents.mainFrame.url = 'app://desk/index.html';
const storageContents = new FakeWebContents();

const uiWindow = { isDestroyed: () => false, webContents: uiContents } as unknown as BrowserWindow;
const topFrame = (): Frame => ({ ...uiContents.mainFrame });

function callFrom(senderId: number, frame: Frame | null, message: unknown): Promise<unknown> {
  const listener = fakeIpcMain.handlers.get(CHANNEL_CALL);
  if (!listener) throw new Error('no handler on the call channel');
  return Promise.resolve(listener({ sender: { id: senderId }, senderFrame: frame }, message));
}

let window: BrowserWindow | null;
let bridge: ApiBridge;
const desk = vi.fn(async (name: unknown, payload: unknown) => ({ ok: true, ran: name, payload }));
const log = vi.fn();

beforeEach(() => {
  fakeIpcMain.handlers.clear();
  desk.mockClear();
  log.mockClear();
  uiContents.send.mockClear();
  window = uiWindow;
  bridge = createElectronApiBridge(() => window, log);
  bridge.handle(desk);
});

describe('the sender is checked: only the UI page itself may call', () => {
  it.each([
    ['a frame that is gone', () => callFrom(uiContents.id, null, { name: 'deskStatus', payload: {} })],
    ['another webContents (the storage host page)', () => callFrom(storageContents.id, { ...topFrame(), processId: storageContents.mainFrame.processId }, { name: 'deskStatus', payload: {} })],
    ['an unknown webContents with a copied frame', () => callFrom(999, topFrame(), { name: 'deskStatus', payload: {} })],
    ['a subframe of the UI page', () => callFrom(uiContents.id, { ...topFrame(), routingId: 2 }, { name: 'deskStatus', payload: {} })],
    ['a frame in another process', () => callFrom(uiContents.id, { ...topFrame(), processId: 1 }, { name: 'deskStatus', payload: {} })],
    ['the top frame navigated elsewhere (https)', () => callFrom(uiContents.id, { ...topFrame(), url: 'https://evil.example/' }, { name: 'deskStatus', payload: {} })],
    ['the top frame on a look-alike host', () => callFrom(uiContents.id, { ...topFrame(), url: 'app://desk.evil.com/index.html' }, { name: 'deskStatus', payload: {} })],
    ['the top frame on a file:// page', () => callFrom(uiContents.id, { ...topFrame(), url: 'file:///tmp/index.html' }, { name: 'deskStatus', payload: {} })],
    ['the top frame on about:blank', () => callFrom(uiContents.id, { ...topFrame(), url: 'about:blank' }, { name: 'deskStatus', payload: {} })],
  ])('drops a call from %s, and runs nothing', async (_, call) => {
    expect(await call()).toMatchObject({ ok: false, error: 'invalid-input' });
    expect(desk).not.toHaveBeenCalled();
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/^ipc: dropped a call from /));
  });

  it('drops calls while there is no UI window, or it is destroyed', async () => {
    window = null;
    expect(await callFrom(uiContents.id, topFrame(), { name: 'deskStatus', payload: {} })).toMatchObject({ ok: false, error: 'invalid-input' });
    window = { isDestroyed: () => true, webContents: uiContents } as unknown as BrowserWindow;
    expect(await callFrom(uiContents.id, topFrame(), { name: 'deskStatus', payload: {} })).toMatchObject({ ok: false, error: 'invalid-input' });
    expect(desk).not.toHaveBeenCalled();
  });
});

describe('the envelope is handed to the desk as it came: the desk parses the call (main/desk/deskCall.ts)', () => {
  it.each([
    ['a call', { name: 'checkIn', payload: { customerId: 'c-ada', sessionId: null } }, ['checkIn', { customerId: 'c-ada', sessionId: null }]],
    ['an unknown call, for the desk to refuse', { name: 'dropDatabase', payload: {} }, ['dropDatabase', {}]],
    ['a payload of the wrong type, for the desk to refuse', { name: 'checkIn', payload: { customerId: 5 } }, ['checkIn', { customerId: 5 }]],
    ['a message that is not an object: no name, no payload', 'checkIn', [undefined, undefined]],
    ['null: no name, no payload', null, [undefined, undefined]],
  ])('hands on %s', async (_, message, handed) => {
    await callFrom(uiContents.id, topFrame(), message);
    expect(desk).toHaveBeenCalledWith(...handed);
  });

  it('answers the desk\'s answer as it is', async () => {
    expect(await callFrom(uiContents.id, topFrame(), { name: 'deskStatus', payload: {} }))
      .toEqual({ ok: true, ran: 'deskStatus', payload: {} });
  });

  it('holds a call that arrives before main installs its handler, then answers it', async () => {
    fakeIpcMain.handlers.clear();
    const early = createElectronApiBridge(() => uiWindow, log);
    const answer = callFrom(uiContents.id, topFrame(), { name: 'deskStatus', payload: {} });
    early.handle(desk);
    expect(await answer).toMatchObject({ ok: true, ran: 'deskStatus' });
  });
});

describe('events go to the UI window only', () => {
  it('sends on the event channel', () => {
    bridge.emit('changed', { collections: ['ledger'] });
    expect(uiContents.send).toHaveBeenCalledWith(CHANNEL_EVENT, { event: 'changed', data: { collections: ['ledger'] } });
    expect(storageContents.send).not.toHaveBeenCalled();
  });

  it('sends nothing while there is no window', () => {
    window = null;
    bridge.emit('changed', { collections: ['ledger'] });
    expect(uiContents.send).not.toHaveBeenCalled();
  });
});
