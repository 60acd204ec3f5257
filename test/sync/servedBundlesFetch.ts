// What the bundle tests (historyBundles.test, doorBundles.test) do to the desk's requests: a
// fetch that notes each path asked for and may change the endpoint's answer, an answer of their
// own in JSON, and the digest a served bundle carries (BUNDLE_DIGEST, SHA-256 of its records).
import { createHash } from 'node:crypto';
import type { FetchFunction } from '../../main/sync/syncEndpoint';

/** What the desk asked of the endpoint, by path, and the fetch that counts it (changing answers with `change`). */
export function watchedFetch(change?: (path: string, answer: Response) => Promise<Response>): { fetch: FetchFunction; asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    fetch: async (url, init) => {
      const { pathname } = new URL(url);
      asked.push(pathname);
      const answer = await fetch(url, init);
      return change ? change(pathname, answer) : answer;
    },
  };
}

export const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

export const digestOf = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
