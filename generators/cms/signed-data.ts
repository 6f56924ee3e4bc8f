/**
 * SignedData (RFC 5652 5). The builder takes explicit choices (signer identifier kind, signed
 * attributes, certificates, CRLs, DER or BER) and computes what the RFC fixes: versions (5.1, 5.3),
 * the digestAlgorithms set, the message-digest and content-type attributes, the DER SET OF that is
 * signed (5.4). Countersignatures (11.4) reuse the same SignerInfo builder over a signature value.
 */
import { ber, ctxConstructed, ctxPrimitive, derSort, explicit, int, octets, oid, seq, setOf, TAG } from '../../core/der/encode.ts';
import { OID } from '../../core/oids.ts';
import type { Identity } from '../cast.ts';
import type { SeededRandom } from '../random.ts';
import { DIGESTS } from './algorithms.ts';
import { attribute, attributesField, contentTypeAttr, messageDigestAttr, signedAttributesSet } from './attributes.ts';
import { contentInfo, type Encoding } from './content-info.ts';
import { signatureIdentifier, signData, type SignatureChoice } from './signers.ts';

export type SidKind = 'issuerAndSerial' | 'ski';

export interface SignerSpec {
  readonly identity: Identity;
  readonly signature: SignatureChoice;
  readonly sid?: SidKind;
  /**
   * null: no signed attributes, the content itself is signed. Otherwise the attributes to add to
   * content-type (omitted for countersignatures) and message-digest, which the builder computes.
   */
  readonly signedAttrs: readonly Uint8Array[] | null;
  /** Unsigned attributes; a function receives the finished signature (for countersignatures). */
  readonly unsignedAttrs?: (signature: Uint8Array) => readonly Uint8Array[];
  /**
   * The DigestAlgorithmIdentifier to write instead of the default (absent parameters), e.g. SHA-1
   * with NULL parameters as RFC 4134 4.2 has; the digest computed is still `signature.digest`.
   */
  readonly digestAlgorithm?: Uint8Array;
  /**
   * A signature value to write instead of signing, for rebuilding a published message whose
   * signature cannot be recomputed (DSA with a random k); everything else is still computed.
   */
  readonly signatureValue?: Uint8Array;
  /** Deliberate defects for the invalid corpus, applied before signing (so they are signed). */
  readonly defects?: SignerDefects;
}

/**
 * Hooks for `before` mutations (generators/mutations/): each changes one thing that the builder
 * would otherwise compute correctly, and the signature is then computed over the result.
 */
export interface SignerDefects {
  /** Receives content-type, message-digest and the extra attributes; returns what is signed. */
  readonly attrs?: (attrs: Uint8Array[]) => Uint8Array[];
  /** Encodes the SET OF attributes (tag 0x31) itself, e.g. unsorted or with BER inside. */
  readonly encodeAttrs?: (attrs: Uint8Array[]) => Uint8Array;
  /** Sign the [0] IMPLICIT encoding instead of the SET OF (RFC 5652 5.4 says SET OF). */
  readonly signImplicitTag?: boolean;
  readonly version?: number;
  /** An encoded SignerIdentifier to write instead of the signer's. */
  readonly sid?: Uint8Array;
  readonly signatureAlgorithm?: Uint8Array;
  /** Bytes to sign instead of the right ones (the signature is then over the wrong data). */
  readonly signOver?: (right: Uint8Array) => Uint8Array;
}

export interface BuiltSignerInfo {
  readonly encoded: Uint8Array;
  readonly signature: Uint8Array;
  readonly digestIdentifier: Uint8Array;
  readonly version: number;
  /** The DER SET OF signed attributes that was signed (tag 0x31), or null without them. */
  readonly signedAttrsDer: Uint8Array | null;
}

function digestIdentifierFor(spec: SignerSpec): Uint8Array {
  // RFC 8419 3.2: Ed448 without signed attributes names id-shake256 (no length parameter).
  if (spec.digestAlgorithm) return spec.digestAlgorithm;
  if (spec.signature.kind === 'ed448' && spec.signedAttrs === null) return seq(oid(OID.shake256));
  return DIGESTS[spec.signature.digest].identifier;
}

/**
 * One SignerInfo over `content` (the eContent octets, or the signature value being countersigned).
 * `contentType` is null for countersignatures, which carry no content-type attribute (11.4).
 */
export function buildSignerInfo(spec: SignerSpec, content: Uint8Array, contentType: string | null, rnd: SeededRandom): BuiltSignerInfo {
  const d = spec.defects ?? {};
  const sidKind = spec.sid ?? 'issuerAndSerial';
  const version = d.version ?? (sidKind === 'ski' ? 3 : 1);
  const sid = d.sid ?? (sidKind === 'ski' ? ctxPrimitive(0, spec.identity.ski) : spec.identity.issuerAndSerial);
  const digestIdentifier = digestIdentifierFor(spec);
  let signedField: Uint8Array[] = [];
  let toSign = content;
  let signedAttrsDer: Uint8Array | null = null;
  if (spec.signedAttrs !== null) {
    const digest = DIGESTS[spec.signature.digest].digest(content);
    const standard = [
      ...(contentType ? [contentTypeAttr(contentType)] : []),
      messageDigestAttr(digest),
      ...spec.signedAttrs,
    ];
    const attrs = d.attrs ? d.attrs(standard) : standard;
    const set = d.encodeAttrs ? d.encodeAttrs(attrs) : signedAttributesSet(attrs);
    const field = Uint8Array.from(set);
    field[0] = 0xa0; // [0] IMPLICIT SET OF: same bytes, context tag
    signedAttrsDer = set;
    toSign = d.signImplicitTag ? field : set;
    signedField = [field];
  }
  if (d.signOver) toSign = d.signOver(toSign);
  const signature = spec.signatureValue ?? signData(spec.identity, spec.signature, toSign, rnd);
  const unsigned = spec.unsignedAttrs?.(signature) ?? [];
  const encoded = seq(
    int(version),
    sid,
    digestIdentifier,
    ...signedField,
    d.signatureAlgorithm ?? signatureIdentifier(spec.signature),
    octets(signature),
    ...(unsigned.length ? [attributesField(1, unsigned)] : []),
  );
  return { encoded, signature, digestIdentifier, version, signedAttrsDer };
}

/** A countersignature attribute (RFC 5652 11.4) by `spec` over a parent signature value. */
export function countersignatureAttr(spec: SignerSpec, parentSignature: Uint8Array, rnd: SeededRandom): Uint8Array {
  return attribute(OID.countersignature, buildSignerInfo(spec, parentSignature, null, rnd).encoded);
}

export interface SignedDataSpec {
  /** null for a degenerate (certs-only) SignedData with no eContent. */
  readonly content: Uint8Array | null;
  readonly eContentType?: string;
  readonly detached?: boolean;
  readonly signers: readonly SignerSpec[];
  readonly certificates?: readonly Uint8Array[];
  readonly crls?: readonly Uint8Array[];
  readonly encoding?: Encoding;
  /** Chunk size, or the segment sizes, of the constructed eContent OCTET STRING in BER form. */
  readonly berChunk?: number | readonly number[];
  /** BER only: the certificates [0] with an indefinite length too (RFC 4134 4.5 has this). */
  readonly berIndefiniteCertificates?: boolean;
  /** Deliberate defects for the invalid corpus. */
  readonly defects?: { readonly version?: number; readonly digestAlgorithms?: readonly Uint8Array[] };
}

/** RFC 5652 5.1 version rule (no attribute or other-format certificates are ever produced here). */
export function signedDataVersion(eContentType: string, signerVersions: readonly number[]): number {
  return signerVersions.includes(3) || eContentType !== OID.data ? 3 : 1;
}

export function encapContentInfo(eContentType: string, content: Uint8Array | null, encoding: Encoding, chunk: number | readonly number[] = 1024): Uint8Array {
  if (content === null) return seq(oid(eContentType));
  if (encoding === 'der') return seq(oid(eContentType), explicit(0, octets(content)));
  return ber.indefinite(TAG.SEQUENCE, oid(eContentType), ber.indefinite(0xa0, ber.constructedOctets(content, chunk)));
}

/** certificates [0] IMPLICIT CertificateSet, DER-sorted; with an indefinite length if asked (BER). */
function certificatesField(certs: readonly Uint8Array[], indefinite: boolean): Uint8Array {
  return indefinite ? ber.indefinite(0xa0, ...derSort(certs)) : ctxConstructed(0, ...derSort(certs));
}

export function buildSignedData(spec: SignedDataSpec, rnd: SeededRandom): Uint8Array {
  return buildSignedDataDetailed(spec, rnd).bytes;
}

/** The message and its SignerInfos, for cases that refer to a signature (receipts, references). */
export function buildSignedDataDetailed(spec: SignedDataSpec, rnd: SeededRandom): { bytes: Uint8Array; signerInfos: BuiltSignerInfo[] } {
  const eContentType = spec.eContentType ?? OID.data;
  const encoding = spec.encoding ?? 'der';
  const signed = spec.signers.map((s, i) =>
    buildSignerInfo(s, spec.content ?? new Uint8Array(), eContentType, rnd.fork(`signer-${i}`)));
  const uniqueDigests = new Map<string, Uint8Array>();
  for (const s of signed) uniqueDigests.set(Buffer.from(s.digestIdentifier).toString('hex'), s.digestIdentifier);
  const fields = [
    int(spec.defects?.version ?? signedDataVersion(eContentType, signed.map((s) => s.version))),
    setOf(...(spec.defects?.digestAlgorithms ?? uniqueDigests.values())),
    encapContentInfo(eContentType, spec.detached ? null : spec.content, encoding, spec.berChunk),
    ...(spec.certificates?.length ? [certificatesField(spec.certificates, encoding === 'ber' && spec.berIndefiniteCertificates === true)] : []),
    ...(spec.crls?.length ? [ctxConstructed(1, ...derSort(spec.crls))] : []),
    setOf(...signed.map((s) => s.encoded)),
  ];
  const body = encoding === 'der' ? seq(...fields) : ber.indefinite(TAG.SEQUENCE, ...fields);
  return { bytes: contentInfo(OID.signedData, body, encoding), signerInfos: signed };
}
