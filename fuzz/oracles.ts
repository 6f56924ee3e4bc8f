/**
 * The fuzzer's oracles: from the checker's verdict on a mutant and every stack's verdict on it,
 * what is wrong, per stack. Each observation carries the oracle, the checker's layer and a rule
 * (the checker's first failing requirement, or the class of the stack's error) that together with
 * the stack form the deduplication key of a finding.
 *
 * - accepts-invalid: the stack accepts what the checker calls invalid at a MUST-level encoding,
 *   structure or crypto finding (or what is not a CMS structure at all);
 * - differential: the stack accepts while the checker rejects at another layer (certificate, path,
 *   policy, mime); or it rejects what the checker calls valid while another stack accepts it; or the
 *   checker cannot decide and the stacks disagree;
 * - wrong-content: the stack accepts a message the checker calls valid but returns other content;
 * - crash / hang: the stack process died on a signal / did not answer in time.
 * A stack's `unsupported` and the adapter's own `error` are not findings about the stack.
 */
import { createHash } from 'node:crypto';
import type { ConsumeVerdict } from '../adapters/verdict.ts';
import type { CheckerAnswer } from './checker-client.ts';

export const ORACLES = ['differential', 'accepts-invalid', 'wrong-content', 'crash', 'hang'] as const;
export type Oracle = (typeof ORACLES)[number];

export interface Observation {
  readonly stack: string;
  readonly oracle: Oracle;
  /** The checker's deciding layer (encoding ... mime), or its verdict when no layer failed. */
  readonly layer: string;
  /** The checker's first failing rule, or the class of the stack's error. */
  readonly rule: string;
  /** The stack's own words (its error, its signal), for the findings file. */
  readonly detail: string;
}

export const observationKey = (o: Pick<Observation, 'stack' | 'oracle' | 'layer' | 'rule'>): string => `${o.stack}|${o.oracle}|${o.layer}|${o.rule}`;

const HARD_LAYERS = new Set(['encoding', 'structure', 'crypto']);

/**
 * The class of an error message: its first clause without numbers, offsets, hex and quoted parts,
 * so the same failure on different bytes is one class.
 */
export function errorClass(error: string, whole = false): string {
  const first = whole ? error : (error.split(/\n| \| /)[0] ?? '');
  return first.replace(/"[^"]*"|'[^']*'/g, '_').replace(/0x[0-9a-f]+|[0-9a-f]{8,}|\d+/gi, 'N').replace(/\s+/g, ' ').trim().slice(0, whole ? 240 : 80) || 'no message';
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

export interface StackRun {
  readonly stack: string;
  readonly verdict: ConsumeVerdict;
}

/** Every observation on one mutant; the content a stack returns is compared with the checker's. */
export function observe(checker: CheckerAnswer, runs: readonly StackRun[]): Observation[] {
  const out: Observation[] = [];
  if (!checker.ok) return out;
  const first = checker.failing[0];
  const layer = checker.verdict === 'invalid' || checker.verdict === 'unparseable' ? (first?.layer ?? 'encoding') : checker.verdict;
  const accepted = runs.filter((r) => r.verdict.verdict === 'accept').length;
  const rejected = runs.filter((r) => r.verdict.verdict === 'reject').length;
  for (const { stack, verdict: v } of runs) {
    switch (v.verdict) {
      case 'crash': out.push({ stack, oracle: 'crash', layer, rule: `signal ${v.signal}`, detail: `died on ${v.signal}` }); break;
      case 'hang': out.push({ stack, oracle: 'hang', layer, rule: 'timeout', detail: 'no answer in time' }); break;
      case 'accept': {
        if (checker.verdict === 'invalid' || checker.verdict === 'unparseable') {
          const rule = first?.rule ?? 'cmsi/input-format';
          out.push({ stack, oracle: HARD_LAYERS.has(layer) ? 'accepts-invalid' : 'differential', layer, rule, detail: `accepted; checker: ${checker.reason ?? rule}` });
        } else if (checker.verdict === 'unchecked') {
          if (rejected > 0) out.push({ stack, oracle: 'differential', layer, rule: 'accepts-where-others-reject', detail: `accepted; ${rejected} other stack(s) rejected; checker: ${checker.reason ?? 'unchecked'}` });
        } else if (checker.contentSha256 && v.content && sha256(v.content) !== checker.contentSha256) {
          out.push({ stack, oracle: 'wrong-content', layer, rule: 'content-differs', detail: `accepted with ${v.content.length} content octets that are not the message's content` });
        }
        break;
      }
      case 'reject': {
        if ((checker.verdict === 'valid' || checker.verdict === 'acceptable' || checker.verdict === 'unchecked') && accepted > 0) {
          out.push({ stack, oracle: 'differential', layer, rule: `rejects: ${errorClass(v.error)}`, detail: v.error.slice(0, 500) });
        }
        break;
      }
      default: break;
    }
  }
  return out;
}
