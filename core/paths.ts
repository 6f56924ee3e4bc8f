/**
 * Where the repository's data lives (catalog/, data/, corpus/keys/, spec/, adapters' helper
 * programs), whether the code runs from its TypeScript sources or from the JavaScript that
 * `npm ci` compiles into dist/ (one level deeper). The root is the nearest folder above this
 * file that holds package.json and catalog/.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(from: string): string {
  for (let d = from; ; d = dirname(d)) {
    if (existsSync(join(d, 'package.json')) && existsSync(join(d, 'catalog'))) return d;
    if (dirname(d) === d) throw new Error(`cms-interop: no repository root (package.json and catalog/) above ${from}`);
  }
}

export const REPO_ROOT: string = findRoot(dirname(fileURLToPath(import.meta.url)));

/** A path inside the repository, from its root. */
export const repoPath = (...parts: string[]): string => join(REPO_ROOT, ...parts);
