/**
 * The report as Markdown: the inputs (corpus, gaps, warnings), stacks, consumer and producer
 * matrices, interop, cross-verification failures by layer, unexpected outcomes, requirements.
 */
import { cellText } from './cells.ts';
import { MATRIX_FEATURES, acceptedByLayer, failedLayerOf, layerLabel, unexpectedByStack, type ReportModel } from './model.ts';
import { expectationsFileOf } from './known.ts';

const esc = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** Incomplete-run and warning lines, the same in every mode: numbers of a damaged run never stand alone. */
function inputNotes(m: ReportModel): string[] {
  const out: string[] = [];
  if (m.incomplete.length) out.push('**INCOMPLETE RUN**: the numbers below do not cover the whole run.', '', ...m.incomplete.map((l) => `- ${esc(l)}`), '');
  if (m.warnings.length) out.push('**Warnings about the results read**:', '', ...m.warnings.map((l) => `- ${esc(l)}`), '');
  return out;
}

function producedCell(m: ReportModel, stack: string, feature: string): string {
  const p = m.produce.find((x) => x.stack === stack && x.feature === feature);
  if (!p) return '';
  if (p.verdict !== 'produced') return p.verdict === 'unsupported' ? 'n/s' : p.verdict;
  if (p.check?.verdict === 'valid') return 'valid';
  const layer = failedLayerOf(p.check);
  return `${p.check?.verdict ?? '?'}${layer ? ` [${layer}]` : ''}: ${p.check?.failed.join(', ')}`;
}

/** `brief`: the README's view: matrices, unexpected outcomes counted per stack and flag, no lists. */
export function renderMarkdown(m: ReportModel, options: { brief?: boolean } = {}): string {
  const out: string[] = ['# cms-interop report', ''];
  if (m.identity && !options.brief) out.push(`Results of cmsi ${m.identity.cmsi} over the corpus of seed ${m.identity.seed} (manifest SHA-256 \`${m.identity.manifestSha256}\`).`, '');
  out.push(...inputNotes(m));
  out.push('## Stacks', '', '| stack | version | lineage | status |', '|---|---|---|---|');
  for (const s of m.stacks) out.push(`| ${s.stack} | ${s.version ?? ''} | ${s.lineage} | ${s.source === 'submitted' ? 'submitted' : s.installed ? 'installed' : `not installed: ${esc(s.reason ?? '')}`} |`);
  const features = MATRIX_FEATURES.filter((f) => [...m.consumerMatrix.values()].some((row) => row.get(f)?.total));
  out.push('', '## Consumer matrix (valid samples accepted with the exact content / samples with the feature)', '', `| stack | invalid caught | acceptable accepted | ${features.join(' | ')} |`, `|---|---|---|${features.map(() => '---').join('|')}|`);
  for (const s of m.installed) {
    const row = m.consumerMatrix.get(s.stack);
    out.push(`| ${s.stack} | ${cellText(m.invalidCaught.get(s.stack))} | ${cellText(m.acceptable.get(s.stack))} | ${features.map((f) => cellText(row?.get(f))).join(' | ')} |`);
  }
  out.push('', '"invalid caught": invalid samples rejected; "acceptable accepted": samples whose only flaw binds the producer, accepted; "n/s": the stack does not support any sample with that feature; "(N!)": N samples rejected, crashed or wrong content.', '');
  out.push('## Producer matrix (what each stack made, and what cmsi check says of it: verdict [first failing layer]: rules)', '', `| stack | ${m.produceFeatures.join(' | ')} |`, `|---|${m.produceFeatures.map(() => '---').join('|')}|`);
  for (const s of m.installed) out.push(`| ${s.stack} | ${m.produceFeatures.map((f) => producedCell(m, s.stack, f)).join(' | ')} |`);
  out.push('', '## Interop (producer row, consumer column: ✓ accepted with the content, ✗ rejected, – unsupported)', '');
  const consumers = m.installed.map((s) => s.stack);
  for (const [feature, producers] of m.interop) {
    out.push(`### ${feature}`, '', `| producer \\ consumer | ${consumers.join(' | ')} |`, `|---|${consumers.map(() => '---').join('|')}|`);
    for (const [producer, row] of producers) {
      out.push(`| ${producer} | ${consumers.map((c) => {
        if (c === producer) return '·';
        const r = row.get(c);
        if (!r) return '';
        return r.verdict === 'accept' ? (r.contentMatch === false ? '✓≠' : '✓') : r.verdict === 'reject' ? '✗' : r.verdict === 'unsupported' ? '–' : r.verdict;
      }).join(' | ')} |`);
    }
    out.push('');
  }
  if (!options.brief && m.crossFailures.length) {
    out.push('## Cross-verification failures (what cmsi check says of the rejected message)', '', '| feature | producer | consumer | outcome | cmsi check | consumer said |', '|---|---|---|---|---|---|');
    for (const f of m.crossFailures) {
      const c = f.check;
      const judged = !c ? '' : f.failedLayer ? `${c.verdict}, rejected for ${f.failedLayer}: ${esc(c.reason ?? '')}` : `${c.verdict}: an interop failure`;
      const r = f.record;
      out.push(`| ${r.feature} | ${r.producer} | ${r.consumer} | ${r.verdict === 'accept' ? 'wrong content' : r.verdict} | ${judged} | ${esc(r.detail.slice(0, 120))} |`);
    }
    out.push('');
  }
  out.push('## Unexpected outcomes', '');
  if (!m.unexpected.length) out.push('None.');
  if (options.brief) {
    out.push('| stack | invalid accepted | by layer of the defect | valid rejected | wrong content | crash | hang | error | of these known (expectations) | most frequent flags of accepted invalid samples |', '|---|---|---|---|---|---|---|---|---|---|');
    for (const s of m.installed) {
      const u = m.unexpected.filter((x) => x.stack === s.stack);
      const n = (o: string) => u.filter((x) => x.outcome === o).length;
      const flags = new Map<string, number>();
      for (const x of u.filter((y) => y.outcome === 'false-accept')) for (const f of x.record.flags) flags.set(f, (flags.get(f) ?? 0) + 1);
      const top = [...flags.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 4).map(([f, c]) => `${f} ${c}`).join(', ');
      out.push(`| ${s.stack} | ${n('false-accept')} | ${acceptedByLayer(u)} | ${n('false-reject')} | ${n('wrong-content')} | ${n('crash')} | ${n('hang')} | ${n('error')} | ${u.filter((x) => x.known).length} | ${top} |`);
    }
    const met = m.requirements.filter((r) => r.draftStandard).length;
    out.push('', `Requirements exercised by the invalid corpus: ${m.requirements.length}; demonstrated by two independent, interoperating stacks (the Draft Standard bar): ${met}. Full lists: \`cmsi report\`.`);
    return `${out.join('\n')}\n`;
  }
  for (const { stack, fresh, known } of unexpectedByStack(m)) {
    if (out.at(-1) !== '') out.push('');
    out.push(`### ${stack}: ${fresh.length} new, ${known.length} known (expectations/${expectationsFileOf(stack)}.yaml)`, '');
    if (fresh.length) out.push('New (no expectation explains them):', '');
    for (const u of fresh) {
      out.push(`- ${u.outcome} \`${u.record.sample}\` [${layerLabel(u.layer)}]${u.effect ? `: ${esc(u.effect)}` : ''}${u.record.detail ? ` (${esc(u.record.detail.slice(0, 120))})` : ''}`);
    }
    if (known.length) out.push(...(fresh.length ? [''] : []), 'Known (an expectation gives the reason):', '');
    for (const u of known) out.push(`- ${u.outcome} \`${u.record.sample}\` [${layerLabel(u.layer)}]: ${esc(u.known!.reason)}${u.known!.link ? ` (${u.known!.link})` : ''}`);
  }
  out.push('', '## Requirements (from the invalid corpus)', '', 'A stack demonstrates a requirement when it rejects every invalid sample citing it that it could process. The Draft Standard bar: two demonstrating stacks of different lineages that accept each other\'s messages.', '', '| requirement | demonstrated by | missed by | Draft Standard bar |', '|---|---|---|---|');
  for (const r of m.requirements) out.push(`| \`${r.id}\` | ${r.demonstrated.join(', ')} | ${r.missed.join(', ')} | ${r.draftStandard ? 'met' : ''} |`);
  return `${out.join('\n')}\n`;
}
