/**
 * The conformance run on a folder of third-party messages (cli/conformance.ts):
 *
 *   npx tsx scripts/conformance.ts DIR --expectations FILE [--ca FILE]... [--at TIME]
 *       [--p12-password P] [--profile current|v3] [--min-agreement PERCENT]
 *
 * Prints one line per case and the agreement; exit 1 when the agreement is below
 * --min-agreement (default 0), 2 on a usage or input error.
 */
import { parseArgs } from 'node:util';
import { formatConformance, runConformance } from '../cli/conformance.ts';

function main(): number {
  const { values, positionals } = parseArgs({
    allowPositionals: true, strict: true,
    options: {
      expectations: { type: 'string' }, ca: { type: 'string', multiple: true }, at: { type: 'string' },
      'p12-password': { type: 'string' }, profile: { type: 'string', default: 'current' }, 'min-agreement': { type: 'string', default: '0' },
    },
  });
  const dir = positionals[0];
  if (!dir || positionals.length > 1 || !values.expectations) throw new Error('usage: conformance.ts DIR --expectations FILE [--ca FILE]... [--at TIME] [--p12-password P]');
  if (values.profile !== 'current' && values.profile !== 'v3') throw new Error(`--profile must be current or v3, got "${values.profile}"`);
  const min = Number(values['min-agreement']);
  if (!Number.isFinite(min) || min < 0 || min > 100) throw new Error('--min-agreement takes a percentage from 0 to 100');
  const r = runConformance({
    dir, expectations: values.expectations, profile: values.profile,
    ...(values.ca ? { ca: values.ca } : {}), ...(values.at !== undefined ? { at: values.at } : {}),
    ...(values['p12-password'] !== undefined ? { p12Password: values['p12-password'] } : {}),
  });
  console.log(formatConformance(r));
  return r.counted && (100 * r.agreeing) / r.counted < min ? 1 : 0;
}

try {
  process.exitCode = main();
} catch (e) {
  process.stderr.write(`conformance: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 2;
}
