/**
 * `cmsi corpus`: a readable listing of a corpus manifest, valid samples by content type and
 * invalid ones by category, each with its explanation, flag, violated requirements and base.
 */
import { parseArgs } from 'node:util';
import { loadFlags } from '../core/flags.ts';
import type { Manifest, Sample } from '../core/manifest.ts';
import { parseManifest, readManifest } from '../core/manifest-file.ts';
import { InputError, readInputText, writeOutput } from './io.ts';
import { UsageError } from './usage.ts';

export const CORPUS_HELP = `usage: cmsi corpus [--manifest FILE] [--format md|json] [--out FILE]

Lists the corpus a manifest describes (default corpus/manifest.yaml): the valid samples by
content type, and the invalid ones by category with the defect, the implementation mistake it
catches (its flag), the requirements it violates, its base sample and whether it was re-signed.
The manifest is validated against its schema first. --manifest - reads it from stdin.`;

const cell = (s: string): string => s.replace(/\|/g, '\\|');

export function corpusMarkdown(m: Manifest): string {
  const flags = new Map(loadFlags().flags.map((f) => [f.name, f]));
  const out: string[] = [`# The cms-interop corpus`, '', `Seed ${m.seed}, ${m.samples.length} samples, validation time ${m.validationTime}.`, ''];
  const valid = m.samples.filter((s) => s.expected === 'valid');
  const invalid = m.samples.filter((s) => s.expected !== 'valid');
  out.push(`## Valid samples (${valid.length})`, '');
  const byType = new Map<string, Sample[]>();
  for (const s of valid) byType.set(s.contentType, [...(byType.get(s.contentType) ?? []), s]);
  for (const [type, list] of byType) {
    out.push(`### ${type} (${list.length})`, '', '| id | description | algorithms |', '|---|---|---|');
    for (const s of list) out.push(`| \`${s.id}\` | ${cell(s.description)} | ${s.algorithms.join(', ')} |`);
    out.push('');
  }
  const acceptable = invalid.filter((s) => s.expected === 'acceptable').length;
  out.push(`## Invalid and acceptable samples (${invalid.length - acceptable} invalid, ${acceptable} acceptable)`, '');
  const byCat = new Map<string, Sample[]>();
  for (const s of invalid) {
    // invalid/<category>/<name>; samples elsewhere (RFC 4134's own 4.10) by their first part.
    const parts = s.id.split('/');
    const cat = (parts[0] === 'invalid' ? parts[1] : parts[0]) ?? 'other';
    byCat.set(cat, [...(byCat.get(cat) ?? []), s]);
  }
  for (const [cat, list] of byCat) {
    out.push(`### ${cat} (${list.length})`, '', '| id | expected | defect and the mistake it catches | flag | violates | base | re-signed |', '|---|---|---|---|---|---|---|');
    for (const s of list) {
      const flag = s.flags?.[0] ?? '';
      out.push(`| \`${s.id}\` | ${s.expected} | ${cell(s.description)} | ${flag} (${flags.get(flag)?.bugType ?? '?'}) | ${s.requirements.map((r) => `\`${r}\``).join(' ')} | ${s.base ? `\`${s.base}\`` : '(none: kept as published)'} | ${s.resigned ? 'yes' : 'no'} |`);
    }
    out.push('');
  }
  out.push('## Flags', '', '| flag | bug type | what the receiver got wrong | effect if accepted |', '|---|---|---|---|');
  for (const f of loadFlags().flags) out.push(`| ${f.name} | ${f.bugType} | ${cell(f.description)} | ${cell(f.effect)} |`);
  return `${out.join('\n')}\n`;
}

export function corpusCommand(argv: readonly string[]): number {
  const { values } = parseArgs({ args: [...argv], strict: true, options: { manifest: { type: 'string', default: 'corpus/manifest.yaml' }, format: { type: 'string', default: 'md' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    console.log(CORPUS_HELP);
    return 0;
  }
  if (!['md', 'json'].includes(values.format!)) throw new UsageError(`--format must be md or json, got "${values.format}"`);
  const read = values.manifest === '-' ? parseManifest('stdin', readInputText('-', '--manifest')) : readManifest(values.manifest!);
  if (!read.ok) throw new InputError(read.error);
  const m = read.manifest;
  writeOutput(values.out, values.format === 'json' ? `${JSON.stringify(m, null, 2)}\n` : corpusMarkdown(m));
  return 0;
}
