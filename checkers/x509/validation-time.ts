/**
 * The time a certification path is validated at, and where it came from: --at (or the manifest's
 * validationTime), else the signer's signing-time attribute when present and sane (a valid
 * instant, not in the future), else now. The wall clock is read only for the last choice, which
 * is fine for a third-party message; corpus tests pass the manifest time and stay reproducible.
 * (RFC 8550 6 prefers the current time over the claimed signingTime, SHOULD; --at now does that.)
 */
import { OID } from '../../core/oids.ts';
import type { SignerInfoView } from '../cms/signed-data.ts';
import { readTime } from './fields.ts';

export type TimeSource = 'at' | 'manifest' | 'signing-time' | 'now';

export interface ValidationTime {
  readonly ms: number;
  readonly iso: string;
  readonly source: TimeSource;
}

/** A time given by the caller (--at, manifest), already parsed. */
export interface GivenTime {
  readonly ms: number;
  readonly source: 'at' | 'manifest';
}

const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Parses --at: an ISO 8601 instant (2026-06-01T00:00:00Z) or a date (2026-06-01); null if not one. */
export function parseAt(value: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/.test(value)) return null;
  const ms = Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value);
  return Number.isNaN(ms) ? null : ms;
}

export function validationTime(bytes: Uint8Array, si: SignerInfoView | null, given: GivenTime | undefined, now: () => number = Date.now): ValidationTime {
  if (given) return { ms: given.ms, iso: iso(given.ms), source: given.source };
  const value = si?.signedAttrs?.attrs.find((a) => a.type === OID.signingTime)?.values[0];
  const t = value ? readTime(bytes, value) : null;
  const current = now();
  if (t && typeof t !== 'string' && t.ms <= current) return { ms: t.ms, iso: t.iso, source: 'signing-time' };
  return { ms: current, iso: iso(current), source: 'now' };
}
