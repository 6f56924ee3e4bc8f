/**
 * Issue 3 acceptance, ESS part: every ESS attribute decodes (with an independent asn1js decoder
 * written from RFC 2634 Appendix A / RFC 5035) to exactly what the manifest says was put in, and
 * the receipt's msgSigDigest is the digest of its original's DER signed attributes.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { OID } from '../core/oids.ts';
import type { Sample } from '../core/manifest.ts';
import { child, decode, eContent, hex, oidOf, signedAttributes, type Node } from './helpers/asn1.ts';
import { CORPUS, loadValidManifest, readBytes } from './helpers/corpus.ts';
import * as ess from './helpers/ess-decode.ts';

const manifest = loadValidManifest();
const der = (s: Sample) => readBytes(CORPUS, s.file);

/** Hashes and IssuerAndSerialNumber encodings of the cast certificates, computed here, independently. */
const castCert = (id: string) => readBytes(CORPUS, `keys/${id}.cert.der`);
const certHashes: Record<string, string> = {};
const issuerSerials: Record<string, string> = {};
for (const id of ['alice-rsa', 'diane-rsa', 'erica-rsa']) {
  for (const h of ['sha1', 'sha256', 'sha384', 'sha512']) certHashes[`${h}(${id})`] = createHash(h).update(castCert(id)).digest('hex');
  const tbs = child(decode(castCert(id)), 0);
  const off = tbs.children[0]!.cls === 3 ? 1 : 0;
  const issuer = tbs.children[off + 2]!.raw;
  const serial = tbs.children[off]!.raw;
  issuerSerials[id] = hex(Uint8Array.from([0x30, ...lengthOf(issuer.length + serial.length), ...issuer, ...serial]));
}
function lengthOf(n: number): number[] {
  return n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff];
}

const DECODERS: Record<string, [string, (v: Node) => unknown]> = {
  receiptRequest: [OID.receiptRequest, ess.receiptRequest],
  contentHints: [OID.contentHint, ess.contentHints],
  contentReference: [OID.contentReference, ess.contentReference],
  securityLabel: [OID.securityLabel, ess.securityLabel],
  equivalentLabels: [OID.equivalentLabels, ess.equivalentLabels],
  mlExpansionHistory: [OID.mlExpansionHistory, ess.mlExpansionHistory],
  signingCertificate: [OID.signingCertificate, (v) => ess.signingCertificate(v, certHashes, false)],
  signingCertificateV2: [OID.signingCertificateV2, (v) => ess.signingCertificate(v, certHashes, true)],
  encryptionKeyPreference: [OID.encrypKeyPref, (v) => ess.encryptionKeyPreference(v, issuerSerials)],
  msgSigDigest: [OID.msgSigDigest, (v) => hex(v.value)],
};

/** The outermost CMS of a sample: the DER file itself, or the base64 body of a pkcs7-mime .eml. */
function outerCms(s: Sample): Uint8Array {
  if (s.format !== 'smime') return der(s);
  const text = Buffer.from(der(s)).toString('latin1');
  const body = text.slice(text.indexOf('\r\n\r\n') + 4);
  return new Uint8Array(Buffer.from(body, 'base64'));
}

const essSamples = manifest.samples.filter((s) => s.attributes && s.contentType === 'signedData');

describe('ESS attributes decode to what the manifest says', () => {
  it('there are ESS samples for every attribute of RFC 2634/5035 and 8551 2.5.3', () => {
    const names = new Set(essSamples.flatMap((s) => Object.keys(s.attributes ?? {})));
    for (const n of [...Object.keys(DECODERS), 'receipt']) expect(names, n).toContain(n);
  });

  for (const s of essSamples) {
    it(s.id, () => {
      const { attrs } = signedAttributes(outerCms(s));
      for (const [name, expected] of Object.entries(s.attributes ?? {})) {
        if (name === 'receipt') {
          expect(ess.receipt(decode(eContent(der(s))))).toEqual(expected);
          continue;
        }
        const entry = DECODERS[name];
        if (!entry) throw new Error(`no decoder for ${name}`);
        const values = attrs.get(entry[0]);
        expect(values, `${name} present`).toBeDefined();
        expect(values!.length, `${name} has one value`).toBe(1);
        expect(entry[1](values![0]!)).toEqual(expected);
      }
    });
  }
});

describe('the signed-receipt round trip', () => {
  const receiptSample = manifest.samples.find((s) => s.inputs.receiptFor)!;
  const original = manifest.samples.find((s) => s.id === receiptSample.inputs.receiptFor)!;

  it('is linked in the manifest', () => {
    expect(receiptSample).toBeDefined();
    expect(original.features).toContain('ess-receipt-request');
  });

  it('msgSigDigest is SHA-256 of the original signer\'s DER signed attributes, re-tagged as SET OF', () => {
    const o = signedAttributes(der(original));
    const signedSet = Uint8Array.from([0x31, ...o.raw.subarray(1)]);
    const r = signedAttributes(der(receiptSample));
    const msgSigDigest = r.attrs.get(OID.msgSigDigest)![0]!.value;
    expect(hex(msgSigDigest)).toBe(createHash('sha256').update(signedSet).digest('hex'));
  });

  it('the Receipt names the original\'s content type, content identifier and signature value', () => {
    const o = signedAttributes(der(original));
    const rr = ess.receiptRequest(o.attrs.get(OID.receiptRequest)![0]!) as { signedContentIdentifier: string };
    const receipt = ess.receipt(decode(eContent(der(receiptSample)))) as Record<string, unknown>;
    expect(receipt).toEqual({ version: 1, contentType: OID.data, signedContentIdentifier: rr.signedContentIdentifier, originatorSignatureValue: hex(o.signature) });
    const r = signedAttributes(der(receiptSample));
    expect(oidOf(r.attrs.get(OID.contentType)![0]!)).toBe(OID.receipt);
  });
});
