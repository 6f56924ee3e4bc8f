/**
 * From findings to a verdict, a status per layer, and the one-line reason that heads the text
 * output ("invalid: path (signer certificate expired ...)"). The order of precedence:
 * a resource limit (unchecked: the message was not fully read, so nothing is claimed about it),
 * then a MUST failure that receivers must reject (invalid), then anything undecided (unchecked),
 * then producer-only MUST failures (acceptable), else valid. The reason is the first finding of
 * the first layer, in layer order, with the status that decided the verdict.
 */
import { MANDATORY_LEVELS, type Level } from '../core/catalog.ts';
import { LAYERS, type Layer } from '../core/layers.ts';
import type { Finding, LayerStatus, LimitHit, Verdict } from './finding.ts';

const RANK: Readonly<Record<LayerStatus, number>> = { none: 0, pass: 1, warn: 2, acceptable: 3, unchecked: 4, fail: 5 };

const mandatory = (f: Finding): boolean => MANDATORY_LEVELS.has(f.level as Level);

/** What one finding contributes to its layer's status. */
function statusOf(f: Finding): LayerStatus {
  if (f.status === 'fail') return !mandatory(f) ? 'warn' : f.producerOnly ? 'acceptable' : 'fail';
  return f.status;
}

export interface Decision {
  readonly verdict: Verdict;
  readonly layers: Readonly<Record<Layer, LayerStatus>>;
  readonly reason: string | null;
}

export function layerStatuses(findings: readonly Finding[]): Record<Layer, LayerStatus> {
  const layers = Object.fromEntries(LAYERS.map((l) => [l, 'none'])) as Record<Layer, LayerStatus>;
  for (const f of findings) {
    const s = statusOf(f);
    if (RANK[s] > RANK[layers[f.layer]]) layers[f.layer] = s;
  }
  return layers;
}

export function decide(findings: readonly Finding[], limit?: LimitHit): Decision {
  const layers = layerStatuses(findings);
  const first = (status: LayerStatus): string | null => {
    for (const l of LAYERS) {
      const f = findings.find((x) => x.layer === l && statusOf(x) === status);
      if (f) return `${l} (${f.message})`;
    }
    return null;
  };
  if (limit) return { verdict: 'unchecked', layers, reason: `limit (${limit.message}; raise it with ${limit.flag})` };
  if (findings.some((f) => statusOf(f) === 'fail')) return { verdict: 'invalid', layers, reason: first('fail') };
  if (findings.some((f) => f.status === 'unchecked')) return { verdict: 'unchecked', layers, reason: first('unchecked') };
  if (findings.some((f) => statusOf(f) === 'acceptable')) return { verdict: 'acceptable', layers, reason: first('acceptable') };
  return { verdict: 'valid', layers, reason: null };
}
