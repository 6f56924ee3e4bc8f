/**
 * The certificates and CRLs a message is checked with, read strictly once: those the message
 * carries (SignedData certificates and crls, OriginatorInfo certs and crls), reported at their
 * byte offset in the message, and those given on the command line (--cert, --ca, --crl),
 * reported by file name when the check uses them. Certificates that do not parse are never in
 * the pool, so no key is ever taken from one.
 */
import type { DerNode } from '../../core/der/reader.ts';
import { encodingOf } from '../../core/der/reader.ts';
import { where, type CheckContext, type Located } from '../context.ts';
import type { Where } from '../finding.ts';
import type { Layer } from '../../core/layers.ts';
import { readCertificateCached } from './cache.ts';
import type { X509Certificate } from './certificate.ts';
import { readCrl, type X509Crl } from './crl.ts';
import type { X509Problem } from './fields.ts';
import type { CertCheck } from './rules.ts';

/** A certificate, CRL or other input file given on the command line, with the name to cite. */
export interface LabelledInput {
  readonly der: Uint8Array;
  readonly label: string;
}

/** Where a certificate or CRL came from: a node of the message, or a named input file. */
export type Place =
  | { readonly kind: 'message'; readonly path: string; readonly offset: number }
  | { readonly kind: 'file'; readonly label: string };

export interface PlacedCert {
  readonly cert: X509Certificate;
  readonly place: Place;
  readonly problems: readonly X509Problem[];
  /** Problems and checks already reported (each certificate is reported once per message). */
  reported: boolean;
}

export interface PlacedCrl {
  readonly crl: X509Crl;
  readonly place: Place;
}

export function placeWhere(place: Place, field: string, offset: number, length: number): Where {
  return place.kind === 'message'
    ? { path: `${place.path}.${field}`, offset: place.offset + offset, length }
    : { path: `${place.label}: ${field}`, offset: 0, length: 0 };
}

const suffix = (place: Place, offset: number): string => (place.kind === 'file' ? ` (in ${place.label}, at offset ${offset})` : '');

/** Reports reading problems as failures of their rule, at their place. */
export function reportProblems(ctx: CheckContext, place: Place, problems: readonly X509Problem[]): void {
  for (const p of problems) {
    const layer: Layer | undefined = p.rule.endsWith('/der-encoded') ? 'encoding' : undefined;
    ctx.fail(p.rule, `${p.message}${suffix(place, p.offset)}`, placeWhere(place, p.field, p.offset, p.length), layer);
  }
}

/** Reports rule decisions about one certificate at its place. */
export function reportChecks(ctx: CheckContext, place: Place, checks: readonly CertCheck[], layer?: Layer): void {
  for (const c of checks) {
    const off = c.node ? c.node.offset : 0;
    const w = placeWhere(place, c.field, off, c.node ? c.node.end - c.node.offset : 0);
    if (c.ok === 'unchecked') ctx.unchecked(c.rule, `${c.message}${suffix(place, off)}`, w, layer);
    else ctx.check(c.rule, c.ok, `${c.message}${suffix(place, off)}`, w, layer);
  }
}

export class CertificatePool {
  readonly message: PlacedCert[] = [];
  readonly external: PlacedCert[] = [];
  readonly anchors: PlacedCert[] = [];
  readonly crls: PlacedCrl[] = [];

  all(): PlacedCert[] {
    return [...this.message, ...this.external];
  }

  find(cert: X509Certificate): PlacedCert | undefined {
    return [...this.message, ...this.external, ...this.anchors].find((p) => p.cert === cert);
  }
}

/**
 * Reads a CertificateSet (RFC 5652 10.2.3) or the certs of OriginatorInfo into the pool: X.509
 * certificates strictly; the obsolete PKCS #6 extendedCertificate [0] and v1 attribute
 * certificate [1] choices reported (RFC 8550 2.2.1); attribute certificates [2] and other [3]
 * left alone.
 */
export function readMessageCertificates(ctx: CheckContext, pool: CertificatePool, set: Located, nodes: readonly DerNode[]): void {
  nodes.forEach((n, i) => {
    const path = `${set.path}[${i}]`;
    const w = where({ path, node: n });
    if (n.cls === 'context') {
      if (n.tag === 0) ctx.fail('rfc8550/2.2.1/no-pkcs6-when-sending', 'the certificate set holds a PKCS #6 extendedCertificate ([0])', w);
      if (n.tag === 1) ctx.fail('rfc8550/2.2.1/no-v1-attribute-certificates', 'the certificate set holds a version 1 attribute certificate ([1])', w);
      return;
    }
    const place: Place = { kind: 'message', path, offset: n.offset };
    const r = readCertificateCached(encodingOf(ctx.bytes, n));
    reportProblems(ctx, place, r.problems);
    if (r.ok) {
      ctx.check('rfc5280/4.1/certificate-syntax', true, 'the certificate parses as an RFC 5280 Certificate', w);
      pool.message.push({ cert: r.cert, place, problems: r.problems, reported: true });
    }
  });
}

/** RevocationInfoChoices: a CertificateList (universal SEQUENCE) or other [1]. */
export function readMessageCrls(ctx: CheckContext, pool: CertificatePool, set: Located, nodes: readonly DerNode[]): void {
  nodes.forEach((n, i) => {
    if (n.cls !== 'universal') return;
    const path = `${set.path}[${i}]`;
    const place: Place = { kind: 'message', path, offset: n.offset };
    const r = readCrl(encodingOf(ctx.bytes, n));
    reportProblems(ctx, place, r.problems);
    const ok = r.ok && !r.problems.some((p) => p.rule.endsWith('crl-syntax'));
    ctx.check('rfc8550/2.1/sent-crls-rfc5280-format', ok, ok ? 'the CRL is an RFC 5280 CertificateList' : 'a CRL in the message is not an RFC 5280 CertificateList', where({ path, node: n }));
    if (r.ok) pool.crls.push({ crl: r.crl, place });
  });
}

/** Adds the command-line certificates, trust anchors and CRLs; their problems wait until used. */
export function addExternal(pool: CertificatePool, certs: readonly LabelledInput[], anchors: readonly LabelledInput[], crls: readonly LabelledInput[]): void {
  for (const [list, inputs] of [[pool.external, certs], [pool.anchors, anchors]] as const) {
    for (const c of inputs) {
      const r = readCertificateCached(c.der);
      if (r.ok) list.push({ cert: r.cert, place: { kind: 'file', label: c.label }, problems: r.problems, reported: false });
    }
  }
  for (const c of crls) {
    const r = readCrl(c.der);
    if (r.ok) pool.crls.push({ crl: r.crl, place: { kind: 'file', label: c.label } });
  }
}
