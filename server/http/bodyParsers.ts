// The bodies the endpoint reads: JSON everywhere, CSV for imports, both in UTF-8 only (a body
// labelled `charset=utf-16` was accepted and read as UTF-8: issue 12, finding 9). JSON is
// checked for depth on its text before it is parsed (shared/schema/jsonDepth.ts); keys such
// as `__proto__` are refused by Fastify's own parser, which does the parsing.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { MAX_JSON_DEPTH, jsonNestingDepth } from '../../shared/schema/jsonDepth';
import { RefusalError, refusal } from '../errors';

/** The charset a Content-Type names, in lower case; null when it names none. */
export function charsetOf(contentType: string): string | null {
  for (const parameter of contentType.split(';').slice(1)) {
    const [name, ...value] = parameter.split('=');
    if (name?.trim().toLowerCase() === 'charset') return value.join('=').trim().replace(/^"(.*)"$/, '$1').toLowerCase();
  }
  return null;
}

function refuseUnlessUtf8(request: FastifyRequest): void {
  const charset = charsetOf(request.headers['content-type'] ?? '');
  if (charset !== null && charset !== 'utf-8' && charset !== 'utf8') {
    throw new RefusalError(refusal('unsupported-media-type', `this endpoint reads UTF-8 only, not "${charset}": send the body as UTF-8 (charset=utf-8)`));
  }
}

export function registerBodyParsers(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    try {
      refuseUnlessUtf8(request);
    } catch (error) {
      done(error as Error, undefined);
      return;
    }
    const text = body as string;
    if (jsonNestingDepth(text) > MAX_JSON_DEPTH) {
      done(new RefusalError(refusal('json-too-deep', `the request body nests deeper than ${MAX_JSON_DEPTH} levels; no request of this endpoint does`)), undefined);
      return;
    }
    parseJson(request, text, done);
  });
  app.addContentTypeParser('text/csv', { parseAs: 'string' }, (request, body, done) => {
    try {
      refuseUnlessUtf8(request);
    } catch (error) {
      done(error as Error, undefined);
      return;
    }
    done(null, body);
  });
}
