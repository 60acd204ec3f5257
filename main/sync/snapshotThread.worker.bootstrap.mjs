// Run from sources (tsx, vitest), a worker thread does not inherit the TypeScript loader of
// the process that started it: register it here, then load the worker. The built desk runs
// dist-electron/snapshotThread.worker.js instead (scripts/build-electron.mjs).
import { register } from 'tsx/esm/api';

register();
await import('./snapshotThread.worker.ts');
