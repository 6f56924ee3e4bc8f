/**
 * The conformance run on a folder of third-party messages, as a script (the same as
 * `cmsi conformance`, cli/conformance.ts):
 *
 *   npx tsx scripts/conformance.ts DIR --expectations FILE [--ca FILE]... [--at TIME]
 *       [--p12-password P] [--profile current|v3] [--min-agreement PERCENT]
 */
import { conformanceCommand } from '../cli/conformance.ts';

try {
  process.exitCode = conformanceCommand(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`conformance: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 2;
}
