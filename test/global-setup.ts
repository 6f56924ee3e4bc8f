/**
 * Before any test file: compile the sources into dist/ (incremental, about 2 s when little
 * changed), since the tests that run `cmsi` as a user does start bin/cmsi.js, which runs dist/.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export default function setup(): void {
  const root = join(import.meta.dirname, '..');
  execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit', cwd: root });
}
