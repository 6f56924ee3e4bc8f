/**
 * The fuzzer's side of the checker consumer (fuzz/checker-worker.ts): one persistent process,
 * spoken to in JSON lines. From the TypeScript sources (tests, tsx) the worker runs through tsx;
 * from dist/ it is plain JavaScript.
 */
import { fileURLToPath } from 'node:url';
import { JsonLineWorker } from '../adapters/stacks/json-worker.ts';

export type CheckerVerdict = 'valid' | 'acceptable' | 'invalid' | 'unchecked' | 'unparseable';

export type CheckerAnswer =
  | { readonly ok: true; readonly verdict: CheckerVerdict; readonly failing: readonly { readonly rule: string; readonly layer: string }[]; readonly reason: string | null; readonly contentSha256: string | null }
  | { readonly ok: false; readonly error: string };

export class CheckerClient {
  private readonly worker: JsonLineWorker;

  constructor(corpusDir: string) {
    const url = new URL(import.meta.url.endsWith('.ts') ? './checker-worker.ts' : './checker-worker.js', import.meta.url);
    const file = fileURLToPath(url);
    const args = file.endsWith('.ts') ? ['--import', 'tsx', file, corpusDir] : [file, corpusDir];
    this.worker = new JsonLineWorker(process.execPath, args);
  }

  async check(sample: string, bytes: Uint8Array): Promise<CheckerAnswer> {
    const r = await this.worker.request({ sample, bytes: Buffer.from(bytes).toString('base64') }, 30_000);
    if (r.kind !== 'answer') return { ok: false, error: r.kind === 'died' ? `checker died (${r.how}): ${r.stderr.slice(-300)}` : r.kind === 'timeout' ? 'checker timed out' : r.message };
    const b = r.body as { verdict?: CheckerVerdict; failing?: { rule: string; layer: string }[]; reason?: string | null; contentSha256?: string | null; error?: string };
    if (b.error || !b.verdict) return { ok: false, error: b.error ?? 'no verdict' };
    return { ok: true, verdict: b.verdict, failing: b.failing ?? [], reason: b.reason ?? null, contentSha256: b.contentSha256 ?? null };
  }

  close(): Promise<void> {
    return this.worker.stop();
  }
}
