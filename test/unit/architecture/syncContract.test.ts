// The desk and the endpoint speak one sync contract (shared/schema/syncContract.ts): every
// /sync/ and /admin/ route the endpoint registers is a contract route with the contract's
// method, every contract route is registered, and no '/sync/' or '/admin/' path is written
// anywhere but in the contract; the desk branches on the endpoint's codes, never on statuses.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { syncRoutes } from '../../../shared/schema/syncContract';
import { registerSyncRoutes } from '../../../server/routes/syncRoutes';
import { registerSnapshotRoutes } from '../../../server/routes/snapshotRoutes';
import { registerStreamRoute } from '../../../server/routes/streamRoute';
import { registerAdminRoutes } from '../../../server/routes/adminRoutes';
import { registerStaffRoutes } from '../../../server/routes/staffRoutes';
import { registerPairingRoute } from '../../../server/routes/pairingRoute';
import type { ServerContext } from '../../../server/serverContext';

const root = path.resolve(import.meta.dirname, '../../..');

function sourcesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const full = path.join(folder, name);
    if (statSync(full).isDirectory()) return sourcesUnder(full);
    return /\.tsx?$/.test(name) ? [full] : [];
  });
}

/** The code of a file without its comments (a comment may name a route for people). */
function codeOf(file: string): string {
  return readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

describe('one sync contract', () => {
  it('the endpoint registers exactly the contract\'s routes, with its methods', async () => {
    const app = Fastify();
    const registered: string[] = [];
    app.addHook('onRoute', (route) => {
      if (/^\/(sync|admin)\//.test(route.url)) for (const method of [route.method].flat()) if (method !== 'HEAD') registered.push(`${method} ${route.url}`);
    });
    const context = { bodyLimits: { push: 1_000_000, import: 1_000_000, other: 1_000_000 } } as unknown as ServerContext;
    registerSyncRoutes(app, context);
    registerSnapshotRoutes(app, context);
    registerStreamRoute(app, context);
    registerAdminRoutes(app, context);
    registerStaffRoutes(app, context);
    registerPairingRoute(app, context);
    await app.ready();
    await app.close();
    const contract = Object.values(syncRoutes).map((route) => `${route.method} ${route.path}`);
    expect(registered.sort()).toEqual(contract.sort());
  });

  it('no \'/sync/\' or \'/admin/\' path is written outside the contract, in the endpoint or the desk', () => {
    const contractFile = path.join(root, 'shared/schema/syncContract.ts');
    const offenders = ['server', 'main', 'shared', 'renderer']
      .flatMap((folder) => sourcesUnder(path.join(root, folder)))
      .filter((file) => file !== contractFile && /['"`]\/?(sync|admin)\/[a-z:$]/.test(codeOf(file)))
      .map((file) => path.relative(root, file));
    expect(offenders).toEqual([]);
  });
});

describe('the desk branches on the endpoint\'s codes, never on HTTP statuses', () => {
  it('main/sync/ compares no status (shared/sync/syncRequest.ts sorts every answer by its code)', () => {
    // A fetch of its own (the hub's pinned certificate) is the transport under the request function: it reads statuses as HTTP does (204 has no body).
    const transports = new Set(['main/sync/pinnedFetch.ts']);
    const offenders = sourcesUnder(path.join(root, 'main/sync'))
      .filter((file) => !transports.has(path.relative(root, file)))
      .filter((file) => /\bstatus\s*[!=]==|[!=]==\s*\w*\.?status\b|\bstatus\s*[<>]=?\s*\d|\bcode\s*[!=<>]=*\s*[1-5]\d\d\b|\b(401|403|404|409|429|503|507)\b/.test(codeOf(file)))
      .map((file) => path.relative(root, file));
    expect(offenders).toEqual([]);
  });
});
