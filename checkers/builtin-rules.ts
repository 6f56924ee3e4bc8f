/**
 * The checker's own rule ids, for problems that are not one catalog statement: the bytes are not
 * BER at all, or not the ASN.1 the RFC module defines. Their level is MUST because every CMS
 * RFC requires its ASN.1 (RFC 5652 1.1: "the syntax ... is defined using ASN.1").
 */
import type { Layer } from '../core/layers.ts';

export const BUILTIN_RULES = {
  'cmsi/asn1-structure': { layer: 'structure', level: 'MUST', summary: 'Each field has the type, tag and position the RFC ASN.1 module gives it' },
  'cmsi/unknown-content-type': { layer: 'structure', level: 'SHOULD', summary: 'The content type is one this checker knows; others are reported as unchecked, not judged' },
  'cmsi/unknown-ori-type': { layer: 'structure', level: 'SHOULD', summary: 'An OtherRecipientInfo whose oriType this checker does not know (RFC 5652 6.2.5: oriValue is ANY DEFINED BY oriType) is reported as unchecked for that recipient, not judged and not skipped in silence' },
  'cmsi/input-format': { layer: 'encoding', level: 'MUST', summary: 'The input is DER/BER, PEM (CMS or PKCS7), base64 or an S/MIME entity' },
  'cmsi/signature-valid': { layer: 'crypto', level: 'MUST', summary: 'The signature value verifies with the public key of the certificate the signer identifier names (RFC 5652 5.6)' },
  'cmsi/legacy-algorithm': { layer: 'policy', level: 'SHOULD NOT', summary: 'Under the current profile, an algorithm RFC 8551 Appendix B lists as dropped (MD5, SHA-1, DSA, RC2, DES-EDE3) is reported' },
  'cmsi/crypto-unverifiable': { layer: 'crypto', level: 'MUST', summary: 'A signature, MAC or encryption could not be checked (no matching certificate or key, unsupported algorithm): reported as unchecked, never a pass and never a failure' },
  'cmsi/decryption': { layer: 'crypto', level: 'MUST', summary: 'The content decrypts with the recipient key, KEK or password given, with valid padding or tag (RFC 5652 6.2-6.3, RFC 5083 2.2); failures are not told apart, so no padding oracle' },
  'cmsi/mac-valid': { layer: 'crypto', level: 'MUST', summary: 'The MAC recomputed with the recovered authentication key equals the AuthenticatedData mac field (RFC 5652 9.2-9.3)' },
  'cmsi/digest-valid': { layer: 'crypto', level: 'MUST', summary: 'The DigestedData digest equals the digest of the eContent value octets under digestAlgorithm (RFC 5652 7)' },
  'cmsi/decompression': { layer: 'crypto', level: 'MUST', summary: 'The CompressedData eContent is a complete ZLIB stream (RFC 3274 2, RFC 1950) that inflates within the checker\'s 64 MiB bound' },
  'cmsi/mime-part-unchecked': { layer: 'mime', level: 'MUST', summary: 'Every S/MIME part of a multipart/mixed is checked; the checker reads the first one and reports the others as unchecked, never as passed' },
  'cmsi/content-matches': { layer: 'crypto', level: 'MUST', summary: 'The content recovered from the message (decrypted, decompressed or carried) equals the expected content given (--content, manifest inputs.content)' },
} as const satisfies Record<string, { layer: Layer; level: string; summary: string }>;

export type BuiltinRuleId = keyof typeof BUILTIN_RULES;
