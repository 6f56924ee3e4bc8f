/**
 * The strict X.509 certificate reader of the checker side (RFC 5280 4.1), on the bounded strict
 * DER reader: it never throws and returns either a view of the certificate with every field rule
 * it broke, or, when the bytes are not a Certificate at all, only the problems. A certificate
 * that does not parse has no view, so no key can be taken from it (the reason this module exists:
 * a signature must never be verified with a key read out of a broken certificate).
 *
 * The result depends on the bytes alone (offsets are relative to them): it can be cached by bytes.
 *
 *   Certificate ::= SEQUENCE { tbsCertificate TBSCertificate, signatureAlgorithm AlgorithmIdentifier,
 *                              signatureValue BIT STRING }
 *   TBSCertificate ::= SEQUENCE { version [0] EXPLICIT Version DEFAULT v1, serialNumber INTEGER,
 *       signature AlgorithmIdentifier, issuer Name, validity Validity, subject Name,
 *       subjectPublicKeyInfo, issuerUniqueID [1] IMPLICIT OPTIONAL, subjectUniqueID [2] IMPLICIT
 *       OPTIONAL, extensions [3] EXPLICIT Extensions OPTIONAL }
 */
import { canonicalEncoding } from '../../core/der/canonical.ts';
import { contentOf, encodingOf, readDer, type DerNode } from '../../core/der/reader.ts';
import { decodeBitString, decodeBoolean, decodeOid, decodeSmallInt } from '../../core/der/values.ts';
import {
  bytesEqual, isCtx, isTag, problem, readAlgId, readName, readTime, timeFormProblem,
  type AlgId, type NameView, type TimeField, type X509Problem,
} from './fields.ts';

export interface Extension {
  readonly oid: string;
  readonly critical: boolean;
  /** The extnValue OCTET STRING content: the DER of the extension's own type. */
  readonly value: Uint8Array;
  readonly node: DerNode;
}

export interface X509Certificate {
  readonly der: Uint8Array;
  /** The DER of tbsCertificate: what the issuer signed. */
  readonly tbs: Uint8Array;
  readonly version: 1 | 2 | 3;
  readonly serial: Uint8Array;
  readonly signature: AlgId;
  readonly issuer: NameView;
  readonly notBefore: TimeField;
  readonly notAfter: TimeField;
  readonly subject: NameView;
  readonly spki: Uint8Array;
  readonly spkiAlgorithm: AlgId;
  /** The subjectPublicKey BIT STRING value (without the unused-bits octet). */
  readonly publicKey: Uint8Array;
  /** The subjectPublicKey BIT STRING node, offsets relative to `der` (to place a finding on the key). */
  readonly publicKeyNode: DerNode;
  readonly extensions: readonly Extension[];
  readonly signatureAlgorithm: AlgId;
  readonly signatureValue: Uint8Array;
  /**
   * DER of SEQUENCE { issuer, serialNumber }, comparable with the DER of an IssuerAndSerialNumber
   * (core/der/canonical.ts): re-encoded, so a BER length in either field does not hide the match.
   */
  readonly issuerAndSerial: Uint8Array;
}

export type CertificateRead =
  | { readonly ok: true; readonly cert: X509Certificate; readonly problems: readonly X509Problem[] }
  | { readonly ok: false; readonly problems: readonly X509Problem[] };

const SYNTAX = 'rfc5280/4.1/certificate-syntax';
const DER = 'rfc5280/4.1/der-encoded';

/** Reads one certificate from `der` (exactly one DER value, nothing after it). */
export function readCertificate(der: Uint8Array): CertificateRead {
  const problems: X509Problem[] = [];
  const fatal = (field: string, n: DerNode | null, message: string): CertificateRead => {
    problems.push(problem(SYNTAX, field, n, message));
    return { ok: false, problems };
  };
  const r = readDer(der, { maxDepth: 32, maxNodes: 20_000 });
  for (const d of r.defects) {
    if (d.kind === 'fatal') problems.push({ rule: SYNTAX, field: 'certificate', message: d.message, offset: d.offset, length: d.length });
    else problems.push({ rule: DER, field: 'certificate', message: d.message, offset: d.offset, length: d.length });
  }
  if (r.fatal || !r.root) return { ok: false, problems };
  const root = r.root;
  const [tbsNode, sigAlgNode, sigNode, extra] = root.children;
  if (!isTag(root, 16) || !tbsNode || !sigAlgNode || !sigNode || extra) return fatal('certificate', root, 'not SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue }');
  if (!isTag(tbsNode, 16)) return fatal('tbsCertificate', tbsNode, 'tbsCertificate is not a SEQUENCE');
  const signatureAlgorithm = readAlgId(der, sigAlgNode);
  if (typeof signatureAlgorithm === 'string') return fatal('signatureAlgorithm', sigAlgNode, signatureAlgorithm);
  if (!isTag(sigNode, 3)) return fatal('signatureValue', sigNode, 'signatureValue is not a BIT STRING');
  const sigBits = decodeBitString(contentOf(der, sigNode));
  if (!sigBits.ok) return fatal('signatureValue', sigNode, sigBits.error);
  if (sigBits.value.unused !== 0) return fatal('signatureValue', sigNode, `signatureValue declares ${sigBits.value.unused} unused bits; a signature is a whole number of octets`);

  const f = tbsNode.children;
  let i = 0;
  let version: 1 | 2 | 3 = 1;
  if (isCtx(f[0], 0)) {
    const v = f[0].children[0];
    const d = isTag(v, 2) && f[0].children.length === 1 ? decodeSmallInt(contentOf(der, v)) : null;
    if (!d?.ok || d.value > 2) return fatal('tbsCertificate.version', f[0], 'version is not [0] EXPLICIT INTEGER { v1(0), v2(1), v3(2) }');
    version = (d.value + 1) as 1 | 2 | 3;
    if (d.value === 0) problems.push(problem(DER, 'tbsCertificate.version', f[0], 'version v1 is encoded, but DER omits a DEFAULT value (X.690 11.5)'));
    i++;
  }
  const serialNode = f[i++];
  if (!isTag(serialNode, 2) || serialNode.length === 0) return fatal('tbsCertificate.serialNumber', serialNode ?? tbsNode, 'serialNumber is not an INTEGER');
  const serial = contentOf(der, serialNode);
  const sigInner = readAlgId(der, f[i++]);
  if (typeof sigInner === 'string') return fatal('tbsCertificate.signature', f[i - 1] ?? tbsNode, sigInner);
  const issuer = readName(der, f[i++]);
  if (typeof issuer === 'string') return fatal('tbsCertificate.issuer', f[i - 1] ?? tbsNode, issuer);
  const validity = f[i++];
  if (!isTag(validity, 16) || validity.children.length !== 2) return fatal('tbsCertificate.validity', validity ?? tbsNode, 'validity is not SEQUENCE { notBefore, notAfter }');
  const notBefore = readTime(der, validity.children[0]);
  const notAfter = readTime(der, validity.children[1]);
  if (typeof notBefore === 'string') return fatal('tbsCertificate.validity.notBefore', validity.children[0]!, notBefore);
  if (typeof notAfter === 'string') return fatal('tbsCertificate.validity.notAfter', validity.children[1]!, notAfter);
  const subject = readName(der, f[i++]);
  if (typeof subject === 'string') return fatal('tbsCertificate.subject', f[i - 1] ?? tbsNode, subject);
  const spkiNode = f[i++];
  const spkiAlgorithm = readAlgId(der, spkiNode?.children[0]);
  const keyNode = spkiNode?.children[1];
  if (!isTag(spkiNode, 16) || spkiNode.children.length !== 2 || typeof spkiAlgorithm === 'string' || !isTag(keyNode, 3)) {
    return fatal('tbsCertificate.subjectPublicKeyInfo', spkiNode ?? tbsNode, 'subjectPublicKeyInfo is not SEQUENCE { algorithm AlgorithmIdentifier, subjectPublicKey BIT STRING }');
  }
  const keyBits = decodeBitString(contentOf(der, keyNode));
  if (!keyBits.ok) return fatal('tbsCertificate.subjectPublicKeyInfo.subjectPublicKey', keyNode, keyBits.error);
  if (keyBits.value.unused !== 0) return fatal('tbsCertificate.subjectPublicKeyInfo.subjectPublicKey', keyNode, `subjectPublicKey declares ${keyBits.value.unused} unused bits; the key encodings of RFC 3279/5480/8410 are whole octets`);
  for (const [tag, name] of [[1, 'issuerUniqueID'], [2, 'subjectUniqueID']] as const) {
    if (isCtx(f[i], tag)) {
      if (f[i]!.constructed) return fatal(`tbsCertificate.${name}`, f[i]!, `${name} is not [${tag}] IMPLICIT BIT STRING`);
      problems.push(problem('rfc5280/4.1.2.8/no-unique-identifiers', `tbsCertificate.${name}`, f[i]!, `the certificate carries ${name}, which conforming CAs do not generate`));
      if (version === 1) problems.push(problem('rfc5280/4.1.2.8/unique-ids-need-v2', `tbsCertificate.${name}`, f[i]!, `${name} in a version 1 certificate`));
      i++;
    }
  }
  let extensions: Extension[] = [];
  if (isCtx(f[i], 3)) {
    const e = readExtensions(der, f[i]!, problems);
    if (typeof e === 'string') return fatal('tbsCertificate.extensions', f[i]!, e);
    extensions = e;
    if (version !== 3) problems.push(problem('rfc5280/4.1.2.9/extensions-need-v3', 'tbsCertificate.extensions', f[i]!, `extensions in a version ${version} certificate`));
    i++;
  }
  if (f[i]) return fatal('tbsCertificate', f[i]!, `unexpected field ${f[i]!.cls} [${f[i]!.tag}] after the last TBSCertificate field`);

  fieldRules(problems, { serialNode, sigInner, signatureAlgorithm, issuer, notBefore, notAfter, sigNode: sigAlgNode, der });
  // By value (RFC 5652 10.2.4): the DER of issuer and serial even when these bytes are BER, which
  // the DER defects above already report at their offset; a signer identifier then still finds it.
  const inner = new Uint8Array([...issuer.der, ...canonicalEncoding(der, serialNode)]);
  const cert: X509Certificate = {
    der, tbs: encodingOf(der, tbsNode), version, serial, signature: sigInner, issuer, notBefore, notAfter, subject,
    spki: encodingOf(der, spkiNode), spkiAlgorithm, publicKey: keyBits.value.bytes, publicKeyNode: keyNode, extensions,
    signatureAlgorithm, signatureValue: sigBits.value.bytes,
    issuerAndSerial: new Uint8Array([0x30, ...lengthOctets(inner.length), ...inner]),
  };
  return { ok: true, cert, problems };
}

interface FieldInputs {
  readonly serialNode: DerNode;
  readonly sigInner: AlgId;
  readonly signatureAlgorithm: AlgId;
  readonly issuer: NameView;
  readonly notBefore: TimeField;
  readonly notAfter: TimeField;
  readonly sigNode: DerNode;
  readonly der: Uint8Array;
}

/** The RFC 5280 4.1 field rules a reader can decide on one certificate alone. */
function fieldRules(problems: X509Problem[], x: FieldInputs): void {
  const serial = contentOf(x.der, x.serialNode);
  if (serial[0]! & 0x80 || serial.every((b) => b === 0)) {
    problems.push(problem('rfc5280/4.1.2.2/serial-positive', 'tbsCertificate.serialNumber', x.serialNode, `serialNumber is ${serial[0]! & 0x80 ? 'negative' : 'zero'}; RFC 5280 requires a positive integer`));
  }
  if (serial.length > 20) problems.push(problem('rfc5280/4.1.2.2/serial-at-most-20-octets', 'tbsCertificate.serialNumber', x.serialNode, `serialNumber is ${serial.length} octets long (at most 20)`));
  if (!bytesEqual(x.sigInner.der, x.signatureAlgorithm.der)) {
    problems.push(problem('rfc5280/4.1.2.3/signature-algorithm-matches-tbs', 'signatureAlgorithm', x.sigNode, `signatureAlgorithm (${x.signatureAlgorithm.oid}) is not the AlgorithmIdentifier of tbsCertificate.signature (${x.sigInner.oid})`));
  }
  if (x.issuer.rdnCount === 0) problems.push(problem('rfc5280/4.1.2.4/issuer-non-empty', 'tbsCertificate.issuer', x.issuer.node, 'issuer is an empty Name'));
  for (const [name, t] of [['notBefore', x.notBefore], ['notAfter', x.notAfter]] as const) {
    const p = timeFormProblem(t);
    if (p) problems.push(problem('rfc5280/4.1.2.5/time-encoding-by-year', `tbsCertificate.validity.${name}`, t.node, p));
  }
}

/** Extensions ::= SEQUENCE SIZE (1..MAX) OF Extension; a string when the syntax is broken. */
function readExtensions(der: Uint8Array, wrapper: DerNode, problems: X509Problem[]): Extension[] | string {
  const seq = wrapper.children[0];
  if (!isTag(seq, 16) || wrapper.children.length !== 1) return 'extensions is not [3] EXPLICIT SEQUENCE OF Extension';
  if (seq.children.length === 0) return 'extensions is an empty SEQUENCE (SIZE (1..MAX))';
  const out: Extension[] = [];
  const seen = new Set<string>();
  for (const [k, e] of seq.children.entries()) {
    const [idNode, second, third, extra] = e.children;
    const hasCritical = isTag(second, 1);
    const valueNode = hasCritical ? third : second;
    if (!isTag(e, 16) || !isTag(idNode, 6) || !isTag(valueNode, 4) || (hasCritical ? extra : third)) return `extensions[${k}] is not SEQUENCE { extnID, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING }`;
    const id = decodeOid(contentOf(der, idNode));
    if (!id.ok) return `extensions[${k}].extnID: ${id.error}`;
    let critical = false;
    if (hasCritical) {
      const b = decodeBoolean(contentOf(der, second));
      if (!b.ok) return `extensions[${k}].critical: ${b.error}`;
      critical = b.value;
      if (b.ber) problems.push(problem(DER, `tbsCertificate.extensions[${k}].critical`, second, b.ber));
      if (!b.value) problems.push(problem(DER, `tbsCertificate.extensions[${k}].critical`, second, 'critical FALSE is encoded, but DER omits a DEFAULT value (X.690 11.5)'));
    }
    if (seen.has(id.value)) problems.push(problem('rfc5280/4.2/unique-extensions', `tbsCertificate.extensions[${k}]`, e, `extension ${id.value} appears more than once`));
    seen.add(id.value);
    out.push({ oid: id.value, critical, value: contentOf(der, valueNode), node: e });
  }
  return out;
}

function lengthOctets(n: number): number[] {
  if (n < 0x80) return [n];
  const out: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) out.unshift(v % 256);
  return [0x80 | out.length, ...out];
}

export { lengthOctets };
