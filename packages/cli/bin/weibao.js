#!/usr/bin/env node
// The operators' command. It runs the TypeScript sources through tsx, so `npx weibao` needs
// no build step after `npm ci`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/index.ts');
process.exitCode = await main(process.argv.slice(2));
