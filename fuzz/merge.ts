/**
 * Joining the findings of shard directories (`--shard i/n`, `--jobs N`, a CI matrix): a finding's
 * id depends only on the seed and its key, so the same finding found by two shards has one id;
 * the smaller reproducer is kept (ties: the first directory given). Reproducers are copied.
 */
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { FINDINGS_FILE, readFindings, writeFindingsFile, type FindingRecord } from './findings.ts';

export function mergeFindings(dirs: readonly string[], outDir: string): FindingRecord[] {
  const byId = new Map<string, { f: FindingRecord; dir: string }>();
  for (const dir of dirs) {
    const file = join(dir, FINDINGS_FILE);
    if (!existsSync(file)) throw new Error(`${dir} has no ${FINDINGS_FILE}`);
    for (const f of readFindings(file).findings) {
      const had = byId.get(f.id);
      if (!had || f.size < had.f.size) byId.set(f.id, { f, dir });
    }
  }
  const merged = [...byId.values()].sort((a, b) => (a.f.id < b.f.id ? -1 : a.f.id > b.f.id ? 1 : 0));
  mkdirSync(join(outDir, 'reproducers'), { recursive: true });
  for (const { f, dir } of merged) {
    for (const rel of [f.reproducer, f.reproducer.replace(/\.der$/, '.json')]) {
      if (join(dir, rel) !== join(outDir, rel)) copyFileSync(join(dir, rel), join(outDir, rel));
    }
  }
  writeFindingsFile(outDir, merged.map((m) => m.f));
  return merged.map((m) => m.f);
}
