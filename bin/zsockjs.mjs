#!/usr/bin/env node
// The zsockjs command (`npx zsockjs sim ...`): the built runner in dist/.
import { main } from '../dist/cli.js';

process.exitCode = await main(process.argv.slice(2));
