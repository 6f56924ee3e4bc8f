/**
 * EnvelopedData (RFC 5652 6) and EncryptedData (RFC 5652 8). The builder draws the CEK and IV from
 * the sample's stream, encrypts the content, and asks each recipient builder to carry the CEK.
 */
import { ctxConstructed, derSort, implicit, int, seq, setOf } from '../../core/der/encode.ts';
import { OID } from '../../core/oids.ts';
import type { SeededRandom } from '../random.ts';
import { attributesField } from './attributes.ts';
import { contentInfo } from './content-info.ts';
import { cbcEncrypt, encryptedContentInfo, newCbcKey, type CbcCipher, type CbcKey } from './content-encryption.ts';

/** A RecipientInfo builder: given the CEK and a stream, the encoded RecipientInfo and its version. */
export interface RecipientBuilder {
  readonly kind: 'ktri' | 'kari' | 'kekri' | 'pwri' | 'ori';
  build(cek: Uint8Array, rnd: SeededRandom): Uint8Array;
  /** RecipientInfo version, for the EnvelopedData version rule. */
  readonly version: number;
}

export interface OriginatorInfoSpec {
  readonly certificates?: readonly Uint8Array[];
  readonly crls?: readonly Uint8Array[];
}

export interface EnvelopedDataSpec {
  readonly content: Uint8Array;
  readonly contentType?: string;
  readonly cipher: CbcCipher;
  readonly recipients: readonly RecipientBuilder[];
  readonly originatorInfo?: OriginatorInfoSpec;
  readonly unprotectedAttrs?: readonly Uint8Array[];
  /** Fixed key (RFC 4134 reproduction); otherwise drawn from the stream. */
  readonly key?: CbcKey;
  /** Deliberate defects for the invalid corpus: encrypt the content another way (e.g. wrong padding) with the same key and IV. */
  readonly defects?: { readonly encrypt?: (key: CbcKey, content: Uint8Array) => Uint8Array };
}

export function originatorInfo(o: OriginatorInfoSpec): Uint8Array {
  return seq(
    ...(o.certificates?.length ? [ctxConstructed(0, ...derSort(o.certificates))] : []),
    ...(o.crls?.length ? [ctxConstructed(1, ...derSort(o.crls))] : []),
  );
}

/**
 * RFC 5652 6.1 version rule. The originatorInfo choices are told by their identifier octet:
 * other certificate [3] or other revocation info [1] make 4, a v2 attribute certificate [2] 3.
 */
export function envelopedDataVersion(spec: Pick<EnvelopedDataSpec, 'originatorInfo' | 'unprotectedAttrs' | 'recipients'>): number {
  const o = spec.originatorInfo;
  if (o && ((o.certificates ?? []).some((c) => c[0] === 0xa3) || (o.crls ?? []).some((c) => c[0] === 0xa1))) return 4;
  if ((o && (o.certificates ?? []).some((c) => c[0] === 0xa2)) || spec.recipients.some((r) => r.kind === 'pwri' || r.kind === 'ori')) return 3;
  if (!spec.originatorInfo && !spec.unprotectedAttrs?.length && spec.recipients.every((r) => r.version === 0)) return 0;
  return 2;
}

export function buildEnvelopedData(spec: EnvelopedDataSpec, rnd: SeededRandom): Uint8Array {
  const key = spec.key ?? newCbcKey(spec.cipher, rnd.fork('cek'));
  const recipients = spec.recipients.map((r, i) => r.build(key.key, rnd.fork(`recipient-${i}`)));
  const ciphertext = spec.defects?.encrypt ? spec.defects.encrypt(key, spec.content) : cbcEncrypt(key, spec.content);
  const body = seq(
    int(envelopedDataVersion(spec)),
    ...(spec.originatorInfo ? [implicit(0, originatorInfo(spec.originatorInfo))] : []),
    setOf(...recipients),
    encryptedContentInfo(spec.contentType ?? OID.data, key, ciphertext),
    ...(spec.unprotectedAttrs?.length ? [attributesField(1, spec.unprotectedAttrs)] : []),
  );
  return contentInfo(OID.envelopedData, body);
}

export interface EncryptedDataSpec {
  readonly content: Uint8Array;
  readonly key: CbcKey;
  readonly unprotectedAttrs?: readonly Uint8Array[];
}

/** EncryptedData (RFC 5652 8): version 2 when unprotectedAttrs are present, else 0. */
export function buildEncryptedData(spec: EncryptedDataSpec): Uint8Array {
  const attrs = spec.unprotectedAttrs ?? [];
  const body = seq(
    int(attrs.length ? 2 : 0),
    encryptedContentInfo(OID.data, spec.key, cbcEncrypt(spec.key, spec.content)),
    ...(attrs.length ? [attributesField(1, attrs)] : []),
  );
  return contentInfo(OID.encryptedData, body);
}
