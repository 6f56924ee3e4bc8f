/**
 * AuthEnvelopedData (RFC 5083 with AES-GCM/CCM per RFC 5084) and AuthenticatedData (RFC 5652 9).
 * Both authenticate attributes as a DER SET OF (tag 0x31) although they are stored [1]/[2] IMPLICIT.
 */
import { createCipheriv, createHmac } from 'node:crypto';
import { implicit, int, octets, oid, seq, setOf, nul, ctxPrimitive } from '../../core/der/encode.ts';
import { OID } from '../../core/oids.ts';
import type { SeededRandom } from '../random.ts';
import { DIGESTS, type DigestName } from './algorithms.ts';
import { attributesField, contentTypeAttr, messageDigestAttr } from './attributes.ts';
import { contentInfo } from './content-info.ts';
import type { RecipientBuilder } from './enveloped-data.ts';
import { encapContentInfo } from './signed-data.ts';

export type AeadName = 'aes-128-gcm' | 'aes-256-gcm' | 'aes-128-ccm' | 'aes-256-ccm';

const AEAD_OID: Record<AeadName, string> = {
  'aes-128-gcm': OID.aes128Gcm, 'aes-256-gcm': OID.aes256Gcm, 'aes-128-ccm': OID.aes128Ccm, 'aes-256-ccm': OID.aes256Ccm,
};

export interface AuthEnvelopedSpec {
  readonly content: Uint8Array;
  readonly aead: AeadName;
  readonly recipients: readonly RecipientBuilder[];
  /** Authenticated attributes; content-type is added when any are present. */
  readonly authAttrs?: readonly Uint8Array[];
  readonly icvLength?: number;
  /** The GCM/CCM nonce length (12 octets by default, as RFC 5084 3.2 recommends for GCM). */
  readonly nonceLength?: number;
}

/**
 * GCMParameters / CCMParameters (RFC 5084 3.1-3.2): nonce (12 bytes recommended) and the ICV length,
 * which DER omits when it is the default 12.
 */
function aeadIdentifier(aead: AeadName, nonce: Uint8Array, icvLen: number): Uint8Array {
  return seq(oid(AEAD_OID[aead]), seq(octets(nonce), ...(icvLen === 12 ? [] : [int(icvLen)])));
}

export function buildAuthEnvelopedData(spec: AuthEnvelopedSpec, rnd: SeededRandom): Uint8Array {
  const keyLen = spec.aead.startsWith('aes-128') ? 16 : 32;
  const cekRnd = rnd.fork('cek');
  const cek = cekRnd.bytes(keyLen);
  const nonce = cekRnd.bytes(spec.nonceLength ?? 12);
  const icvLen = spec.icvLength ?? 16;
  const recipients = spec.recipients.map((r, i) => r.build(cek, rnd.fork(`recipient-${i}`)));
  const authAttrs = spec.authAttrs ? [contentTypeAttr(OID.data), ...spec.authAttrs] : [];
  // RFC 5083 2.2: the AAD is the DER SET OF authAttrs with the EXPLICIT SET OF tag.
  const aad = authAttrs.length ? setOf(...authAttrs) : new Uint8Array();
  const cipher = createCipheriv(spec.aead as 'aes-128-gcm', cek, nonce, { authTagLength: icvLen });
  if (spec.aead.endsWith('ccm')) {
    (cipher as unknown as { setAAD(b: Uint8Array, o: { plaintextLength: number }): void })
      .setAAD(aad, { plaintextLength: spec.content.length });
  } else if (aad.length) {
    cipher.setAAD(aad);
  }
  const ciphertext = new Uint8Array(Buffer.concat([cipher.update(spec.content), cipher.final()]));
  const tag = new Uint8Array(cipher.getAuthTag());
  const body = seq(
    int(0),
    setOf(...recipients),
    seq(oid(OID.data), aeadIdentifier(spec.aead, nonce, icvLen), ctxPrimitive(0, ciphertext)),
    ...(authAttrs.length ? [attributesField(1, authAttrs)] : []),
    octets(tag),
  );
  return contentInfo(OID.authEnvelopedData, body);
}

export type MacName = 'hmac-sha256' | 'hmac-sha1';

export interface AuthenticatedSpec {
  readonly content: Uint8Array;
  readonly mac: MacName;
  readonly recipients: readonly RecipientBuilder[];
  /** null: no authAttrs, the MAC covers the content; else extra attributes beside the required two. */
  readonly authAttrs: readonly Uint8Array[] | null;
  readonly digest?: DigestName;
  /** eContentType of the authenticated content (default id-data). */
  readonly contentType?: string;
  /** Deliberate defects for the invalid corpus, applied before the MAC (so the MAC covers them). */
  readonly defects?: {
    /** Encodes the SET OF authAttrs (tag 0x31) itself, e.g. unsorted; the MAC covers these bytes. */
    readonly encodeAttrs?: (attrs: Uint8Array[]) => Uint8Array;
    /** Rewrites the authenticated attributes (content-type, message-digest, extras). */
    readonly attrs?: (attrs: Uint8Array[]) => Uint8Array[];
    /** MAC over the attributes as stored, [2] IMPLICIT, instead of re-tagged SET OF. */
    readonly macOverImplicitTag?: boolean;
    /** A [1] digestAlgorithm even though there are no authAttrs. */
    readonly digestAlgorithmWithoutAttrs?: boolean;
  };
}

/**
 * HMAC-SHA1 identifier omits parameters (RFC 3370 6.1 SHOULD); id-hmacWithSHA256 carries NULL as
 * PKCS #5 / RFC 8018 B.1.2 define it.
 */
const macIdentifier = (mac: MacName): Uint8Array =>
  mac === 'hmac-sha1' ? seq(oid(OID.hmacSha1)) : seq(oid(OID.hmacWithSHA256), nul());

export function buildAuthenticatedData(spec: AuthenticatedSpec, rnd: SeededRandom): Uint8Array {
  const macKeyLen = spec.mac === 'hmac-sha1' ? 20 : 32;
  const macKey = rnd.fork('mac-key').bytes(macKeyLen);
  const recipients = spec.recipients.map((r, i) => r.build(macKey, rnd.fork(`recipient-${i}`)));
  const digestName = spec.digest ?? (spec.mac === 'hmac-sha1' ? 'sha1' : 'sha256');
  let macInput = spec.content;
  let authFields: Uint8Array[] = [];
  const d = spec.defects ?? {};
  if (spec.authAttrs !== null) {
    // RFC 5652 9.2: with authAttrs, content-type and message-digest MUST be present and the MAC
    // covers the DER SET OF attributes.
    const required = [contentTypeAttr(spec.contentType ?? OID.data), messageDigestAttr(DIGESTS[digestName].digest(spec.content)), ...spec.authAttrs];
    const attrs = d.attrs ? d.attrs(required) : required;
    const set = d.encodeAttrs ? d.encodeAttrs(attrs) : setOf(...attrs);
    macInput = d.macOverImplicitTag ? attributesField(2, attrs) : set;
    authFields = [implicit(1, DIGESTS[digestName].identifier), d.encodeAttrs ? implicit(2, set) : attributesField(2, attrs)];
  } else if (d.digestAlgorithmWithoutAttrs) {
    authFields = [implicit(1, DIGESTS[digestName].identifier)];
  }
  const mac = new Uint8Array(createHmac(spec.mac === 'hmac-sha1' ? 'sha1' : 'sha256', macKey).update(macInput).digest());
  // RFC 5652 9.1: version 0 without originatorInfo.
  const body = seq(
    int(0),
    setOf(...recipients),
    macIdentifier(spec.mac),
    ...authFields.slice(0, 1),
    encapContentInfo(spec.contentType ?? OID.data, spec.content, 'der'),
    ...authFields.slice(1),
    octets(mac),
  );
  return contentInfo(OID.authData, body);
}

