/**
 * The contents of signingCertificate (RFC 2634 5.4, RFC 5035 5) and signingCertificateV2
 * (RFC 5035 3-4), each statement citing its entry:
 * - RFC 5035 2: SHA-1 hashes go in the v1 attribute (a v2 ESSCertIDv2 with SHA-1 breaks the MUST
 *   and the SHOULD NOT), other hashes in v2 (a v1 certHash that is not 20 octets is not SHA-1);
 * - the first ESSCertID(v2) hashes the certificate the sid names (carried in certificates);
 * - issuerSerial in the first entry unless the sid is issuerAndSerialNumber, and in the others
 *   (SHOULD), and IssuerSerial.issuer is one directoryName equal to the issuer of the certificate
 *   with that hash, with its serial number.
 */
import { createHash } from 'node:crypto';
import { contentOf, type DerNode } from '../../core/der/reader.ts';
import { decodeOid } from '../../core/der/values.ts';
import { OID } from '../../core/oids.ts';
import { where, type CheckContext } from '../context.ts';
import { at, encoding, isContext, isUniversal, UNIVERSAL, type Attribute } from '../cms/fields.ts';
import type { SignedDataView, SignerInfoView } from '../cms/signed-data.ts';
import { hashName } from '../crypto/algorithms.ts';
import { bytesEqual, CertIndex, certInfo, type CertInfo } from '../crypto/certificates.ts';

interface CertId { readonly node: DerNode; readonly hash: string | null; readonly certHash: DerNode | undefined; readonly issuerSerial: DerNode | undefined }

/** ESSCertID ::= SEQUENCE { certHash, issuerSerial OPTIONAL }; ESSCertIDv2 ::= SEQUENCE { hashAlgorithm DEFAULT sha256, certHash, issuerSerial OPTIONAL }. */
function certIds(ctx: CheckContext, a: Attribute, v2: boolean): CertId[] {
  const certs = a.values[0]?.children[0];
  if (!certs || !isUniversal(certs, UNIVERSAL.SEQUENCE)) return [];
  return certs.children.filter((c) => isUniversal(c, UNIVERSAL.SEQUENCE)).map((node) => {
    let k = 0;
    let hash: string | null = v2 ? OID.sha256 : OID.sha1;
    if (v2 && isUniversal(node.children[0], UNIVERSAL.SEQUENCE)) {
      const o = node.children[0]!.children[0];
      const d = o && isUniversal(o, UNIVERSAL.OID) ? decodeOid(contentOf(ctx.bytes, o)) : null;
      hash = d?.ok ? d.value : null;
      k = 1;
    }
    return { node, hash, certHash: node.children[k], issuerSerial: node.children[k + 1] };
  });
}

export function checkSigningCertificateContents(ctx: CheckContext, v: SignedDataView): void {
  const certs = v.certificates.map((c) => certInfo(encoding(ctx, c))).filter((c): c is CertInfo => c !== null);
  const index = new CertIndex(certs);
  for (const si of v.signerInfos) {
    for (const a of si.signedAttrs?.attrs ?? []) {
      const v2 = a.type === OID.signingCertificateV2;
      if ((!v2 && a.type !== OID.signingCertificate) || a.values.length !== 1) continue;
      const ids = certIds(ctx, a, v2);
      ids.forEach((id, i) => checkCertId(ctx, a, id, i, v2, si, certs));
      const signer = si.sid.kind === 'ski' ? index.ski(contentOf(ctx.bytes, si.sid.node)) : index.issuerSerial(encoding(ctx, si.sid.node));
      const first = ids[0];
      if (signer && first?.hash && first.certHash && hashName(first.hash)) {
        const same = bytesEqual(new Uint8Array(createHash(hashName(first.hash)!).update(signer.der).digest()), contentOf(ctx.bytes, first.certHash));
        const rules = v2 ? ['rfc5035/3/v2-first-certid-is-signer-cert'] : ['rfc5035/5/v1-first-certid-is-signer-cert', 'rfc2634/5.4/first-certid-is-signer-cert'];
        for (const r of rules) ctx.check(r, same, same ? 'the first certHash is the hash of the certificate the sid names' : 'the first certHash is not the hash of the certificate the sid names', where(at(`${a.at.path}.certs[0]`, first.node)));
      }
    }
  }
}

function checkCertId(ctx: CheckContext, a: Attribute, id: CertId, i: number, v2: boolean, si: SignerInfoView, certs: readonly CertInfo[]): void {
  const w = where(at(`${a.at.path}.certs[${i}]`, id.node));
  if (v2 && id.hash === OID.sha1) {
    ctx.fail('rfc5035/2/sha1-uses-signing-certificate', 'a SHA-1 certHash in signingCertificateV2; SHA-1 hashes belong in signingCertificate', w);
    ctx.fail('rfc5035/2/v2-not-for-sha1', 'signingCertificateV2 used with SHA-1', w);
  }
  if (!v2 && id.certHash && isUniversal(id.certHash, UNIVERSAL.OCTET_STRING)) {
    const sha1 = id.certHash.length === 20;
    ctx.check('rfc5035/2/other-hash-uses-v2', sha1, sha1 ? 'the v1 certHash has the SHA-1 length' : `a ${id.certHash.length}-octet certHash in signingCertificate, which holds SHA-1 hashes only (other hashes go in signingCertificateV2)`, w);
  }
  const has = !!id.issuerSerial;
  if (i === 0) {
    const excused = si.sid.kind === 'issuerAndSerial';
    const rules = v2 ? ['rfc5035/3/v2-first-certid-issuer-serial', 'rfc5035/4/issuer-serial-when-not-in-sid'] : ['rfc5035/5/v1-first-certid-issuer-serial', 'rfc2634/5.4/first-certid-issuer-serial'];
    for (const r of rules) ctx.check(r, has || excused, has ? 'the signing certificate\'s ESSCertID includes issuerSerial' : excused ? 'issuerSerial left out; the sid is issuerAndSerialNumber' : 'the signing certificate\'s ESSCertID has no issuerSerial and the sid is a subjectKeyIdentifier', w);
  } else {
    const rules = v2 ? ['rfc5035/3/v2-other-certids-issuer-serial', 'rfc5035/4/authorization-certs-by-issuer-serial'] : ['rfc5035/5/v1-other-certids-issuer-serial', 'rfc2634/5.4/other-certids-issuer-serial', 'rfc2634/5.4.1/authorization-certs-by-issuer-serial'];
    for (const r of rules) ctx.check(r, has, has ? 'the ESSCertID includes issuerSerial' : `ESSCertID ${i} identifies its certificate by hash only`, w);
  }
  if (id.issuerSerial) checkIssuerSerial(ctx, id, v2, certs, at(`${a.at.path}.certs[${i}].issuerSerial`, id.issuerSerial));
}

/** IssuerSerial ::= SEQUENCE { issuer GeneralNames, serialNumber INTEGER }; directoryName is [4] EXPLICIT Name. */
function checkIssuerSerial(ctx: CheckContext, id: CertId, v2: boolean, certs: readonly CertInfo[], l: { path: string; node: DerNode }): void {
  const names = l.node.children[0];
  const one = !!names && isUniversal(names, UNIVERSAL.SEQUENCE) && names.children.length === 1 && isContext(names.children[0], 4) && names.children[0]!.constructed;
  const hash = id.hash ? hashName(id.hash) : null;
  const cert = hash && id.certHash ? byHash(certs, hash).get(Buffer.from(contentOf(ctx.bytes, id.certHash)).toString('hex')) : undefined;
  const rules = v2 ? ['rfc5035/4/pkc-issuer-directory-name'] : ['rfc2634/5.4.1/pkc-issuer-directory-name'];
  if (!one) {
    for (const r of rules) ctx.fail(r, 'IssuerSerial.issuer is not exactly one directoryName', where(l));
    return;
  }
  if (!cert) return;
  const name = names!.children[0]!.children[0];
  const serial = l.node.children[1];
  const same = !!name && bytesEqual(encoding(ctx, name), cert.issuer) && !!serial && bytesEqual(contentOf(ctx.bytes, serial), cert.cert.serial);
  for (const r of rules) ctx.check(r, same, same ? 'IssuerSerial names the issuer and serial number of the certificate with that hash' : 'IssuerSerial does not name the issuer and serial number of the certificate with that hash', where(l));
}

/** The certificates by their hash under `hash`, computed once per list and algorithm (a hostile message may hold thousands). */
const hashIndex = new WeakMap<readonly CertInfo[], Map<string, Map<string, CertInfo>>>();
function byHash(certs: readonly CertInfo[], hash: string): Map<string, CertInfo> {
  let perAlg = hashIndex.get(certs);
  if (!perAlg) hashIndex.set(certs, (perAlg = new Map()));
  let index = perAlg.get(hash);
  if (!index) {
    index = new Map(certs.map((c) => [createHash(hash).update(c.der).digest('hex'), c]));
    perAlg.set(hash, index);
  }
  return index;
}
