// The security checklist observed from outside, in the running app: no Node in either page, a
// navigation attempt stays on the page, window.open and <webview> open nothing, permissions are
// refused (persistent storage granted to the storage host only), the storage host reaches no
// network, and app:// serves nothing outside the renderer folder.
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { closeElectronDesk, deskFolder, launchElectronDesk, windowShowing } from './electronDesk';
import type { DeskFolder, ElectronDesk } from './electronDesk';
import { venueFile } from './venue';

let folder: DeskFolder;
let desk: ElectronDesk;
let ui: Page;
let storageHost: Page;

test.beforeAll(async () => {
  folder = await deskFolder(venueFile);
  desk = await launchElectronDesk(folder);
  ui = desk.page;
  storageHost = await windowShowing(desk.app, '/storage-host.html');
});

test.afterAll(async () => {
  if (desk) await closeElectronDesk(desk);
  if (folder) await folder.remove();
});

/** Every webContents Electron has (windows, webviews, popups), counted in main. */
const webContentsCount = () => desk.app.evaluate(({ webContents }) => webContents.getAllWebContents().length);

test('neither page has Node: require, process, module and Buffer are undefined', async () => {
  for (const page of [ui, storageHost]) {
    for (const name of ['require', 'process', 'module', 'Buffer', 'global']) {
      expect(await page.evaluate(`typeof ${name}`), `${name} in ${page.url()}`).toBe('undefined');
    }
  }
  // The UI gets the desk's calls, and nothing of Electron's IPC.
  expect(await ui.evaluate("typeof window.desk.checkIn === 'function' && typeof window.desk.invoke === 'undefined' && typeof window.ipcRenderer === 'undefined'")).toBe(true);
  expect(await storageHost.evaluate('typeof window.desk')).toBe('undefined');
});

for (const target of ['https://example.com/', 'file:///etc/passwd', 'app://desk/storage-host.html', 'app://evil/index.html', 'about:blank']) {
  test(`a navigation attempt to ${target} stays on the page`, async () => {
    await ui.evaluate(`location.href = ${JSON.stringify(target)}; 'asked'`).catch(() => 'the page went away');
    await ui.evaluate(`(() => { const a = document.createElement('a'); a.href = ${JSON.stringify(target)}; document.body.append(a); a.click(); a.remove(); return 'clicked'; })()`)
      .catch(() => 'the page went away');
    await ui.waitForTimeout(500);
    expect(ui.url()).toBe('app://desk/index.html');
    await expect(ui.getByTestId('customer-search')).toBeVisible();
  });
}

test('window.open opens nothing, here or outside', async () => {
  const before = await webContentsCount();
  const windowsBefore = desk.app.windows().length;
  for (const target of ['https://example.com/', 'app://desk/index.html', 'about:blank', 'javascript:void(0)']) {
    expect(await ui.evaluate(`String(window.open(${JSON.stringify(target)}))`)).toBe('null');
  }
  await ui.waitForTimeout(500);
  expect(await webContentsCount()).toBe(before);
  expect(desk.app.windows().length).toBe(windowsBefore);
});

test('a <webview> is not created', async () => {
  const before = await webContentsCount();
  await ui.evaluate(`(() => { const view = document.createElement('webview'); view.setAttribute('src', 'https://example.com/'); document.body.append(view); return 'added'; })()`);
  await ui.waitForTimeout(1_000);
  expect(await webContentsCount()).toBe(before);
});

test('permissions are refused; persistent storage only for the storage host', async () => {
  expect(await ui.evaluate("navigator.permissions.query({ name: 'geolocation' }).then((status) => status.state)")).toBe('denied');
  expect(await ui.evaluate("navigator.permissions.query({ name: 'notifications' }).then((status) => status.state)")).toBe('denied');
  expect(await ui.evaluate('Notification.requestPermission()')).toBe('denied');
  expect(await ui.evaluate("navigator.mediaDevices.getUserMedia({ audio: true }).then(() => 'granted', (error) => error.name)")).not.toBe('granted');
  expect(await ui.evaluate('navigator.storage.persist()')).toBe(false);
  expect(await storageHost.evaluate('navigator.storage.persisted()')).toBe(true);
});

test('the storage host reaches no network, and the UI none beyond app://desk', async () => {
  for (const target of ['https://example.com/', 'http://127.0.0.1:9/', 'data:text/plain,x']) {
    expect(await storageHost.evaluate(`fetch(${JSON.stringify(target)}).then(() => 'fetched', () => 'blocked')`), target).toBe('blocked');
  }
  expect(await ui.evaluate("fetch('https://example.com/').then(() => 'fetched', () => 'blocked')")).toBe('blocked');
  expect(await storageHost.evaluate("new Promise((resolve) => { const socket = new WebSocket('ws://127.0.0.1:9/'); socket.onerror = () => resolve('blocked'); socket.onopen = () => resolve('open'); })")).toBe('blocked');
});

test('app:// serves the renderer folder with the CSP, and nothing outside it', async () => {
  const page = await ui.evaluate("fetch('app://desk/index.html').then((response) => [response.status, response.headers.get('content-security-policy')])") as [number, string];
  expect(page[0]).toBe(200);
  expect(page[1]).toContain("default-src 'none'");
  expect(page[1]).toContain("script-src 'self'");
  for (const misleading of ['/..%2f..%2fpackage.json', '/..%2F..%2Fdist-electron%2Fmain.js', '/%252e%252e%252fpackage.json', '/..%5c..%5cpackage.json', '/index.html%00', '/%2fetc%2fpasswd']) {
    expect(await ui.evaluate(`fetch('app://desk${misleading}').then((response) => response.status, () => 'refused')`), misleading).not.toBe(200);
  }
});
