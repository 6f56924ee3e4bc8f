/**
 * Shared pieces of the enveloped mutations (EnvelopedData, AuthEnvelopedData, AuthenticatedData,
 * EncryptedData, DigestedData, CompressedData): the base cases' messages rebuilt with the same
 * builders and one defect hook ('before' mutations), and paths plus small edits into a finished
 * message ('after' mutations). Every edit goes through tlv-edit, so enclosing lengths stay right.
 */
import { createCipheriv } from 'node:crypto';
import { int, oidContent } from '../../../core/der/encode.ts';
import { readDer, type DerNode } from '../../../core/der/reader.ts';
import type { CaseContext } from '../../case.ts';
import { buildAuthEnvelopedData, buildAuthenticatedData, type AuthEnvelopedSpec, type AuthenticatedSpec } from '../../cms/auth-data.ts';
import { blockSize, type CbcKey } from '../../cms/content-encryption.ts';
import { buildEnvelopedData, type EnvelopedDataSpec } from '../../cms/enveloped-data.ts';
import type { KariOptions, PwriOptions } from '../../cms/recipients.ts';
import { kari, ktri, PASSWORD, pwri, UKM } from '../../cases/common.ts';
import { nodeAt, replaceNode, type Path } from '../tlv-edit.ts';

/** The content type's SEQUENCE inside ContentInfo [0]. */
export const BODY: Path = [1, 0];
export const VERSION: Path = [1, 0, 0];

/** Path of the child of the body (or of `parent`) that matches `pred`. */
export function childPath(bytes: Uint8Array, pred: (n: DerNode) => boolean, parent: Path = BODY): Path {
  const i = nodeAt(bytes, parent).children.findIndex(pred);
  if (i < 0) throw new Error(`enveloped mutation: no such field under ${parent.join('/')}`);
  return [...parent, i];
}

export const isSet = (n: DerNode): boolean => n.cls === 'universal' && n.tag === 17;
export const isOctets = (n: DerNode): boolean => n.cls === 'universal' && n.tag === 4;
export const isContext = (tag: number) => (n: DerNode): boolean => n.cls === 'context' && n.tag === tag;

/** recipientInfos[k]: the first SET in the body. */
export const recipientInfoPath = (bytes: Uint8Array, k = 0): Path => [...childPath(bytes, isSet), k];

/** The mac (AuthenticatedData, AuthEnvelopedData) or digest (DigestedData): the last OCTET STRING of the body. */
export function lastOctetsPath(bytes: Uint8Array): Path {
  const cs = nodeAt(bytes, BODY).children;
  for (let i = cs.length - 1; i >= 0; i--) if (isOctets(cs[i]!)) return [...BODY, i];
  throw new Error('enveloped mutation: no OCTET STRING in the body');
}

/** Replaces the INTEGER at `path` (a version) with `value`, checking it is an INTEGER. */
export function setVersion(bytes: Uint8Array, path: Path, value: number): Uint8Array {
  const n = nodeAt(bytes, path);
  if (n.cls !== 'universal' || n.tag !== 2) throw new Error(`enveloped mutation: ${path.join('/')} is not an INTEGER`);
  return replaceNode(bytes, path, int(value));
}

/** The content octets of the node at `path`. */
export function valueAt(bytes: Uint8Array, path: Path): Uint8Array {
  const n = nodeAt(bytes, path);
  return bytes.slice(n.contentOffset, n.contentOffset + n.length);
}

/** Whether an encoded Attribute has the given attrType. */
export function isAttr(attr: Uint8Array, type: string): boolean {
  const t = readDer(attr).root?.children[0];
  return !!t && Buffer.from(attr.subarray(t.contentOffset, t.contentOffset + t.length)).equals(Buffer.from(oidContent(type)));
}

// ------------------------------------------------------------------ the base cases, rebuilt

/** enveloped-data/rsa-pkcs1/aes-128-cbc: Bob by RSA PKCS #1 v1.5, AES-128-CBC, the sample message. */
export function bobEnveloped(ctx: CaseContext, extra: Partial<EnvelopedDataSpec> = {}): Uint8Array {
  return buildEnvelopedData({
    content: ctx.content('message'), cipher: 'aes-128-cbc', recipients: [ktri(ctx.cast, 'bob-rsa', { padding: 'pkcs1' })], ...extra,
  }, ctx.rnd);
}

/** enveloped-data/ecdh-p256/aes-128-cbc: ephemeral-static ECDH to Bob's P-256 key, AES-128 wrap, a ukm. */
export function ecdhEnveloped(ctx: CaseContext, defects: KariOptions['defects']): Uint8Array {
  return buildEnvelopedData({
    content: ctx.content('message'), cipher: 'aes-128-cbc',
    recipients: [kari(ctx.cast, 'bob-p256', { wrap: 'aes128-wrap', ukm: UKM, defects })],
  }, ctx.rnd);
}

/** enveloped-data/pwri/aes-128-cbc: PBKDF2-HMAC-SHA256, 2048 iterations, PWRI-KEK with AES-128-CBC. */
export function pwriEnveloped(ctx: CaseContext, defects: PwriOptions['defects']): Uint8Array {
  return buildEnvelopedData({
    content: ctx.content('message'), cipher: 'aes-128-cbc',
    recipients: [pwri({ password: PASSWORD, iterations: 2048, kekCipher: 'aes-128-cbc', prf: 'hmacWithSHA256', defects })],
  }, ctx.rnd);
}

/** authenticated-data/hmac-sha256/{auth-attrs,no-auth-attrs}: HMAC-SHA256 for Bob (RSA PKCS #1 v1.5). */
export function bobAuthenticated(ctx: CaseContext, withAttrs: boolean, defects: AuthenticatedSpec['defects']): Uint8Array {
  return buildAuthenticatedData({
    content: ctx.content('message'), mac: 'hmac-sha256', authAttrs: withAttrs ? [] : null,
    recipients: [ktri(ctx.cast, 'bob-rsa', { padding: 'pkcs1' })], defects,
  }, ctx.rnd);
}

/** auth-enveloped-data/aes-128-gcm: AES-128-GCM for Bob (RSAES-OAEP SHA-256), no authAttrs. */
export function bobAuthEnveloped(ctx: CaseContext, extra: Partial<AuthEnvelopedSpec> = {}): Uint8Array {
  return buildAuthEnvelopedData({
    content: ctx.content('message'), aead: 'aes-128-gcm', recipients: [ktri(ctx.cast, 'bob-rsa', { padding: 'oaep-sha256' })], ...extra,
  }, ctx.rnd);
}

/**
 * CBC encryption with the key and IV given and the padding octets chosen by `pad` (given the
 * number n of octets RFC 5652 6.3 adds): for the bad-padding mutations, which must use the very
 * CEK and IV the message carries.
 */
export function cbcWithPadding(key: CbcKey, content: Uint8Array, pad: (n: number) => Uint8Array): Uint8Array {
  if (key.cipher === 'rc2-cbc') throw new Error('cbcWithPadding: no RC2');
  const k = blockSize(key.cipher);
  const n = k - (content.length % k);
  const padding = pad(n);
  if ((content.length + padding.length) % k !== 0) throw new Error('cbcWithPadding: padded length is not a whole number of blocks');
  const c = createCipheriv(key.cipher, key.key, key.iv);
  c.setAutoPadding(false);
  return new Uint8Array(Buffer.concat([c.update(Buffer.concat([content, padding])), c.final()]));
}
