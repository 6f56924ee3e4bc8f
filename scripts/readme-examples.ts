/**
 * Examples in the docs come from real runs, never typed by hand. An example is an HTML comment
 * naming a shell command, followed by a fenced block holding `$ COMMAND` and what it printed
 * (stdout and stderr together, then `[exit N]` when N is not 0):
 *
 *     <!-- example: cmsi check corpus/samples/data/der.der -->
 *     ```text
 *     $ cmsi check corpus/samples/data/der.der
 *     ...
 *     ```
 *
 * `cmsi` is this checkout's bin/cmsi.js, the working directory the repository root. Examples
 * whose output depends on the machine (stack versions, timings, absolute paths) say so:
 * `<!-- example host: npm start -->`; scripts/update-readme.ts regenerates them too, and
 * test/readme-examples.test.ts compares every other example with a fresh run.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('..', import.meta.url));

/** The files whose examples are generated. */
export const EXAMPLE_DOCS = ['README.md', 'docs/cli.md'] as const;

export interface Example {
  readonly command: string;
  readonly host: boolean;
  /** Offsets of the fenced block (from its opening ``` to the end of its closing line). */
  readonly start: number;
  readonly end: number;
  /** The block's text between the fences. */
  readonly body: string;
}

/** The comment, then a fence, lines, and the closing fence at the start of a line (the block may be empty). */
const MARKER = /<!-- example( host)?: (.+?) -->\n```(\w*)\n((?:.*\n)*?)```[ \t]*(?:\n|$)/g;

export function findExamples(text: string): Example[] {
  return [...text.matchAll(MARKER)].map((m) => {
    const start = m.index! + m[0].indexOf('```');
    return { command: m[2]!.trim(), host: !!m[1], start, end: m.index! + m[0].length, body: m[4]!.replace(/\n$/, '') };
  });
}

/** Runs COMMAND in a shell at the repository root with `cmsi` on PATH; `$ COMMAND`, its output, `[exit N]`. */
export function runExample(command: string): string {
  const bin = mkdtempSync(join(tmpdir(), 'cmsi-example-'));
  try {
    writeFileSync(join(bin, 'cmsi'), `#!/bin/sh\nexec "${process.execPath}" "${join(REPO, 'bin', 'cmsi.js')}" "$@"\n`);
    chmodSync(join(bin, 'cmsi'), 0o755);
    const r = spawnSync('sh', ['-c', `{ ${command}\n} 2>&1`], {
      cwd: REPO, encoding: 'utf8', maxBuffer: 256 << 20, timeout: 30 * 60_000,
      env: { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}`, CMSI_DEBUG: '' },
    });
    const out = (r.stdout ?? '').replace(/\s+$/, '');
    const status = r.status === 0 ? '' : `\n[exit ${r.status ?? r.signal}]`;
    return `$ ${command}${out ? `\n${out}` : ''}${status}`;
  } finally {
    rmSync(bin, { recursive: true, force: true });
  }
}

/** The text with every example's block replaced by a fresh run (host examples too unless skipped). */
export function regenerate(text: string, options: { skipHost?: boolean } = {}): { text: string; ran: number } {
  let out = '';
  let at = 0;
  let ran = 0;
  for (const e of findExamples(text)) {
    if (e.host && options.skipHost) continue;
    out += `${text.slice(at, e.start)}\`\`\`text\n${runExample(e.command)}\n\`\`\`\n`;
    at = e.end;
    ran++;
  }
  return { text: out + text.slice(at), ran };
}

/** Rewrites each doc file's examples in place. */
export function regenerateDocs(options: { skipHost?: boolean } = {}): string[] {
  return EXAMPLE_DOCS.map((doc) => {
    const path = join(REPO, doc);
    const r = regenerate(readFileSync(path, 'utf8'), options);
    writeFileSync(path, r.text);
    return `${doc}: ${r.ran} examples`;
  });
}
