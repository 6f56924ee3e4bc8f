/**
 * Certification path validation (RFC 5280 6.1, with CRLs by 6.3) from a signer or recipient
 * certificate to a trust anchor, on certificates read by the strict reader. Built by name
 * chaining (issuer = subject) among the message's certificates, --cert files and --ca anchors,
 * each link verified with the issuer's key; then every certificate below the anchor is checked
 * for validity at the validation time and revocation by a verified CRL of its issuer, and every
 * intermediate for basicConstraints cA, keyCertSign and the path length.
 *
 * Why not a kept library: pkijs' CertificateChainValidationEngine and @peculiar/x509's
 * X509ChainBuilder both verify through WebCrypto, asynchronously, while the checker is one
 * synchronous pass per message (checkers/engine.ts, which the batching and streaming work builds
 * on); the chain builder only builds (names, key identifiers, signatures) and validates nothing
 * else; pkijs' engine answers with one numeric resultCode per failure class, which cannot name
 * the RFC 5280 step that failed, and it reads certificates leniently (the very blind spot this
 * layer closes). pkijs stays the independent check: its adapter (adapters/stacks/pkijs.ts)
 * validates every sample's chain with that engine in the interop run.
 *
 * Without trust anchors nothing is claimed about trust: the links found and the validity of the
 * certificates are still checked, and the result says no anchor was given. Bounded: at most
 * MAX_DEPTH certificates in a path and MAX_VERIFICATIONS signature verifications per message.
 */
import type { KeyObject } from 'node:crypto';
import { OID } from '../../core/oids.ts';
import type { CheckContext } from '../context.ts';
import type { Where } from '../finding.ts';
import { fromCertificate, publicKeyOf } from '../crypto/certificates.ts';
import type { X509Certificate } from './certificate.ts';
import { placeWhere, type CertificatePool, type PlacedCert, type PlacedCrl } from './certificate-set.ts';
import { basicConstraints, decoded, keyUsage } from './extensions.ts';
import { bytesEqual } from './fields.ts';
import { selfIssued } from './rules.ts';
import { keyBits } from './smime-profile.ts';
import { verifyIssuerSignature } from './verify.ts';
import { issuerSignatureCached } from './cache.ts';

const MAX_DEPTH = 8;
const MAX_VERIFICATIONS = 64;

export interface PathBudget {
  verifications: number;
}

interface Link {
  readonly placed: PlacedCert;
  readonly anchor: boolean;
}

const keyCache = new WeakMap<X509Certificate, KeyObject | null>();

function keyOf(c: X509Certificate, pool: CertificatePool): KeyObject | null {
  if (!keyCache.has(c)) keyCache.set(c, publicKeyOf(fromCertificate(c), [...pool.all(), ...pool.anchors].map((p) => fromCertificate(p.cert))));
  return keyCache.get(c) ?? null;
}

function signedBy(c: X509Certificate, issuer: X509Certificate, pool: CertificatePool, budget: PathBudget): boolean | 'unsupported' {
  const key = keyOf(issuer, pool);
  if (!key) return 'unsupported';
  if (budget.verifications++ >= MAX_VERIFICATIONS) return 'unsupported';
  return issuerSignatureCached(c.der, issuer.spki, () => verifyIssuerSignature(c.der, c.tbs, c.signatureAlgorithm, c.signatureValue, key));
}

const certWhere = (p: PlacedCert, field = 'tbsCertificate'): Where => placeWhere(p.place, field, 0, p.place.kind === 'message' ? p.cert.der.length : 0);
const label = (c: X509Certificate): string => subjectText(c) || '(empty subject)';

export function subjectText(c: X509Certificate): string {
  const cn = c.subject.attributes.find((a) => a.oid === OID.commonName);
  return cn ? Buffer.from(cn.value).toString('utf8') : '';
}

/** Builds the path upward from `target`: anchors first, then the pool, each link verified. */
function build(ctx: CheckContext, target: PlacedCert, pool: CertificatePool, budget: PathBudget): Link[] | null {
  const chain: Link[] = [{ placed: target, anchor: pool.anchors.some((a) => bytesEqual(a.cert.der, target.cert.der)) }];
  while (!chain[chain.length - 1]!.anchor && chain.length <= MAX_DEPTH) {
    const cur = chain[chain.length - 1]!.placed;
    const inChain = (p: PlacedCert) => chain.some((l) => bytesEqual(l.placed.cert.der, p.cert.der));
    const byName = (list: readonly PlacedCert[]) => list.filter((p) => bytesEqual(p.cert.subject.der, cur.cert.issuer.der));
    const anchors = byName(pool.anchors);
    const others = byName(pool.all()).filter((p) => !inChain(p));
    const next = [...anchors.map((p) => ({ placed: p, anchor: true })), ...others.map((p) => ({ placed: p, anchor: false }))]
      .find((l) => signedBy(cur.cert, l.placed.cert, pool, budget) === true);
    if (next) {
      chain.push(next);
      continue;
    }
    explainBrokenLink(ctx, cur, [...anchors, ...others], pool, budget);
    return null;
  }
  if (!chain[chain.length - 1]!.anchor) {
    ctx.fail('rfc5280/6.1/path-to-trust-anchor', `no path of at most ${MAX_DEPTH} certificates reaches a trust anchor`, certWhere(target));
    return null;
  }
  return chain;
}

/** Why `cur` has no verified issuer: a wrong signature, a wrong issuer name, or no issuer at all. */
function explainBrokenLink(ctx: CheckContext, cur: PlacedCert, named: readonly PlacedCert[], pool: CertificatePool, budget: PathBudget): void {
  const w = certWhere(cur, 'signature');
  if (named.length) {
    const results = named.map((n) => signedBy(cur.cert, n.cert, pool, budget));
    if (results.every((r) => r === 'unsupported')) ctx.unchecked('rfc5280/6.1.3/signature-verifies', `the signature of "${label(cur.cert)}" (${cur.cert.signatureAlgorithm.oid}) cannot be verified by this checker`, w);
    else ctx.fail('rfc5280/6.1.3/signature-verifies', `the signature of "${label(cur.cert)}" does not verify with the key of its issuer "${label(named[0]!.cert)}"`, w);
    return;
  }
  const signer = [...pool.anchors, ...pool.all()].find((p) => p.cert !== cur.cert && signedBy(cur.cert, p.cert, pool, budget) === true);
  if (signer) {
    ctx.fail('rfc5280/6.1.3/issuer-name-chains', `"${label(cur.cert)}" was signed with the key of "${label(signer.cert)}", but its issuer name is not that certificate's subject`, certWhere(cur, 'tbsCertificate.issuer'));
    return;
  }
  if (!pool.anchors.length) return; // no anchors: trust is not claimed, so an open end is no finding
  if (selfIssued(cur.cert)) {
    ctx.fail('rfc5280/6.1/path-to-trust-anchor', `the path ends at the self-signed "${label(cur.cert)}", which is not a trust anchor (a self-signed certificate is not trusted for being in the message, RFC 8550 2.3)`, certWhere(cur));
    return;
  }
  ctx.fail('rfc5280/6.1/path-to-trust-anchor', `no certificate in the message, --cert or --ca has the subject "${label(cur.cert)}" names as its issuer, so no path reaches a trust anchor`, certWhere(cur, 'tbsCertificate.issuer'));
}

/**
 * Validates the path of `target` at `time` (ms). With no anchors, checks what the message's
 * own certificates show (links, validity, revocation) without claiming trust.
 */
export function validatePath(ctx: CheckContext, target: PlacedCert, pool: CertificatePool, time: number, budget: PathBudget): void {
  const chain = build(ctx, target, pool, budget) ?? partialChain(target, pool, budget);
  const iso = new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z');
  if (chain[chain.length - 1]!.anchor) {
    ctx.check('rfc5280/6.1/path-to-trust-anchor', true, `a path of ${chain.length} certificate(s) reaches the trust anchor "${label(chain[chain.length - 1]!.placed.cert)}"`, certWhere(target));
    const fromMessage = chain.slice(0, -1).every((l) => l.placed.place.kind === 'message');
    ctx.check('rfc8550/2.3/include-chain-to-trusted-ca', fromMessage, fromMessage ? 'the message carries the chain up to the trust anchor' : 'the chain to the trust anchor needs certificates the message does not carry', certWhere(target));
  }
  const top = chain[chain.length - 1]!;
  if (!top.anchor && selfIssued(top.placed.cert)) {
    // No anchor above it: a self-signed certificate's own signature still says whether its
    // bytes are the ones its key signed (integrity, not trust).
    const self = signedBy(top.placed.cert, top.placed.cert, pool, budget);
    const w = certWhere(top.placed, 'signature');
    if (self === 'unsupported') ctx.unchecked('rfc5280/6.1.3/signature-verifies', `the self-signature of "${label(top.placed.cert)}" cannot be verified by this checker`, w);
    else ctx.check('rfc5280/6.1.3/signature-verifies', self, self ? `the self-signature of "${label(top.placed.cert)}" verifies` : `the self-signature of "${label(top.placed.cert)}" does not verify: the certificate is not the one its key signed`, w);
  }
  const below = chain.filter((l) => !l.anchor);
  below.forEach((link, i) => {
    const c = link.placed.cert;
    const w = certWhere(link.placed, 'tbsCertificate.validity');
    const inside = time >= c.notBefore.ms && time <= c.notAfter.ms;
    ctx.check('rfc5280/6.1.3/validity-includes-time', inside,
      inside ? `"${label(c)}" is valid at ${iso}` : time > c.notAfter.ms ? `"${label(c)}" expired ${c.notAfter.iso}, before the validation time ${iso}` : `"${label(c)}" is not valid before ${c.notBefore.iso}, after the validation time ${iso}`, w);
    const issuer = chain[i + 1];
    if (issuer) {
      ctx.check('rfc5280/6.1.3/signature-verifies', true, `the signature of "${label(c)}" verifies with the key of "${label(issuer.placed.cert)}"`, certWhere(link.placed, 'signature'));
      smallIssuerKey(ctx, link.placed, issuer.placed.cert);
      revocation(ctx, link.placed, issuer.placed.cert, pool, time, budget);
    }
    if (i > 0) intermediate(ctx, link.placed, below.slice(0, i));
  });
}

/** Without a path to an anchor: the links the message itself shows, for validity and revocation. */
function partialChain(target: PlacedCert, pool: CertificatePool, budget: PathBudget): Link[] {
  const chain: Link[] = [{ placed: target, anchor: false }];
  for (let cur = target; chain.length <= MAX_DEPTH && !selfIssued(cur.cert);) {
    const next = pool.all().find((p) => !chain.some((l) => l.placed === p) && bytesEqual(p.cert.subject.der, cur.cert.issuer.der) && signedBy(cur.cert, p.cert, pool, budget) === true);
    if (!next) break;
    chain.push({ placed: next, anchor: false });
    cur = next;
  }
  return chain;
}

/** RFC 5280 6.1.4 (k), (l), (n) on an intermediate CA certificate, with the certificates below it. */
function intermediate(ctx: CheckContext, ca: PlacedCert, below: readonly Link[]): void {
  const c = ca.cert;
  const w = certWhere(ca, 'tbsCertificate.extensions');
  const bc = decoded(c, OID.basicConstraints, basicConstraints);
  const isCa = typeof bc === 'object' && bc.ca;
  if (c.version === 3) ctx.check('rfc5280/6.1.4/intermediate-is-ca', isCa, isCa ? `"${label(c)}" has basicConstraints cA` : `"${label(c)}" issues a certificate of the path but has no basicConstraints with cA TRUE`, w);
  const ku = decoded(c, OID.keyUsage, keyUsage);
  if (ku instanceof Set) ctx.check('rfc5280/6.1.4/key-cert-sign', ku.has('keyCertSign'), ku.has('keyCertSign') ? `"${label(c)}" asserts keyCertSign` : `"${label(c)}" issues a certificate of the path but its keyUsage lacks keyCertSign`, w);
  if (typeof bc === 'object' && bc.pathLen !== null) {
    const followers = below.slice(1).filter((l) => !selfIssued(l.placed.cert)).length;
    ctx.check('rfc5280/6.1.4/path-length', followers <= bc.pathLen, `"${label(c)}" allows ${bc.pathLen} intermediate(s) below it; the path has ${followers}`, w);
  }
}

/** RFC 8550 6: certificates are not signed with RSA keys under 2048 bits. */
function smallIssuerKey(ctx: CheckContext, p: PlacedCert, issuer: X509Certificate): void {
  const size = keyBits(issuer);
  if (!size || size.type === 'dsa') return;
  ctx.check('rfc8550/6/no-small-rsa-cert-signing-keys', size.bits >= 2048, `"${label(p.cert)}" is signed with a ${size.bits}-bit RSA key`, certWhere(p, 'signature'));
}

/**
 * RFC 5280 6.1.3 (a)(3) with 6.3.3: a CRL of the certificate's issuer, verified with the issuer's
 * key (whose keyUsage, if present, asserts cRLSign), that lists the serial number with a
 * revocation date not after the validation time. No CRL: nothing is claimed about revocation.
 */
function revocation(ctx: CheckContext, p: PlacedCert, issuer: X509Certificate, pool: CertificatePool, time: number, budget: PathBudget): void {
  const crls = pool.crls.filter((c) => bytesEqual(c.crl.issuer.der, p.cert.issuer.der));
  const key = keyOf(issuer, pool);
  for (const c of crls) {
    if (!key || budget.verifications++ >= MAX_VERIFICATIONS) return;
    const w = crlWhere(c);
    const ok = verifyIssuerSignature(c.crl.der, c.crl.tbs, c.crl.signatureAlgorithm, c.crl.signatureValue, key);
    if (ok === 'unsupported') {
      ctx.unchecked('rfc5280/6.3.3/crl-signature-verifies', `the CRL's signature algorithm ${c.crl.signatureAlgorithm.oid} is not supported`, w);
      continue;
    }
    ctx.check('rfc5280/6.3.3/crl-signature-verifies', ok, ok ? `the CRL of "${label(issuer)}" verifies with its key` : `the CRL naming "${label(issuer)}" as issuer does not verify with its key`, w);
    if (!ok) continue;
    const ku = decoded(issuer, OID.keyUsage, keyUsage);
    if (ku instanceof Set) ctx.check('rfc5280/6.3.3/crl-issuer-crl-sign', ku.has('cRLSign'), ku.has('cRLSign') ? 'the CRL issuer asserts cRLSign' : `"${label(issuer)}" signed a CRL but its keyUsage lacks cRLSign`, w);
    const entry = c.crl.revoked.find((r) => bytesEqual(r.serial, p.cert.serial) && r.date.ms <= time);
    if (entry) ctx.fail('rfc5280/6.1.3/not-revoked', `"${label(p.cert)}" was revoked ${entry.date.iso} by the CRL of "${label(issuer)}"`, certWhere(p, 'tbsCertificate.serialNumber'));
    else if (c.crl.thisUpdate.ms <= time && (!c.crl.nextUpdate || c.crl.nextUpdate.ms >= time)) ctx.check('rfc5280/6.1.3/not-revoked', true, `"${label(p.cert)}" is not on the current CRL of "${label(issuer)}"`, certWhere(p, 'tbsCertificate.serialNumber'));
  }
}

const crlWhere = (c: PlacedCrl): Where => placeWhere(c.place, 'signatureValue', 0, c.place.kind === 'message' ? c.crl.der.length : 0);
