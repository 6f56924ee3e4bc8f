#!/usr/bin/env node
// cmsi: the cms-interop command line. The sources are TypeScript, run through tsx's loader so that
// `npm ci` leaves a working command with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
