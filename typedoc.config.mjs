// The API reference (docs/api/, Markdown), generated from the doc comments
// of every entry in package.json `exports`. Validation fails the build on
// an export without a doc comment.
import { packageEntries } from './scripts/entries.mjs';

/** @type {Partial<import('typedoc').TypeDocOptions & import('typedoc-plugin-markdown').PluginOptions>} */
export default {
  entryPoints: packageEntries().map((entry) => entry.source),
  tsconfig: './tsconfig.build.json',
  plugin: ['typedoc-plugin-markdown', './scripts/typedoc-entry-names.mjs'],
  out: 'docs/api',
  outputFileStrategy: 'modules',
  entryFileName: 'README.md',
  readme: 'none',
  name: 'zsockjs API reference',
  excludePrivate: true,
  excludeInternal: true,
  excludeExternals: true,
  disableSources: true,
  hideGenerator: true,
  sort: ['source-order'],
  validation: { notExported: false, invalidLink: true, notDocumented: true },
  requiredToBeDocumented: ['Function', 'Variable', 'Class', 'Interface', 'TypeAlias', 'Enum'],
  treatWarningsAsErrors: true,
  logLevel: 'Warn',
};
