/**
 * SignedData shapes that RFC 5652 5.2-5.6 and RFC 4056 forbid, and the classes stacks got wrong
 * (data/flags.yaml links the advisories): a SignedData without signers that still carries
 * content, or an empty digestAlgorithms SET; a signature that is not an OCTET STRING; a
 * messageDigest that is not an OCTET STRING; RSASSA-PSS without its parameters.
 */
import { int, oid, seq } from '../../../core/der/encode.ts';
import { OID } from '../../../core/oids.ts';
import { DIGESTS } from '../../cms/algorithms.ts';
import { attribute, contentTypeAttr } from '../../cms/attributes.ts';
import { buildSignedData } from '../../cms/signed-data.ts';
import type { Mutation } from '../mutation.ts';
import { nodeAt, retagNode } from '../tlv-edit.ts';
import { alice, replacing, signerInfoPath, withPssSignature } from '../signed/common.ts';
import { signedDefect } from './common.ts';

/** id-ct-TSTInfo (RFC 3161): a registered content type that is not id-data. */
const TST_INFO = '1.2.840.113549.1.9.16.1.4';

export const SIGNED_STRUCTURE_MUTATIONS: readonly Mutation[] = [
  {
    id: 'invalid/catalog/no-signers-with-econtent',
    description: 'SignedData with zero SignerInfos that still carries eContent (the BC zero-signer class); a receiver that reports "signature verified" when no signer failed accepts unsigned content',
    stage: 'before',
    base: 'signed-data/certs-only',
    requirements: ['rfc5652/5.2/no-signers-econtent-absent'],
    flag: 'ZeroSignerSignedData',
    expected: 'invalid',
    // RFC 2630 5.2 only recommends this; RFC 5652 5.2 requires it.
    profiles: ['current'],
    apply: ({ ctx }) => ({ bytes: buildSignedData({ content: ctx.content('message'), signers: [], certificates: [ctx.cast.get('alice-rsa').certDer] }, ctx.rnd), content: 'message' }),
  },
  {
    id: 'invalid/catalog/no-signers-non-data-type',
    description: 'Degenerate SignedData (no signers, no eContent) whose eContentType is id-ct-TSTInfo, not id-data; a receiver that dispatches on eContentType treats a certificate bag as a time-stamp token',
    stage: 'before',
    base: 'signed-data/certs-only',
    requirements: ['rfc5652/5.2/no-signers-econtent-type-data'],
    flag: 'ZeroSignerSignedData',
    expected: 'invalid',
    // RFC 2630 5.2 only recommends this; RFC 5652 5.2 requires it.
    profiles: ['current'],
    apply: ({ ctx }) => ({ bytes: buildSignedData({ content: null, eContentType: TST_INFO, signers: [], certificates: [ctx.cast.get('alice-rsa').certDer] }, ctx.rnd) }),
  },
  signedDefect({
    name: 'digest-algorithms-empty',
    description: 'SignedData whose digestAlgorithms is an empty SET while its signer uses SHA-256 (OpenSSL CVE-2026-45447: PKCS7_verify freed the caller\'s BIO on this shape); a one-pass verifier has no digest to compute',
    requirements: ['rfc5652/5.3/digest-algorithm-listed'],
    flag: 'EmptyDigestAlgorithmsSet',
    expected: 'acceptable',
    spec: () => ({ defects: { digestAlgorithms: [] } }),
  }),
  {
    id: 'invalid/catalog/signature-bit-string',
    description: 'SignerInfo signature written as a BIT STRING instead of an OCTET STRING; a parser that reads any string type there verifies a field the ASN.1 does not allow',
    stage: 'after',
    base: 'signed-data/rsa-sha256/attached',
    requirements: ['rfc5652/5.5/signature-octet-string', 'rfc5652/5.1/signed-data-asn1-type'],
    flag: 'WrongTag',
    expected: 'invalid',
    apply: ({ base }) => {
      const si = signerInfoPath(base);
      const fields = nodeAt(base, si).children;
      const k = fields.findIndex((c) => c.cls === 'universal' && c.tag === 4);
      return { bytes: retagNode(base, [...si, k], 0x03) };
    },
  },
  signedDefect({
    name: 'message-digest-integer',
    description: 'messageDigest attribute whose value is an INTEGER holding the digest, not an OCTET STRING (OpenSSL CVE-2026-22796 class: a type confusion on the attribute value); a verifier that reads the value octets of any type accepts it',
    requirements: ['rfc5652/5.6/message-digest-attribute-matches'],
    flag: 'AttributeTypeConfusion',
    signer: (ctx) => ({ defects: { attrs: replacing(OID.messageDigest, attribute(OID.messageDigest, int(BigInt(`0x${Buffer.from(sha256(ctx.content('message'))).toString('hex')}`)))) } }),
  }),
  signedDefect({
    name: 'content-type-attr-signed-data',
    description: 'content-type attribute id-signedData over eContentType id-data, re-signed; a receiver that trusts the attribute parses the content as a nested SignedData',
    requirements: ['rfc5652/5.6/content-type-attribute-matches', 'rfc5652/11.1/value-matches-econtent-type'],
    flag: 'ForbiddenAttribute',
    signer: () => ({ defects: { attrs: replacing(OID.contentType, contentTypeAttr(OID.signedData)) } }),
  }),
  {
    id: 'invalid/catalog/pss-params-absent',
    description: 'RSASSA-PSS signatureAlgorithm with its parameters left out (RFC 4056 2.2 requires them), signed with the RFC 4055 defaults (SHA-1, MGF1-SHA-1, 20-octet salt); a verifier that guesses the parameters accepts a signature whose hash the signer never named',
    stage: 'before',
    base: 'signed-data/rsa-pss-sha256/attached',
    requirements: ['rfc4056/2.2/pss-sig-params-present'],
    flag: 'RsaPssParams',
    expected: 'invalid',
    apply: ({ ctx }) => ({
      bytes: withPssSignature({
        content: ctx.content('message'),
        signers: [alice(ctx, { signature: { kind: 'rsa-pss', digest: 'sha1' }, defects: { signatureAlgorithm: seq(oid(OID.rsassaPss)) } })],
        certificates: [ctx.cast.get('alice-rsa').certDer],
      }, ctx.rnd, { hash: 'sha1', mgfHash: 'sha1', saltLength: 20 }),
    }),
  },
];

const sha256 = (b: Uint8Array): Uint8Array => DIGESTS.sha256.digest(b);
