/**
 * Shared pieces of the signed mutations: the signer and SignedData of the base cases rebuilt with
 * the same builders (so a 'before' mutation differs from its base only by its defect), paths into
 * a finished SignedData for 'after' edits, and attribute helpers for the defects.attrs hook.
 */
import { explicit, int, oid, oidContent, seq } from '../../../core/der/encode.ts';
import { readDer, type DerNode } from '../../../core/der/reader.ts';
import { OID } from '../../../core/oids.ts';
import type { CaseContext } from '../../case.ts';
import { DIGESTS, type DigestName } from '../../cms/algorithms.ts';
import { attribute, messageDigestAttr } from '../../cms/attributes.ts';
import { buildSignedData, buildSignedDataDetailed, type SignedDataSpec, type SignerSpec } from '../../cms/signed-data.ts';
import type { SignatureChoice } from '../../cms/signers.ts';
import { buildDigestedData } from '../../cms/simple-types.ts';
import { rsaPssSign, type RsaHash } from '../../crypto/rsa.ts';
import type { SeededRandom } from '../../random.ts';
import { nodeAt, type Path } from '../tlv-edit.ts';

export const RSA256: SignatureChoice = { kind: 'rsa-pkcs1-sha', digest: 'sha256' };
export const PSS256: SignatureChoice = { kind: 'rsa-pss', digest: 'sha256' };

/** Alice's RSA signer as the signed-data/rsa-sha256/* cases have it, plus `extra`. */
export function alice(ctx: CaseContext, extra: Partial<SignerSpec> = {}): SignerSpec {
  return { identity: ctx.cast.get('alice-rsa'), signature: RSA256, signedAttrs: [], ...extra };
}

/**
 * The SignedData of signed-data/rsa-sha256/attached (Alice, RSA PKCS #1 v1.5 with SHA-256, the
 * sample message, Alice's certificate), with the signer and the SignedData spec overridden.
 */
export function aliceSignedData(ctx: CaseContext, signer: Partial<SignerSpec> = {}, spec: Partial<SignedDataSpec> = {}): Uint8Array {
  return buildSignedData({
    content: ctx.content('message'),
    signers: [alice(ctx, signer)],
    certificates: [ctx.cast.get('alice-rsa').certDer],
    ...spec,
  }, ctx.rnd);
}

/** Path of the SignedData inside the ContentInfo. */
export const SIGNED_DATA: Path = [1, 0];
export const SIGNED_DATA_VERSION: Path = [1, 0, 0];

/** Path of SignerInfo `k` (signerInfos is the last field of SignedData). */
export function signerInfoPath(bytes: Uint8Array, k = 0): Path {
  const sd = nodeAt(bytes, SIGNED_DATA);
  return [...SIGNED_DATA, sd.children.length - 1, k];
}

/** Path of the eContent OCTET STRING (encapContentInfo [0] EXPLICIT). */
export const E_CONTENT: Path = [1, 0, 2, 1, 0];

/** The attribute type OID of an encoded Attribute. */
export function attrType(encoded: Uint8Array): string {
  const r = readDer(encoded).root;
  const t = r?.children[0];
  if (!t) throw new Error('not an Attribute');
  const c = encoded.subarray(t.contentOffset, t.contentOffset + t.length);
  return Buffer.from(c).toString('hex');
}

export const isAttr = (encoded: Uint8Array, type: string): boolean => attrType(encoded) === Buffer.from(oidContent(type)).toString('hex');
export const without = (type: string) => (attrs: Uint8Array[]): Uint8Array[] => attrs.filter((a) => !isAttr(a, type));
export const replacing = (type: string, by: Uint8Array) => (attrs: Uint8Array[]): Uint8Array[] => attrs.map((a) => (isAttr(a, type) ? by : a));

/** message-digest of `content` with `digest`. */
export const digestAttr = (digest: DigestName, content: Uint8Array): Uint8Array => messageDigestAttr(DIGESTS[digest].digest(content));

/** A nested, non-id-data content: a DigestedData of the sample message, DER (RFC 5652 7). */
export function digestedDataContent(ctx: CaseContext): Uint8Array {
  const ci = buildDigestedData(ctx.content('message'), 'sha256');
  const r = readDer(ci).root!;
  const body: DerNode = r.children[1]!.children[0]!;
  return ci.slice(body.offset, body.end);
}

/** RSASSA-PSS-params with each field given (RFC 4055 3.1); hash identifiers without parameters. */
export function pssParams(hash: RsaHash, mgfHash: RsaHash, saltLength: number): Uint8Array {
  const h = (name: RsaHash) => seq(oid(OID[name]));
  const fields: Uint8Array[] = [];
  if (hash !== 'sha1') fields.push(explicit(0, h(hash)));
  if (mgfHash !== 'sha1') fields.push(explicit(1, seq(oid(OID.mgf1), h(mgfHash))));
  if (saltLength !== 20) fields.push(explicit(2, int(saltLength)));
  return seq(...fields);
}

export const pssIdentifier = (hash: RsaHash, mgfHash: RsaHash, saltLength: number): Uint8Array =>
  seq(oid(OID.rsassaPss), pssParams(hash, mgfHash, saltLength));

/**
 * Builds `spec` twice: once to learn the DER signed attributes of its first signer, then with that
 * signer's signature value replaced by an RSASSA-PSS signature made with the given hash, MGF1 hash
 * and salt length, whatever its signatureAlgorithm says. The attributes carry no random or time
 * dependent value, so both builds sign the same bytes.
 */
export function withPssSignature(spec: SignedDataSpec, rnd: SeededRandom, used: { hash: RsaHash; mgfHash: RsaHash; saltLength: number }): Uint8Array {
  const first = buildSignedDataDetailed(spec, rnd.fork('first-pass')).signerInfos[0]!;
  const s = spec.signers[0]!;
  if (!first.signedAttrsDer || !s.identity.key) throw new Error('withPssSignature: needs signed attributes and a key');
  const value = rsaPssSign(s.identity.key, used.hash, used.mgfHash, used.saltLength, first.signedAttrsDer, rnd.fork('pss'));
  const second = buildSignedDataDetailed({ ...spec, signers: [{ ...s, signatureValue: value }, ...spec.signers.slice(1)] }, rnd);
  if (!Buffer.from(second.signerInfos[0]!.signedAttrsDer!).equals(Buffer.from(first.signedAttrsDer))) throw new Error('withPssSignature: attributes changed');
  return second.bytes;
}

/** An attribute with several values, sorted as DER SET OF. */
export const multiValued = (type: string, ...values: Uint8Array[]): Uint8Array => attribute(type, ...values);
