/**
 * The strict CRL reader (RFC 5280 5.1), the twin of checkers/x509/certificate.ts: a view with the
 * field rules it broke, or only the problems when the bytes are not a CertificateList.
 *
 *   CertificateList ::= SEQUENCE { tbsCertList, signatureAlgorithm, signatureValue BIT STRING }
 *   TBSCertList ::= SEQUENCE { version Version OPTIONAL, signature AlgorithmIdentifier, issuer Name,
 *       thisUpdate Time, nextUpdate Time OPTIONAL, revokedCertificates SEQUENCE OF SEQUENCE {
 *       userCertificate CertificateSerialNumber, revocationDate Time, crlEntryExtensions OPTIONAL }
 *       OPTIONAL, crlExtensions [0] EXPLICIT Extensions OPTIONAL }
 */
import { contentOf, encodingOf, readDer, type DerNode } from '../../core/der/reader.ts';
import { decodeBitString, decodeOid, decodeSmallInt } from '../../core/der/values.ts';
import { OID } from '../../core/oids.ts';
import {
  bytesEqual, isCtx, isTag, problem, readAlgId, readName, readTime, timeFormProblem,
  type AlgId, type NameView, type TimeField, type X509Problem,
} from './fields.ts';

export interface RevokedEntry {
  /** serialNumber content octets (compare with a certificate's serial). */
  readonly serial: Uint8Array;
  readonly date: TimeField;
}

export interface X509Crl {
  readonly der: Uint8Array;
  readonly tbs: Uint8Array;
  readonly version: 1 | 2;
  readonly signature: AlgId;
  readonly issuer: NameView;
  readonly thisUpdate: TimeField;
  readonly nextUpdate: TimeField | null;
  readonly revoked: readonly RevokedEntry[];
  readonly extensionOids: readonly string[];
  readonly signatureAlgorithm: AlgId;
  readonly signatureValue: Uint8Array;
}

export type CrlRead =
  | { readonly ok: true; readonly crl: X509Crl; readonly problems: readonly X509Problem[] }
  | { readonly ok: false; readonly problems: readonly X509Problem[] };

const SYNTAX = 'rfc5280/5.1/crl-syntax';

export function readCrl(der: Uint8Array): CrlRead {
  const problems: X509Problem[] = [];
  const fatal = (field: string, n: DerNode | null, message: string): CrlRead => {
    problems.push(problem(SYNTAX, field, n, message));
    return { ok: false, problems };
  };
  const r = readDer(der, { maxDepth: 32, maxNodes: 200_000 });
  for (const d of r.defects) problems.push({ rule: d.kind === 'fatal' ? SYNTAX : 'rfc5280/5.1/der-encoded', field: 'crl', message: d.message, offset: d.offset, length: d.length });
  if (r.fatal || !r.root) return { ok: false, problems };
  const [tbsNode, sigAlgNode, sigNode, extra] = r.root.children;
  if (!isTag(r.root, 16) || !isTag(tbsNode, 16) || !sigAlgNode || !isTag(sigNode, 3) || extra) return fatal('crl', r.root, 'not SEQUENCE { tbsCertList SEQUENCE, signatureAlgorithm, signatureValue BIT STRING }');
  const signatureAlgorithm = readAlgId(der, sigAlgNode);
  if (typeof signatureAlgorithm === 'string') return fatal('signatureAlgorithm', sigAlgNode, signatureAlgorithm);
  const sig = decodeBitString(contentOf(der, sigNode));
  if (!sig.ok) return fatal('signatureValue', sigNode, sig.error);
  const f = tbsNode.children;
  let i = 0;
  let version: 1 | 2 = 1;
  if (isTag(f[0], 2)) {
    const v = decodeSmallInt(contentOf(der, f[0]));
    if (!v.ok || v.value !== 1) return fatal('tbsCertList.version', f[0], 'version is present but not v2(1)');
    version = 2;
    i++;
  }
  const signature = readAlgId(der, f[i++]);
  if (typeof signature === 'string') return fatal('tbsCertList.signature', f[i - 1] ?? tbsNode, signature);
  const issuer = readName(der, f[i++]);
  if (typeof issuer === 'string') return fatal('tbsCertList.issuer', f[i - 1] ?? tbsNode, issuer);
  const thisUpdate = readTime(der, f[i++]);
  if (typeof thisUpdate === 'string') return fatal('tbsCertList.thisUpdate', f[i - 1] ?? tbsNode, thisUpdate);
  let nextUpdate: TimeField | null = null;
  if (f[i] && f[i]!.cls === 'universal' && (f[i]!.tag === 23 || f[i]!.tag === 24)) {
    const t = readTime(der, f[i++]);
    if (typeof t === 'string') return fatal('tbsCertList.nextUpdate', f[i - 1]!, t);
    nextUpdate = t;
  }
  const revoked: RevokedEntry[] = [];
  if (isTag(f[i], 16)) {
    for (const [k, e] of f[i]!.children.entries()) {
      const [s, d] = e.children;
      const date = readTime(der, d);
      if (!isTag(e, 16) || !isTag(s, 2) || typeof date === 'string') return fatal(`tbsCertList.revokedCertificates[${k}]`, e, 'entry is not SEQUENCE { userCertificate INTEGER, revocationDate Time, ... }');
      revoked.push({ serial: contentOf(der, s), date });
    }
    i++;
  }
  const extensionOids: string[] = [];
  if (isCtx(f[i], 0)) {
    const seq = f[i]!.children[0];
    if (!isTag(seq, 16)) return fatal('tbsCertList.crlExtensions', f[i]!, 'crlExtensions is not [0] EXPLICIT SEQUENCE OF Extension');
    for (const e of seq.children) {
      const id = isTag(e.children[0], 6) ? decodeOid(contentOf(der, e.children[0])) : null;
      if (!id?.ok) return fatal('tbsCertList.crlExtensions', e, 'Extension without a readable extnID');
      extensionOids.push(id.value);
    }
    i++;
  }
  if (f[i]) return fatal('tbsCertList', f[i]!, 'unexpected field after crlExtensions');
  crlRules(problems, { der, version, signature, signatureAlgorithm, sigAlgNode, issuer, thisUpdate, nextUpdate, extensionOids, tbsNode });
  return {
    ok: true, problems,
    crl: { der, tbs: encodingOf(der, tbsNode), version, signature, issuer, thisUpdate, nextUpdate, revoked, extensionOids, signatureAlgorithm, signatureValue: sig.value.bytes },
  };
}

interface CrlFields {
  readonly der: Uint8Array;
  readonly version: 1 | 2;
  readonly signature: AlgId;
  readonly signatureAlgorithm: AlgId;
  readonly sigAlgNode: DerNode;
  readonly issuer: NameView;
  readonly thisUpdate: TimeField;
  readonly nextUpdate: TimeField | null;
  readonly extensionOids: readonly string[];
  readonly tbsNode: DerNode;
}

function crlRules(problems: X509Problem[], x: CrlFields): void {
  if (!bytesEqual(x.signature.der, x.signatureAlgorithm.der)) problems.push(problem('rfc5280/5.1.2.2/signature-algorithm-matches-tbs', 'signatureAlgorithm', x.sigAlgNode, 'signatureAlgorithm differs from tbsCertList.signature'));
  if (x.extensionOids.length && x.version !== 2) problems.push(problem('rfc5280/5.1.2.1/version-2-with-extensions', 'tbsCertList.version', x.tbsNode, 'the CRL has extensions but no version v2'));
  if (x.issuer.rdnCount === 0) problems.push(problem('rfc5280/5.1.2.3/issuer-non-empty', 'tbsCertList.issuer', x.issuer.node, 'CRL issuer is an empty Name'));
  for (const [name, t] of [['thisUpdate', x.thisUpdate], ['nextUpdate', x.nextUpdate]] as const) {
    const p = t ? timeFormProblem(t) : null;
    if (p && t) problems.push(problem('rfc5280/5.1.2.4/time-encoding-by-year', `tbsCertList.${name}`, t.node, p));
  }
  if (!x.nextUpdate) problems.push(problem('rfc5280/5.1.2.5/next-update-present', 'tbsCertList', x.tbsNode, 'the CRL has no nextUpdate'));
  if (!x.extensionOids.includes(OID.authorityKeyIdentifier)) problems.push(problem('rfc5280/5.2.1/crl-authority-key-id', 'tbsCertList.crlExtensions', x.tbsNode, 'the CRL has no authorityKeyIdentifier extension'));
  if (!x.extensionOids.includes(OID.cRLNumber)) problems.push(problem('rfc5280/5.2.3/crl-number-present', 'tbsCertList.crlExtensions', x.tbsNode, 'the CRL has no cRLNumber extension'));
}
