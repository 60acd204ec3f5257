// The boundaries of docs/architecture.md are lint rules (eslint.config.js): this shows each one
// refusing what it should, through ESLint itself on the project's own configuration.
import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: root });

async function problemsOf(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((message) => `${message.ruleId ?? 'parse'}: ${message.message}`);
}

describe('each folder imports only the packages listed for it', () => {
  it.each([
    ['shared/rules/x.ts', "import express from 'express';\nexport const a = express;\n"],
    ['shared/rules/x.ts', "import pg from 'pg';\nexport const a = pg;\n"],
    ['shared/rules/x.ts', "import { Dexie } from 'dexie';\nexport const a = Dexie;\n"],
    ['shared/rules/x.ts', "import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';\nexport const a = getRxStorageDexie;\n"],
    ['renderer/door/x.ts', "import { WebSocket } from 'ws';\nexport const a = WebSocket;\n"],
    ['renderer/door/x.ts', "import Fastify from 'fastify';\nexport const a = Fastify;\n"],
    ['main/sync/x.ts', "import Fastify from 'fastify';\nexport const a = Fastify;\n"],
    ['main/sync/x.ts', "import { PGlite } from '@electric-sql/pglite';\nexport const a = PGlite;\n"],
    ['main/electron/x.ts', "import { WebSocket } from 'ws';\nexport const a = WebSocket;\n"],
    ['server/routes/x.ts', "import { createRxDatabase } from 'rxdb';\nexport const a = createRxDatabase;\n"],
    ['server/routes/x.ts', "import { WebSocket } from 'ws';\nexport const a = WebSocket;\n"],
    ['server/routes/x.ts', "export const load = () => import('left-pad');\n"],
    ['scripts/x.mjs', "import express from 'express';\nexport const a = express;\n"],
  ])('%s: %s is refused', async (filePath, code) => {
    const problems = await problemsOf(filePath, code);
    expect(problems.some((problem) => problem.startsWith('boundaries/allowed-imports:'))).toBe(true);
  });

  it.each([
    ['shared/rules/x.ts', "import { z } from 'zod';\nimport { DateTime } from 'luxon';\nimport type { RxJsonSchema } from 'rxdb';\nexport const a: [typeof z, typeof DateTime, RxJsonSchema<{ id: string }> | null] = [z, DateTime, null];\n"],
    ['renderer/door/x.ts', "import { useState } from 'react';\nimport { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';\nexport const a = [useState, getRxStorageDexie];\n"],
    ['main/sync/x.ts', "import { readFile } from 'node:fs/promises';\nimport { WebSocket } from 'ws';\nexport const a = [readFile, WebSocket];\n"],
    ['main/electron/x.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['server/routes/x.ts', "import Fastify from 'fastify';\nimport { PGlite } from '@electric-sql/pglite';\nexport const a = [Fastify, PGlite];\n"],
  ])('%s: listed packages pass', async (filePath, code) => {
    expect(await problemsOf(filePath, code)).toEqual([]);
  });

  it('shared/ takes only types from RxDB', async () => {
    const problems = await problemsOf('shared/schema/x.ts', "import { createRxDatabase } from 'rxdb';\nexport const a = createRxDatabase;\n");
    expect(problems).toEqual([expect.stringContaining('may import only types from "rxdb"')]);
  });

  it('Node modules are spelled with their prefix', async () => {
    const problems = await problemsOf('main/sync/x.ts', "import { readFile } from 'fs/promises';\nexport const a = readFile;\n");
    expect(problems.some((problem) => problem.includes('"node:fs/promises"'))).toBe(true);
  });
});

describe('the other boundaries', () => {
  it.each([
    ['shared/ reads no clock: DateTime.local()', 'shared/rules/x.ts', "import { DateTime } from 'luxon';\nexport const a = () => DateTime.local();\n"],
    ['shared/ reads no clock: DateTime.utc()', 'shared/rules/x.ts', "import { DateTime } from 'luxon';\nexport const a = () => DateTime.utc();\n"],
    ['shared/ reads no clock: DateTime.now()', 'shared/rules/x.ts', "import { DateTime } from 'luxon';\nexport const a = () => DateTime.now();\n"],
    ['shared/ reads no clock: new Date()', 'shared/rules/x.ts', 'export const a = () => new Date();\n'],
    ['shared/ sets no timers through globalThis', 'shared/rules/x.ts', 'export const a = () => globalThis.setTimeout(() => undefined, 1);\n'],
    ['shared/ imports no shell', 'shared/rules/x.ts', "import { runDesk } from '../../main/runDesk';\nexport const a = runDesk;\n"],
    ['renderer/ never imports main/', 'renderer/door/x.ts', "import { runDesk } from '../../main/runDesk';\nexport const a = runDesk;\n"],
    ['main/ imports Electron only under main/electron/', 'main/sync/x.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['server/ imports nothing of the desk', 'server/routes/x.ts', "import { runDesk } from '../../main/runDesk';\nexport const a = runDesk;\n"],
  ])('%s', async (_name, filePath, code) => {
    expect((await problemsOf(filePath, code)).length).toBeGreaterThan(0);
  });

  it('DateTime with an argument is fine in shared/ (the clock handed in)', async () => {
    expect(await problemsOf('shared/rules/x.ts', "import { DateTime } from 'luxon';\nexport const a = (ms: number) => DateTime.fromMillis(ms, { zone: 'utc' });\n")).toEqual([]);
  });
});
