// The package's entries, read from package.json `exports`: every build and
// check (rollup, TypeDoc, the packed-package tests) takes its list from here,
// so an entry added to `exports` is built, documented and tested without
// another list to edit.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));

// dist names whose source does not follow the rule below: the package's
// `zsockjs/platform` is the host's (real sockets).
const sourceOverrides = { platform: 'ports/node/platform.ts' };

/** The source of dist/NAME.js: lib/NAME.ts, NAME.ts or NAME/index.ts. */
function sourceOf(name) {
  if (sourceOverrides[name]) return sourceOverrides[name];
  const found = [`lib/${name}.ts`, `${name}.ts`, `${name}/index.ts`].find((file) => existsSync(root + file));
  if (!found) throw new Error(`package.json exports dist/${name}.js, but no lib/${name}.ts, ${name}.ts or ${name}/index.ts`);
  return found;
}

/**
 * [{ specifier: 'zsockjs/posix', name: 'posix', source: 'lib/posix.ts' }, …]
 * for every `exports` entry whose `import` is a file under ./dist.
 */
export function packageEntries() {
  const pkg = JSON.parse(readFileSync(root + 'package.json', 'utf8'));
  const entries = [];
  for (const [key, target] of Object.entries(pkg.exports)) {
    const file = typeof target === 'string' ? target : target.import ?? target.default;
    const match = typeof file === 'string' && /^\.\/dist\/(.+)\.js$/.exec(file);
    if (!match) continue;
    const specifier = key === '.' ? pkg.name : pkg.name + key.slice(1);
    entries.push({ specifier, name: match[1], source: sourceOf(match[1]) });
  }
  return entries;
}
