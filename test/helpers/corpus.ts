/** Test helpers: the committed corpus and its manifest, read the way a consumer would. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { Manifest } from '../../core/manifest.ts';

export const REPO = new URL('../../', import.meta.url).pathname;
export const CORPUS = join(REPO, 'corpus');

export function loadManifest(dir = CORPUS): Manifest {
  return parse(readFileSync(join(dir, 'manifest.yaml'), 'utf8')) as Manifest;
}

export const readBytes = (dir: string, rel: string): Uint8Array => new Uint8Array(readFileSync(join(dir, rel)));

/** The manifest with only its valid samples: what the tests of the valid corpus judge. */
export function loadValidManifest(dir = CORPUS): Manifest {
  const m = loadManifest(dir);
  return { ...m, samples: m.samples.filter((s) => s.expected === 'valid') };
}
