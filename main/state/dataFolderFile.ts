// The small files main keeps in its data folder (desk.json, sync.json, pin-tries.json, the
// browser desk's secret), read and written one way: a file that is damaged never stops the desk
// opening (it is kept aside, for whoever looks into it, and the caller starts afresh), and a
// file is always written whole (beside itself, then renamed over), so that a crash never leaves
// half of one.
import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { z } from 'zod';

/**
 * The file's JSON as `schema` reads it; null when there is no file. A file that is not JSON or
 * fails the schema is renamed `<file>.damaged-<ms>`, `damaged` is told why and where, and the
 * answer is null. A read that fails otherwise (no permission, a disk error) throws.
 */
export async function readKeptJson<T>(file: string, schema: z.ZodType<T>, damaged: (why: string, aside: string) => void): Promise<T | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const parsed = schema.safeParse(parseJson(text));
  if (parsed.success) return parsed.data;
  const aside = `${file}.damaged-${Date.now()}`;
  await rename(file, aside);
  damaged(parsed.error.issues.map((issue) => `${issue.path.join('.') || 'the file'} ${issue.message}`).join('; '), aside);
  return null;
}

/**
 * Writes `text` to `<file>.tmp` and renames it over the file, so no reader ever sees half of it.
 * `ownerOnly` (a device token, the browser desk's secret): the file is this user's alone (0600)
 * from its first byte.
 */
export async function writeWhole(file: string, text: string, options: { ownerOnly?: boolean } = {}): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temporary = `${file}.tmp`;
  if (options.ownerOnly) {
    // A temporary file left by a crash may have another mode: mode applies only when creating.
    await rm(temporary, { force: true });
    await writeFile(temporary, text, { mode: 0o600 });
    await chmod(temporary, 0o600);
  } else {
    await writeFile(temporary, text);
  }
  await rename(temporary, file);
}

/** The text's JSON, or null when it is not JSON. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
