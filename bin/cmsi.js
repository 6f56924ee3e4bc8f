#!/usr/bin/env node
// cmsi: the cms-interop command line. It runs the JavaScript that `npm ci` compiles into dist/ (the
// package's prepare step), so it starts like a native tool, with no TypeScript loader.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('cmsi: not built yet: run "npm run build" (npm ci does it)\n');
  process.exit(2);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
