/**
 * The certificate layer of EnvelopedData, AuthenticatedData and AuthEnvelopedData (RFC 5652 6.1,
 * 9.1; RFC 5083 2.1): the certificates and CRLs of originatorInfo read by the same strict reader
 * as SignedData.certificates (each defect a finding at its byte offset in the message), the RFC
 * 5280 extension rules and the S/MIME profile on each, and, for every KeyTransRecipientInfo and
 * KeyAgreeRecipientInfo recipient whose certificate the message or the command line gives
 * (matched by issuerAndSerialNumber or subjectKeyIdentifier): the purpose its key is used for
 * (keyEncipherment for key transport, keyAgreement for key agreement, RFC 5280 4.2.1.3 and
 * 4.2.1.12; emailProtection when extendedKeyUsage is present, RFC 8550 4.4.4) and the validity
 * of the key itself (checkers/x509/subject-key.ts). No path is validated: a recipient's trust is
 * its sender's business, not something a message shows.
 *
 * The originator of static-static key agreement is a certificate too: a KeyAgreeRecipientInfo
 * whose originator is issuerAndSerialNumber or [0] subjectKeyIdentifier (RFC 5652 6.2.2) names
 * the sender's certificate, whose public key the recipient combines with its own private key. That
 * key gets the checks an originatorKey gets (the invalid-curve and small-subgroup attacks of RFC
 * 2785 work the same through a certified key: RFC 2631 2.4 asks both sides of static-static DH to
 * validate the peer key), the certificate the same strict reading and profile as a recipient's,
 * keyUsage keyAgreement (RFC 5280 4.2.1.3) and, for id-alg-SSDH, a dh-public-number key (RFC 3370
 * 4.1.2).
 */
import { contentOf } from '../../core/der/reader.ts';
import { OID } from '../../core/oids.ts';
import { KEY_AGREEMENT } from '../cms/algorithms.ts';
import type { CheckContext } from '../context.ts';
import { at, encoding } from '../cms/fields.ts';
import type { IdChoice, OriginatorInfoView, RecipientInfosView } from '../cms/recipient-infos.ts';
import type { X509Certificate } from './certificate.ts';
import { addExternal, CertificatePool, placeWhere, readMessageCertificates, readMessageCrls, type LabelledInput, type PlacedCert } from './certificate-set.ts';
import { skiOf } from './extensions.ts';
import { bytesEqual } from './fields.ts';
import { emailPurposeCheck, isCa, purposeCheck } from './rules.ts';
import { profile } from './check-signed-data.ts';
import { checkSubjectKey } from './subject-key.ts';

export interface EnvelopeCertificateView {
  readonly originatorInfo: OriginatorInfoView | null;
  readonly recipientInfos: RecipientInfosView;
}

type Purpose = 'key-transport' | 'key-agreement';

/** A recipient identifier: IssuerAndSerialNumber, or a subjectKeyIdentifier ([0] or rKeyId). */
type RecipientId = { readonly kind: 'issuerAndSerial'; readonly der: Uint8Array } | { readonly kind: 'ski'; readonly ski: Uint8Array };

function recipientIds(ctx: CheckContext, ris: RecipientInfosView): { id: RecipientId; purpose: Purpose }[] {
  const ias = (c: IdChoice<string>): RecipientId => ({ kind: 'issuerAndSerial', der: encoding(ctx, c.at.node) });
  const out: { id: RecipientId; purpose: Purpose }[] = [];
  for (const ri of ris.infos) {
    if (ri.kind === 'ktri') out.push({ purpose: 'key-transport', id: ri.rid.kind === 'ski' ? { kind: 'ski', ski: contentOf(ctx.bytes, ri.rid.at.node) } : ias(ri.rid) });
    if (ri.kind === 'kari') {
      for (const rek of ri.recipientEncryptedKeys) {
        if (rek.rid.kind === 'issuerAndSerial') out.push({ purpose: 'key-agreement', id: ias(rek.rid) });
        else if (rek.ski) out.push({ purpose: 'key-agreement', id: { kind: 'ski', ski: rek.ski } });
      }
    }
  }
  return out;
}

/** A key agreement originator named by certificate, and whether its scheme is id-alg-SSDH (RFC 3370 4.1.2). */
interface OriginatorRef {
  readonly id: RecipientId;
  readonly ssdh: boolean;
}

/**
 * The originator certificates the KeyAgreeRecipientInfos name: OriginatorIdentifierOrKey's
 * issuerAndSerialNumber, or [0] IMPLICIT SubjectKeyIdentifier (RFC 5652 6.2.2). originatorKey
 * carries its key in the message and is validated by the key agreement rules instead.
 */
function originatorIds(ctx: CheckContext, ris: RecipientInfosView): OriginatorRef[] {
  const out: OriginatorRef[] = [];
  for (const ri of ris.infos) {
    if (ri.kind !== 'kari' || ri.originator.kind === 'originatorKey') continue;
    const ssdh = KEY_AGREEMENT[ri.keyEncryptionAlgorithm.oid]?.family === 'ssdh';
    const node = ri.originator.at.node;
    out.push({ ssdh, id: ri.originator.kind === 'ski' ? { kind: 'ski', ski: contentOf(ctx.bytes, node) } : { kind: 'issuerAndSerial', der: encoding(ctx, node) } });
  }
  return out;
}

function named(p: PlacedCert, id: RecipientId): boolean {
  if (id.kind === 'issuerAndSerial') return bytesEqual(p.cert.issuerAndSerial, id.der);
  const s = skiOf(p.cert);
  return !!s && bytesEqual(s, id.ski);
}

type Party = 'recipient' | 'originator';

/**
 * RFC 8550 1 (RFC 2632 1 under v3): a public key is valid before it is relied on: the recipient's
 * before anything is encrypted to it, the static-static originator's before a key is agreed with it.
 */
function checkKey(ctx: CheckContext, p: PlacedCert, party: Party): void {
  const r = checkSubjectKey(p.cert);
  if (!r) return;
  const n = p.cert.publicKeyNode;
  const rule = ctx.profile === 'v3' ? 'rfc2632/1/certify-public-key-before-use' : 'rfc8550/1/validate-public-key-before-use';
  const w = placeWhere(p.place, 'tbsCertificate.subjectPublicKeyInfo.subjectPublicKey', n.offset, n.end - n.offset);
  const message = p.place.kind === 'file' ? `${r.message} (in ${p.place.label}, at offset ${n.offset})` : r.message;
  ctx.check(rule, r.ok, `${party} certificate: ${message}`, w, 'certificate');
}

/** keyUsage and extendedKeyUsage against the purpose the key serves in this message. */
function checkUses(ctx: CheckContext, placed: PlacedCert, purpose: Purpose, party: Party): void {
  const uses = [purposeCheck(placed.cert, purpose), emailPurposeCheck(placed.cert, purpose)].filter((c) => c !== null);
  for (const c of uses) {
    const off = c.node ? c.node.offset : 0;
    const label = placed.place.kind === 'file' ? ` (in ${placed.place.label}, at offset ${off})` : '';
    ctx.check(c.rule, c.ok === true, `${party} certificate: ${c.message}${label}`, placeWhere(placed.place, c.field, off, c.node ? c.node.end - c.node.offset : 0), 'certificate');
  }
}

/**
 * RFC 3370 4.1.2: the certificate an id-alg-SSDH originator references holds a dh-public-number
 * key; any other key cannot take part in X9.42 static-static agreement.
 */
function checkSsdhKeyAlgorithm(ctx: CheckContext, p: PlacedCert): void {
  const a = p.cert.spkiAlgorithm;
  const ok = a.oid === OID.dhpublicnumber;
  const label = p.place.kind === 'file' ? ` (in ${p.place.label}, at offset ${a.node.offset})` : '';
  const message = ok ? 'the id-alg-SSDH originator certificate holds a dh-public-number key'
    : `the id-alg-SSDH originator certificate holds a ${a.oid} key, not dh-public-number (1.2.840.10046.2.1)${label}`;
  ctx.check('rfc3370/4.1.2/ssdh-originator-cert-dh-public-number', ok, message, placeWhere(p.place, 'tbsCertificate.subjectPublicKeyInfo.algorithm', a.node.offset, a.node.end - a.node.offset), 'certificate');
}

export function checkEnvelopeCertificates(ctx: CheckContext, v: EnvelopeCertificateView, certs: readonly LabelledInput[]): void {
  const pool = new CertificatePool();
  const oi = v.originatorInfo;
  if (oi?.certsAt) readMessageCertificates(ctx, pool, oi.certsAt, oi.certs);
  if (oi?.crls.length) readMessageCrls(ctx, pool, at(`${oi.at.path}.crls`, oi.crls[0]!), oi.crls);
  addExternal(pool, certs, [], []);
  const recipients = recipientIds(ctx, v.recipientInfos).flatMap(({ id, purpose }) => {
    const placed = pool.all().find((p) => named(p, id));
    return placed ? [{ placed, purpose }] : [];
  });
  const originators = originatorIds(ctx, v.recipientInfos).flatMap(({ id, ssdh }) => {
    const placed = pool.all().find((p) => named(p, id));
    return placed ? [{ placed, ssdh }] : [];
  });
  const recipientCerts = new Set<X509Certificate>(recipients.map((r) => r.placed.cert));
  const originatorCerts = new Set<X509Certificate>(originators.map((o) => o.placed.cert));
  for (const p of pool.message) profile(ctx, p, recipientCerts.has(p.cert) ? 'recipient' : originatorCerts.has(p.cert) ? 'originator' : isCa(p.cert) ? 'ca' : 'other');
  // Two RecipientInfos for the same certificate and purpose are one decision; its key, one check
  // (also when one certificate is both a recipient and the originator: a sender encrypting to itself).
  const decided = new Map<PlacedCert, Set<Purpose>>();
  const keyChecked = new Set<PlacedCert>();
  for (const { placed, purpose } of recipients) {
    const purposes = decided.get(placed);
    if (purposes?.has(purpose)) continue;
    if (!purposes) {
      if (placed.place.kind === 'file') profile(ctx, placed, 'recipient');
      checkKey(ctx, placed, 'recipient');
      keyChecked.add(placed);
    }
    decided.set(placed, new Set([...(purposes ?? []), purpose]));
    checkUses(ctx, placed, purpose, 'recipient');
  }
  const ssdhChecked = new Set<PlacedCert>();
  const originatorDecided = new Set<PlacedCert>();
  for (const { placed, ssdh } of originators) {
    if (ssdh && !ssdhChecked.has(placed)) {
      ssdhChecked.add(placed);
      checkSsdhKeyAlgorithm(ctx, placed);
    }
    if (originatorDecided.has(placed)) continue;
    originatorDecided.add(placed);
    // A file certificate already profiled as a recipient is not profiled again (message ones were, above).
    if (placed.place.kind === 'file' && !decided.has(placed)) profile(ctx, placed, 'originator');
    if (!keyChecked.has(placed)) {
      checkKey(ctx, placed, 'originator');
      keyChecked.add(placed);
    }
    if (!decided.get(placed)?.has('key-agreement')) checkUses(ctx, placed, 'key-agreement', 'originator');
  }
}
