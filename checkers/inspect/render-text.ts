/**
 * The text form of `cmsi inspect`: per layer a header (what it is, where its bytes come from, the
 * checker's verdict), then one line per node: offset and length in the layer, indentation for
 * depth, `name: Type <TAG> = value`, and under the node the findings about it. Layers inside a
 * node follow it, indented, with their own offsets.
 */
import type { InspectFinding, InspectLayer, InspectNode } from './tree.ts';

const marker = (f: InspectFinding): string =>
  f.status === 'fail' ? `FAIL ${f.level}` : f.status === 'warn' ? `WARN ${f.level}` : f.status === 'unchecked' ? `UNCHECKED ${f.level}` : `PASS ${f.level}`;

const findingLine = (pad: string, f: InspectFinding): string => `${pad}! ${marker(f)} ${f.rule}: ${f.message}`;

function nodeLabel(n: InspectNode): string {
  const choice = n.choice ? ` (${n.choice})` : '';
  const head = n.name === n.type ? `${n.type}${choice}` : `${n.name}${choice}: ${n.type}`;
  const tag = n.tag === n.type ? '' : ` <${n.tag}>`;
  const value = n.value ?? n.summary;
  const notes = [n.unknown ? 'unknown' : '', n.note ?? ''].filter(Boolean).join(': ');
  return `${head}${tag}${value !== undefined ? ` = ${value}` : ''}${notes ? `  [${notes}]` : ''}`;
}

const COLUMNS = 14;

export interface TextOptions {
  /** Certificates, CRLs and names as their one-line summary (findings inside still shown). */
  readonly brief?: boolean;
}

const COLLAPSIBLE = new Set(['Certificate', 'CertificateList', 'Name']);

function subtreeFindings(n: InspectNode): InspectFinding[] {
  return [...n.findings, ...n.children.flatMap(subtreeFindings)];
}

function renderNode(n: InspectNode, depth: number, indent: string, out: string[], o: TextOptions): void {
  const pad = `${indent}${'  '.repeat(depth)}`;
  const collapse = o.brief && COLLAPSIBLE.has(n.type) && n.summary !== undefined && !n.unknown;
  out.push(`${`${n.offset}`.padStart(6)} ${`${n.length}`.padStart(6)}  ${pad}${nodeLabel(n)}${collapse ? ' {...}' : ''}`);
  for (const f of collapse ? subtreeFindings(n) : n.findings) out.push(`${' '.repeat(COLUMNS)} ${pad}  ${findingLine('', f)}`);
  if (!collapse) for (const c of n.children) renderNode(c, depth + 1, indent, out, o);
  if (n.layer) renderLayer(n.layer, `${pad}    `, out, o);
}

export function renderLayer(layer: InspectLayer, indent: string, out: string[], o: TextOptions = {}): void {
  const head = `${' '.repeat(COLUMNS)} ${indent}`;
  out.push(`${head}== ${layer.label}, ${layer.size} octets, from ${layer.from}`);
  if (layer.verdict) {
    const c = layer.counts!;
    out.push(`${head}   verdict: ${layer.verdict}${layer.reason ? `: ${layer.reason}` : ''} (${c.failed} failed, ${c.warnings} warnings${c.unchecked ? `, ${c.unchecked} unchecked` : ''}, ${c.passed} passed)`);
  }
  if (layer.error) out.push(`${head}   ${layer.error}`);
  if (layer.preview) out.push(`${head}   ${layer.preview}`);
  for (const f of layer.findings) out.push(`${head}   ${findingLine('', f)}`);
  if (layer.root) renderNode(layer.root, 0, indent, out, o);
  if (layer.signedPart) {
    out.push(`${head}   signed part:`);
    renderLayer(layer.signedPart, `${indent}    `, out, o);
  }
}

export function formatInspectText(file: string, layer: InspectLayer, options: TextOptions = {}): string {
  const out = [`${file}`, `${'offset'.padStart(6)} ${'length'.padStart(6)}`];
  renderLayer(layer, '', out, options);
  return `${out.join('\n')}\n`;
}
