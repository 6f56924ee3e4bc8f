/**
 * One order for everything a report lists, so two runs with the same verdicts give the same bytes
 * whatever order their records were written in: stacks in registry order (stacks the registry does
 * not know, e.g. submitted ones, after them by name), samples and features by code point (never by
 * locale), produce features in adapter order.
 */
import { PRODUCE_FEATURES } from '../adapters/adapter.ts';
import { ALL_ADAPTERS } from '../adapters/registry.ts';

/** Code-point order: the same on every machine, unlike localeCompare. */
export const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const REGISTRY = new Map(ALL_ADAPTERS.map((a, i) => [a.name, i]));

export function byStack(a: string, b: string): number {
  const ia = REGISTRY.get(a) ?? Number.MAX_SAFE_INTEGER;
  const ib = REGISTRY.get(b) ?? Number.MAX_SAFE_INTEGER;
  return ia !== ib ? ia - ib : byCodePoint(a, b);
}

const PRODUCE_ORDER = new Map<string, number>(PRODUCE_FEATURES.map((f, i) => [f, i]));

export function byProduceFeature(a: string, b: string): number {
  const ia = PRODUCE_ORDER.get(a) ?? Number.MAX_SAFE_INTEGER;
  const ib = PRODUCE_ORDER.get(b) ?? Number.MAX_SAFE_INTEGER;
  return ia !== ib ? ia - ib : byCodePoint(a, b);
}

/** Compares by several keys in turn. */
export const thenBy = <T>(...cmps: ((a: T, b: T) => number)[]) => (a: T, b: T): number => {
  for (const c of cmps) {
    const d = c(a, b);
    if (d) return d;
  }
  return 0;
};
