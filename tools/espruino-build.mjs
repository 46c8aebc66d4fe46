#!/usr/bin/env node
// The Espruino build: an app (TypeScript or modern JavaScript, async/await
// included) or the library, to one file in the language Espruino runs.
// esbuild bundles and tree-shakes (zsockjs/platform -> the Espruino port);
// Babel lowers async/await to promise chains (no generators, which Espruino
// lacks) and the other missing syntax; a pass moves function declarations
// first in their block (Espruino does not hoist); every binding gets a short
// name used nowhere else in the file (never `of`, a syntax error there:
// a minifier's per-scope reuse of names broke at run time); terser only
// prints compactly (its compressor's rewrites broke at run time too).
// docs/decisions/espruino-build.md says why each step.
import { transformAsync } from '@babel/core';
import { build } from 'esbuild';
import { existsSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { minify } from 'terser';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Babel plugins resolved from this package, whatever the caller's working directory. */
const plugin = createRequire(import.meta.url).resolve;

/** What `zsockjs...` specifiers resolve to: the TypeScript sources of this checkout. */
const SPECIFIERS = {
  zsockjs: 'lib/index.ts',
  'zsockjs/posix': 'lib/posix.ts',
  'zsockjs/platform': 'ports/espruino/platform.ts',
  'zsockjs/ports/espruino': 'ports/espruino/index.ts',
};
if (!existsSync(path.join(root, SPECIFIERS.zsockjs))) throw new Error('espruino-build: run it from a zsockjs checkout (it builds from the sources)');

const zsockjsPlugin = {
  name: 'zsockjs-espruino',
  setup(b) {
    b.onResolve({ filter: /^zsockjs(\/.*)?$/ }, (args) => {
      const file = SPECIFIERS[args.path];
      if (!file) return { errors: [{ text: `${args.path} has no Espruino build` }] };
      return { path: path.join(root, file) };
    });
    // Host-only code an example may reach through a dynamic import it never runs on the device:
    // left outside the bundle (the check rejects any import that survives tree-shaking).
    b.onResolve({ filter: /^node:|\/ports\/node(-mock)?(\/|$)/ }, (args) => ({ path: args.path, external: true }));
  },
};

/** Moves every function declaration before the other statements of its block: Espruino defines a function only when its statement runs. */
function hoistFunctions() {
  const hoist = (body) => {
    const functions = body.filter((node) => node.type === 'FunctionDeclaration');
    if (functions.length === 0) return;
    const rest = body.filter((node) => node.type !== 'FunctionDeclaration');
    body.splice(0, body.length, ...functions, ...rest);
  };
  return {
    name: 'hoist-functions',
    visitor: {
      Program: { exit: (p) => hoist(p.node.body) },
      BlockStatement: { exit: (p) => hoist(p.node.body) },
      SwitchCase: { exit: (p) => hoist(p.node.consequent) },
    },
  };
}

/**
 * The async lowering's loop results (`_Pact`) are thenables with `then` on
 * their prototype; Espruino's promises adopt only an own `then` and call it
 * without `this`, so each pact gets its own bound `then`.
 */
function ownPactThen({ template }) {
  const body = template.statements(`
    var pact = this;
    this.then = function (onFulfilled, onRejected) {
      return _Pact.prototype.then.call(pact, onFulfilled, onRejected);
    };
  `);
  return {
    name: 'own-pact-then',
    visitor: {
      FunctionDeclaration(p) {
        if (p.node.id && p.node.id.name === '_Pact' && p.node.body.body.length === 0) p.get('body').pushContainer('body', body());
      },
    },
  };
}

/**
 * Short names, each used once in the whole file. A minifier reuses a short
 * name in every scope; Espruino then resolved a bound helper's own name to
 * an unrelated variable of the same name (measured: "Expecting function, got
 * Number"). Unique names keep every lookup unambiguous.
 */
function uniqueShortNames() {
  const ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_$';
  const TAIL = ALPHABET + '0123456789';
  const RESERVED = new Set(['of', 'do', 'if', 'in', 'for', 'let', 'new', 'try', 'var', 'int', 'NaN', 'get', 'set', 'E']);
  return {
    name: 'unique-short-names',
    visitor: {
      Program(program) {
        const free = new Set();
        program.traverse({
          Identifier(p) {
            if ((p.isReferencedIdentifier() || p.isBindingIdentifier()) && !p.scope.getBinding(p.node.name)) free.add(p.node.name);
          },
        });
        let counter = 0;
        const next = () => {
          for (;;) {
            let n = counter++;
            let name = ALPHABET[n % ALPHABET.length];
            n = Math.floor(n / ALPHABET.length);
            while (n > 0) {
              n -= 1;
              name += TAIL[n % TAIL.length];
              n = Math.floor(n / TAIL.length);
            }
            if (!RESERVED.has(name) && !free.has(name)) return name;
          }
        };
        const names = new Map();
        program.traverse({
          Identifier(p) {
            if (!(p.isReferencedIdentifier() || p.isBindingIdentifier())) return;
            const binding = p.scope.getBinding(p.node.name);
            if (!binding) return;
            let name = names.get(binding);
            if (!name) names.set(binding, (name = next()));
            if (p.parent.type === 'ObjectProperty' && p.parent.shorthand) {
              p.parent.shorthand = false;
              p.parent.key = { type: 'Identifier', name: p.node.name };
            }
            p.node.name = name;
          },
        });
      },
    },
  };
}

/**
 * ES module exports to `exports.name = value` (module mode). A binding that
 * changes after load (`errno`) becomes a getter, so it stays live.
 */
function exportsToCommonJS({ types: t }) {
  return {
    name: 'exports-to-commonjs',
    visitor: {
      ExportNamedDeclaration(p) {
        if (p.node.declaration || p.node.source) throw p.buildCodeFrameError('unexpected export form in the bundle');
        const statements = [];
        for (const spec of p.node.specifiers) {
          const local = spec.local.name;
          const exported = spec.exported.type === 'Identifier' ? spec.exported.name : spec.exported.value;
          const binding = p.scope.getBinding(local);
          const live = binding && (binding.kind === 'let' || binding.kind === 'var') && binding.constantViolations.length > 0;
          const target = t.memberExpression(t.identifier('exports'), t.identifier(exported));
          if (!live) {
            statements.push(t.expressionStatement(t.assignmentExpression('=', target, t.identifier(local))));
          } else {
            const getter = t.functionExpression(null, [], t.blockStatement([t.returnStatement(t.identifier(local))]));
            statements.push(
              t.expressionStatement(
                t.callExpression(t.memberExpression(t.identifier('Object'), t.identifier('defineProperty')), [
                  t.identifier('exports'),
                  t.stringLiteral(exported),
                  t.objectExpression([t.objectProperty(t.identifier('get'), getter), t.objectProperty(t.identifier('enumerable'), t.booleanLiteral(true))]),
                ]),
              ),
            );
          }
        }
        p.replaceWithMultiple(statements);
      },
    },
  };
}

/** Babel assumptions that keep the lowered code free of Symbol.iterator and helper calls Espruino cannot run. */
const ASSUMPTIONS = {
  iterableIsArray: true,
  arrayLikeIsIterable: false,
  objectRestNoSymbols: true,
  ignoreFunctionLength: true,
  setComputedProperties: true,
  setSpreadProperties: true,
  noDocumentAll: true,
  noNewArrows: true,
};

/**
 * Builds for Espruino. `mode` 'app': `entry` default-exports an async main(),
 * which the file runs on load and whose result it prints ("exit N"). `mode`
 * 'module': `entry` is a module whose exports the file sets on `exports`
 * (for Storage or Modules.addCached). Returns the code and sizes per stage.
 */
export async function buildEspruino({ entry, mode = 'app', settings = {}, mangle = true }) {
  const absolute = path.resolve(entry);
  const stdin =
    mode === 'app'
      ? {
          contents:
            `import main from ${JSON.stringify(absolute)};\n` +
            `import { platform_print } from 'zsockjs/platform';\n` +
            `main().then(function (code) { platform_print('exit ' + code); }, function (error) { platform_print('error ' + (error && error.message ? error.message : error)); });\n`,
          resolveDir: path.dirname(absolute),
          sourcefile: 'espruino-main.js',
          loader: 'js',
        }
      : undefined;
  const bundled = await build({
    ...(stdin ? { stdin } : { entryPoints: [absolute] }),
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    target: 'es2017',
    // Espruino has none of these: esbuild lowers them (Babel does the rest).
    supported: { 'optional-catch-binding': false, 'logical-assignment': false, 'class-field': false, 'class-static-field': false },
    define: { ZSOCK_SETTINGS: JSON.stringify(settings) },
    plugins: [zsockjsPlugin],
    treeShaking: true,
    legalComments: 'none',
    charset: 'ascii',
    logLevel: 'silent',
  });
  const bundle = bundled.outputFiles[0].text;
  const lowered = await transformAsync(bundle, {
    babelrc: false,
    configFile: false,
    sourceType: 'module',
    compact: false,
    comments: false,
    assumptions: ASSUMPTIONS,
    plugins: [
      ...(mode === 'module' ? [exportsToCommonJS] : []),
      [plugin('babel-plugin-transform-async-to-promises'), { inlineHelpers: true }],
      plugin('@babel/plugin-transform-destructuring'),
      plugin('@babel/plugin-transform-parameters'),
      plugin('@babel/plugin-transform-spread'),
      plugin('@babel/plugin-transform-computed-properties'),
      [plugin('@babel/plugin-transform-for-of'), { assumeArray: true }],
      plugin('@babel/plugin-transform-new-target'),
      plugin('@babel/plugin-transform-block-scoping'),
    ],
  });
  // A second pass: hoisting sees the final statements of every block.
  const hoisted = await transformAsync(lowered.code, {
    babelrc: false,
    configFile: false,
    sourceType: 'script',
    compact: false,
    comments: false,
    plugins: [ownPactThen, hoistFunctions],
  });
  const renamed = !mangle ? hoisted : await transformAsync(hoisted.code, {
    babelrc: false,
    configFile: false,
    sourceType: 'script',
    compact: false,
    comments: false,
    plugins: [uniqueShortNames],
  });
  // The port reaches Espruino's require as ESPRUINO_REQUIRE (a bundler would try to resolve a plain
  // require). Espruino has no RangeError: the core's argument errors throw Error there.
  const wrapped =
    `(function (ESPRUINO_REQUIRE, RangeError) {\n${renamed.code}\n})` +
    `(require, typeof RangeError !== 'undefined' ? RangeError : Error);\n`;
  const minified = await minify(wrapped, {
    compress: false,
    // Names are already short and unique (uniqueShortNames): terser only prints compactly.
    mangle: false,
    format: { comments: false, ascii_only: true },
    ecma: 2017,
  });
  const code = minified.code;
  return { code, sizes: { bundle: bundle.length, lowered: hoisted.code.length, minified: code.length } };
}

function usage() {
  console.error(
    'usage: espruino-build.mjs APP.ts -o OUT.js [--setting NAME=VALUE ...]\n' +
      '       espruino-build.mjs --module ENTRY.ts -o OUT.js   (a module for Storage / Modules.addCached)\n' +
      '       espruino-build.mjs --library -o OUT.js          (zsockjs and its Espruino port as the module "zsockjs")',
  );
  process.exit(2);
}

async function main(argv) {
  let entry = null;
  let out = null;
  let mode = 'app';
  const settings = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-o') out = argv[++i];
    else if (arg === '--module') mode = 'module';
    else if (arg === '--library') {
      mode = 'module';
      entry = path.join(root, 'ports/espruino/library.ts');
    } else if (arg === '--setting') {
      const pair = argv[++i] ?? '';
      const eq = pair.indexOf('=');
      if (eq <= 0) usage();
      settings[pair.slice(0, eq)] = pair.slice(eq + 1);
    } else if (arg.startsWith('-')) usage();
    else entry = arg;
  }
  if (!entry || !out) usage();
  const { code, sizes } = await buildEspruino({ entry, mode, settings });
  writeFileSync(out, code);
  console.log(`${out}: ${sizes.minified} bytes (bundle ${sizes.bundle}, lowered ${sizes.lowered})`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((error) => {
    console.error(error && error.message ? error.message : error);
    process.exit(1);
  });
}
