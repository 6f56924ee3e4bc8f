/**
 * The time a certification path is validated at, and where it came from: --at (or the manifest's
 * validationTime), else now. Never the signer's signing-time attribute: the signer chooses it, so
 * a key whose certificate expired (or was revoked) could back-date a signature into its validity
 * (RFC 8550 6: "the time used SHOULD be the current time"; "The signingTime attribute could be
 * deliberately set to a time where the receiving agent would ... use a certificate that has
 * expired". Bouncy Castle CVE-2026-59641 was exactly this). Its exceptions (a securely stored
 * receipt time, a signingTime inside a validated countersignature) are for the caller to give
 * with --at. The wall clock is read only when no time is given; corpus checks pass the
 * manifest's time and stay reproducible.
 */
import { OID } from '../../core/oids.ts';
import type { SignerInfoView } from '../cms/signed-data.ts';
import { readTime } from './fields.ts';

export type TimeSource = 'at' | 'manifest' | 'now';

export interface ValidationTime {
  readonly ms: number;
  readonly iso: string;
  readonly source: TimeSource;
  /** The signing-time the signer claims, when it has a readable one: reported, never trusted. */
  readonly claimed?: string;
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
  const value = si?.signedAttrs?.attrs.find((a) => a.type === OID.signingTime)?.values[0];
  const t = value ? readTime(bytes, value) : null;
  const claimed = t && typeof t !== 'string' ? { claimed: t.iso } : {};
  if (given) return { ms: given.ms, iso: iso(given.ms), source: given.source, ...claimed };
  const current = now();
  return { ms: current, iso: iso(current), source: 'now', ...claimed };
}
