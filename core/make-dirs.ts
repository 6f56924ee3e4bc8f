/**
 * `mkdir -p` that always ends. Node's own `mkdirSync(path, { recursive: true })` loops forever at
 * 100% CPU where mkdir(2) answers ENOENT for a path whose parent exists (e.g. under /proc, where
 * nothing can be created): it takes ENOENT to mean "parent missing", creates the parent (EEXIST),
 * and retries. Here every component is created once, from the deepest existing ancestor down, and
 * the first failure is returned with the path it concerns.
 */
import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export type MakeDirs = { readonly ok: true; readonly dir: string } | { readonly ok: false; readonly path: string; readonly code: string };

export function makeDirs(path: string): MakeDirs {
  const dir = resolve(path);
  const missing: string[] = [];
  let at = dir;
  for (;;) {
    const kind = kindOf(at);
    if (kind === 'dir') break;
    if (kind === 'other') return { ok: false, path: at, code: 'ENOTDIR' };
    missing.push(at);
    const parent = dirname(at);
    if (parent === at) return { ok: false, path: at, code: 'ENOENT' };
    at = parent;
  }
  for (const d of missing.reverse()) {
    try {
      mkdirSync(d);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? 'EIO';
      // Created meanwhile by someone else is fine; anything else stops here, once.
      if (code !== 'EEXIST' || kindOf(d) !== 'dir') return { ok: false, path: d, code };
    }
  }
  return { ok: true, dir };
}

function kindOf(p: string): 'dir' | 'other' | 'missing' {
  try {
    return statSync(p).isDirectory() ? 'dir' : 'other';
  } catch {
    return 'missing';
  }
}
