#!/usr/bin/env node
// The zsockjs command (`npx zsockjs sim ...`): the built runner in dist/, or
// in a checkout without a build, the sources through tsx.
import { existsSync } from 'node:fs';

const built = new URL('../dist/cli.js', import.meta.url);
let cli;
if (existsSync(built)) cli = await import(built.href);
else {
  const { register } = await import('tsx/esm/api');
  register();
  cli = await import(new URL('../sim/cli.ts', import.meta.url).href);
}
process.exitCode = await cli.main(process.argv.slice(2));
