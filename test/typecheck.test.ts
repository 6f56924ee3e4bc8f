/**
 * The project typechecks (TypeScript strict, no unused locals) on a clean checkout: the sources run
 * through tsx, which strips types without checking them, so this is where types are enforced.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { REPO } from './helpers/corpus.ts';

it('tsc --noEmit reports no error', () => {
  const r = spawnSync(process.execPath, [join(REPO, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', REPO], { encoding: 'utf8', timeout: 180_000 });
  expect(`${r.stdout}${r.stderr}`.trim()).toBe('');
  expect(r.status).toBe(0);
}, 180_000);
