#!/usr/bin/env node
// cmsi: the cms-interop command line. It runs the JavaScript that `npm ci` compiles into dist/ (the
// package's prepare step), so it starts like a native tool, with no TypeScript loader.
import { existsSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';

// V8 optimizes a function once it has run through this many bytes of bytecode (its default: 132
// KB). A check of a few thousand small messages is over in about a second, and each worker thread
// compiles its own optimized code: TurboFan was 27 % of all CPU time (perf, 4,000 RSA-2048
// SignedData, --jobs 2), most of it spent on functions that ran a few times. Twice the budget leaves
// the hot code optimized, slightly later, and the run took 1.42 s instead of 1.79 s (median of 3;
// bench/speed.ts's B2). The flag is process-wide, so the workers have it too.
setFlagsFromString('--interrupt-budget=262144');

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('cmsi: not built yet: run "npm run build" (npm ci does it)\n');
  process.exit(2);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
