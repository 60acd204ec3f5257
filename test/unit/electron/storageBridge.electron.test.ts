// The Electron storage bridge (main/electron/storage.electron.ts): one fresh MessageChannelMain
// per load of the storage host page; its port goes to that page only; the previous connection
// is closed before the next is offered; a crash of the page closes its connection.
import type { WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { CHANNEL_STORAGE_PORT } from '../../../shared/schema/deskChannels';
import { createElectronStorageBridge } from '../../../main/electron/storage.electron';
import type { StorageConnection } from '../../../main/deskHost';
import { fakeEvent, FakeWebContents } from './fakeElectron';

vi.mock('electron', async () => (await import('./fakeElectron')).fakeElectron);

const asContents = (contents: FakeWebContents) => contents as unknown as WebContents;

describe('the Electron storage bridge', () => {
  it('posts a new port to the page that loaded, and offers its connection to main', () => {
    const bridge = createElectronStorageBridge(vi.fn());
    const connections: StorageConnection[] = [];
    bridge.onConnection((connection) => connections.push(connection));
    const page = new FakeWebContents();
    bridge.connect(asContents(page));
    expect(page.postMessage).toHaveBeenCalledWith(CHANNEL_STORAGE_PORT, null, [expect.anything()]);
    expect(connections).toHaveLength(1);
  });

  it('keeps a connection that arrives before main listens, and hands it over', () => {
    const bridge = createElectronStorageBridge(vi.fn());
    bridge.connect(asContents(new FakeWebContents()));
    const listener = vi.fn();
    bridge.onConnection(listener);
    expect(listener).toHaveBeenCalledOnce();
  });

  it('closes the previous connection before offering the next', async () => {
    const bridge = createElectronStorageBridge(vi.fn());
    const connections: StorageConnection[] = [];
    bridge.onConnection((connection) => connections.push(connection));
    const page = new FakeWebContents();
    bridge.connect(asContents(page));
    let firstClosed = false;
    void connections[0]!.closed.then(() => { firstClosed = true; });
    bridge.connect(asContents(page));
    await Promise.resolve();
    expect(firstClosed).toBe(true);
    expect(connections).toHaveLength(2);
  });

  it.each(['render-process-gone', 'destroyed'])('closes the connection when the page emits %s', async (eventName) => {
    const log = vi.fn();
    const bridge = createElectronStorageBridge(log);
    const connections: StorageConnection[] = [];
    bridge.onConnection((connection) => connections.push(connection));
    const page = new FakeWebContents();
    bridge.connect(asContents(page));
    page.emit(eventName, fakeEvent(), { reason: 'crashed', exitCode: 11 });
    await connections[0]!.closed;
    expect(log).toHaveBeenCalledWith('desk: storage connection 1 closed');
  });
});
