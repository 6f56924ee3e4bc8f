/**
 * Independent decoders for the ESS attributes (RFC 2634 Appendix A, RFC 5035, RFC 8551 2.5.3),
 * written against the RFC ASN.1 on top of asn1js, producing the same plain shape the manifest
 * records, so a test can compare what was put in with what comes out.
 */
import { child, hex, implicitOid, intOf, oidOf, textOf, type Node } from './asn1.ts';

type Json = unknown;

function generalName(n: Node): Json {
  if (n.cls === 3 && n.tag === 1) return { email: textOf(n) };
  if (n.cls === 3 && n.tag === 4) return { directoryName: hex(child(n, 0).raw) };
  throw new Error(`unexpected GeneralName [${n.tag}]`);
}
const generalNames = (n: Node): Json => n.children.map(generalName);

export function receiptRequest(v: Node): Json {
  const from = child(v, 1);
  let receiptsFrom: Json;
  if (from.cls === 3 && from.tag === 0 && !from.constructed) {
    const value = intOf(from);
    receiptsFrom = { allOrFirstTier: value === 0 ? 'allReceipts' : value === 1 ? 'firstTierRecipients' : `unknown(${value})` };
  } else if (from.cls === 3 && from.tag === 1) {
    receiptsFrom = { receiptList: from.children.map(generalNames) };
  } else throw new Error('bad ReceiptsFrom');
  return { signedContentIdentifier: hex(child(v, 0).value), receiptsFrom, receiptsTo: child(v, 2).children.map(generalNames) };
}

export function contentHints(v: Node): Json {
  return v.children.length === 2
    ? { contentDescription: textOf(child(v, 0)), contentType: oidOf(child(v, 1)) }
    : { contentType: oidOf(child(v, 0)) };
}

export const contentReference = (v: Node): Json => ({
  contentType: oidOf(child(v, 0)), signedContentIdentifier: hex(child(v, 1).value), originatorSignatureValue: hex(child(v, 2).value),
});

export function securityLabel(v: Node): Json {
  const out: Record<string, Json> = {};
  for (const c of v.children) {
    if (c.cls !== 1) throw new Error('ESSSecurityLabel components are universal types');
    if (c.tag === 6) out.policy = oidOf(c);
    else if (c.tag === 2) out.classification = intOf(c);
    else if (c.tag === 19) out.privacyMark = { pString: textOf(c) };
    else if (c.tag === 12) out.privacyMark = { utf8String: textOf(c) };
    else if (c.tag === 17) out.categories = c.children.map((cat) => ({ type: implicitOid(child(cat, 0)), value: textOf(child(child(cat, 1), 0)) }));
    else throw new Error(`unexpected ESSSecurityLabel component tag ${c.tag}`);
  }
  return out;
}

export const equivalentLabels = (v: Node): Json => v.children.map(securityLabel);

function mlReceiptPolicy(p: Node): Json {
  if (p.tag === 0) return { none: true };
  const names = p.children.map(generalNames);
  return p.tag === 1 ? { insteadOf: names } : { inAdditionTo: names };
}

export const mlExpansionHistory = (v: Node): Json => v.children.map((d) => {
  const id = child(d, 0);
  const entry: Record<string, Json> = {
    mailList: id.tag === 4 && id.cls === 1 ? { ski: hex(id.value) } : { issuerAndSerial: hex(id.raw) },
    expansionTime: textOf(child(d, 1)),
  };
  if (d.children[2]) entry.policy = mlReceiptPolicy(d.children[2]);
  return entry;
});

/** SigningCertificate(V2): the certHash is named by the cast id whose certificate it matches. */
export function signingCertificate(v: Node, certHashes: Record<string, string>, v2: boolean): Json {
  const first = child(child(v, 0), 0);
  let i = 0;
  let hashAlgorithm = 'sha256';
  if (v2 && first.children[0]?.tag === 16) {
    const alg = oidOf(child(first.children[0], 0));
    hashAlgorithm = ({ '2.16.840.1.101.3.4.2.1': 'sha256', '2.16.840.1.101.3.4.2.2': 'sha384', '2.16.840.1.101.3.4.2.3': 'sha512' } as Record<string, string>)[alg] ?? alg;
    i = 1;
  }
  const hashHex = hex(child(first, i).value);
  const name = Object.entries(certHashes).find(([, h]) => h === hashHex)?.[0] ?? hashHex;
  const base = { certHash: name, issuerSerial: first.children.length > i + 1 };
  if (v2) return { hashAlgorithm, ...base };
  const policies = v.children[1] ? v.children[1].children.map((p) => oidOf(child(p, 0))) : [];
  return { ...base, policies };
}

export function encryptionKeyPreference(v: Node, issuerSerials: Record<string, string>): Json {
  if (v.tag === 0 && v.cls === 3) {
    const as = hex(Uint8Array.from([0x30, ...v.raw.subarray(1)]));
    return { issuerAndSerial: Object.entries(issuerSerials).find(([, h]) => h === as)?.[0] ?? as };
  }
  if (v.tag === 2 && v.cls === 3) return { ski: hex(v.value) };
  throw new Error('unexpected SMIMEEncryptionKeyPreference choice');
}

export const receipt = (v: Node): Json => ({
  version: intOf(child(v, 0)), contentType: oidOf(child(v, 1)),
  signedContentIdentifier: hex(child(v, 2).value), originatorSignatureValue: hex(child(v, 3).value),
});
