/**
 * Shared pieces of the encoding mutations. `resign` rebuilds the base SignedData with the
 * SignedData builder (one RSA-SHA256 signer, as all the bases used here have) and one defect
 * hook, so the signature is valid over the defective bytes and only the defect is wrong. The extra
 * signed attributes (beyond content-type and message-digest, which the builder computes) are
 * taken from the base message as they are; with no defect the result is the base byte for byte.
 */
import { concat, oidContent } from '../../../core/der/encode.ts';
import { readDer, type DerNode } from '../../../core/der/reader.ts';
import { OID } from '../../../core/oids.ts';
import { buildSignedData, type SignerDefects } from '../../cms/signed-data.ts';
import type { MutationInput } from '../mutation.ts';

const RSA_SHA256 = { kind: 'rsa-pkcs1-sha', digest: 'sha256' } as const;

const slice = (b: Uint8Array, n: DerNode): Uint8Array => b.subarray(n.offset, n.end);

/** ContentInfo / [0] / SignedData: the nodes the mutations here refer to. */
export function signedDataParts(bytes: Uint8Array): { certificates: DerNode | null; signerInfo: DerNode; signedAttrs: DerNode | null } {
  const root = readDer(bytes, { allowTrailing: true }).root;
  const sd = root?.children[1]?.children[0];
  if (!sd) throw new Error('encoding mutation: base is not a ContentInfo with SignedData');
  const certificates = sd.children.find((c) => c.cls === 'context' && c.tag === 0) ?? null;
  const signerInfo = sd.children[sd.children.length - 1]?.children[0];
  if (!signerInfo) throw new Error('encoding mutation: base has no SignerInfo');
  const signedAttrs = signerInfo.children.find((c) => c.cls === 'context' && c.tag === 0) ?? null;
  return { certificates, signerInfo, signedAttrs };
}

/** Whether an encoded Attribute has the given attrType. */
export function isAttr(attr: Uint8Array, type: string): boolean {
  const n = readDer(attr).root?.children[0];
  if (!n) return false;
  const c = attr.subarray(n.contentOffset, n.contentOffset + n.length);
  return Buffer.from(c).equals(Buffer.from(oidContent(type)));
}

/** Rebuilds the base SignedData with `defects` on its (single) signer and signs it again. */
export function resign(input: MutationInput, defects: SignerDefects): Uint8Array {
  const { base, built, ctx } = input;
  const signerId = built.signers?.[0];
  if (!signerId || built.signers!.length !== 1 || !built.content) throw new Error('encoding mutation: base must have one signer and a content');
  const identity = ctx.cast.get(signerId);
  const { certificates, signedAttrs } = signedDataParts(base);
  const extra = (signedAttrs?.children ?? []).map((a) => slice(base, a))
    .filter((a) => !isAttr(a, OID.contentType) && !isAttr(a, OID.messageDigest));
  return buildSignedData({
    content: ctx.content(built.content),
    ...(built.detached ? { detached: true } : {}),
    signers: [{ identity, signature: RSA_SHA256, signedAttrs: extra, defects }],
    certificates: (certificates?.children ?? []).map((c) => slice(base, c)),
  }, ctx.rnd);
}

/** Replaces the attribute of the given type in the list the attrs hook receives. */
export const replaceAttr = (type: string, replacement: Uint8Array) => (attrs: Uint8Array[]): Uint8Array[] =>
  attrs.map((a) => (isAttr(a, type) ? replacement : a));

/** A definite-length TLV with its length in long form of `octets` octets (leading zeros). */
export function longForm(tag: number, content: Uint8Array, octets: number): Uint8Array {
  const len: number[] = [];
  for (let v = content.length, i = 0; i < octets; i++, v = Math.floor(v / 256)) len.unshift(v % 256);
  return concat(Uint8Array.of(tag, 0x80 | octets, ...len), content);
}

/** The encoding with its outermost header replaced by `tag` and a length claim of `claim` octets. */
export function claimLength(encoding: Uint8Array, claim: number, octets: number): Uint8Array {
  const n = readDer(encoding, { allowTrailing: true }).root;
  if (!n) throw new Error('encoding mutation: not BER');
  const len: number[] = [];
  for (let v = claim, i = 0; i < octets; i++, v = Math.floor(v / 256)) len.unshift(v % 256);
  return concat(Uint8Array.of(encoding[0]!, 0x80 | octets, ...len), encoding.subarray(n.contentOffset));
}

