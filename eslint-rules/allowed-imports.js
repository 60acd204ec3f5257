// Boundaries as an allowlist (docs/architecture.md, "Where each rule and each boundary lives"):
// each folder names the packages it may import, and anything else is an error, so a new
// dependency reaches a folder only by a change to this list that a reviewer sees. Modelled
// on Signal Desktop's `.eslint/rules/file-suffix.js`, which decides by file what may be
// imported. Relative imports are left to `no-restricted-imports` (which folder may reach
// which); this rule looks only at packages and Node's modules.

/** The package a bare specifier names: `@scope/name` or `name` (subpaths belong to it). */
function packageOf(specifier) {
  if (specifier.startsWith('node:')) return specifier;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function isRelative(specifier) {
  return specifier.startsWith('./') || specifier.startsWith('../') || specifier === '.' || specifier === '..';
}

/** `node:*` allows every Node module spelled with the `node:` prefix; `@fastify/*` a whole scope. */
function allows(allowed, specifier) {
  const name = packageOf(specifier);
  return allowed.some((entry) => {
    if (entry === 'node:*') return name.startsWith('node:');
    if (entry.endsWith('/*')) return name.startsWith(entry.slice(0, -1));
    return entry === name;
  });
}

export default {
  meta: {
    type: 'problem',
    docs: { description: 'Only the packages listed for a folder may be imported there' },
    schema: [{
      type: 'object',
      properties: {
        folder: { type: 'string' },
        allowed: { type: 'array', items: { type: 'string' } },
        typeOnly: { type: 'array', items: { type: 'string' } },
      },
      required: ['folder', 'allowed'],
      additionalProperties: false,
    }],
    messages: {
      unlisted: '{{folder}} may not import "{{specifier}}": its packages are {{list}} (eslint.config.js). Add it there only if the folder really needs it.',
      typeOnly: '{{folder}} may import only types from "{{specifier}}" (use `import type`).',
      bareNodeModule: 'Spell Node modules with their prefix: "node:{{specifier}}".',
    },
  },
  create(context) {
    const { folder, allowed, typeOnly = [] } = context.options[0];
    const list = [...allowed, ...typeOnly.map((name) => `${name} (types only)`)].join(', ') || 'none';
    const check = (node, specifier, typesOnly) => {
      if (typeof specifier !== 'string' || isRelative(specifier)) return;
      if (!specifier.startsWith('node:') && NODE_BUILTINS.has(specifier.split('/')[0])) {
        context.report({ node, messageId: 'bareNodeModule', data: { specifier } });
        return;
      }
      if (allows(allowed, specifier)) return;
      if (allows(typeOnly, specifier)) {
        if (!typesOnly) context.report({ node, messageId: 'typeOnly', data: { folder, specifier } });
        return;
      }
      context.report({ node, messageId: 'unlisted', data: { folder, specifier, list } });
    };
    const typeOnlyDeclaration = (node) =>
      node.importKind === 'type' || node.exportKind === 'type' ||
      (node.specifiers?.length > 0 && node.specifiers.every((specifier) => specifier.importKind === 'type' || specifier.exportKind === 'type'));
    return {
      ImportDeclaration: (node) => check(node.source, node.source.value, typeOnlyDeclaration(node)),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value, typeOnlyDeclaration(node)),
      ExportAllDeclaration: (node) => check(node.source, node.source.value, node.exportKind === 'type'),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value, false),
      TSImportType: (node) => {
        const literal = node.argument?.literal ?? node.argument;
        if (literal?.type === 'Literal') check(literal, literal.value, true);
      },
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments[0]?.type === 'Literal') {
          check(node.arguments[0], node.arguments[0].value, false);
        }
      },
    };
  },
};

const NODE_BUILTINS = new Set([
  'assert', 'async_hooks', 'buffer', 'child_process', 'cluster', 'console', 'constants', 'crypto', 'dgram',
  'diagnostics_channel', 'dns', 'domain', 'events', 'fs', 'http', 'http2', 'https', 'inspector', 'module', 'net',
  'os', 'path', 'perf_hooks', 'process', 'punycode', 'querystring', 'readline', 'repl', 'stream', 'string_decoder',
  'sys', 'timers', 'tls', 'trace_events', 'tty', 'url', 'util', 'v8', 'vm', 'wasi', 'worker_threads', 'zlib',
]);
