/**
 * Samples that OpenSSL 3.0 (Debian 12's build) cannot process, each with the reason we found.
 * None of them is a defect of the sample: each was checked against the RFC, and each is still
 * parsed by an independent decoder (pkijs) in the tests. The tests assert that OpenSSL still fails
 * on exactly these, so a newer OpenSSL that learns one of them shows up as a test to update.
 */
import { forInstalledVersion } from './openssl-version.ts';

export const OPENSSL_UNSUPPORTED: Readonly<Record<string, string>> = forInstalledVersion({
  'signed-data/ed25519/attached': 'OpenSSL 3.0 cannot verify Ed25519 in CMS: its EdDSA provider refuses the SHA-512 digest ("invalid digest")',
  'signed-data/ed25519/detached': 'OpenSSL 3.0 cannot verify Ed25519 in CMS ("invalid digest")',
  'signed-data/ed448/attached': 'OpenSSL 3.0 does not know id-shake256-len, the digest RFC 8419 3.1 requires for Ed448 with signed attributes',
  'signed-data/ed448/detached': 'OpenSSL 3.0 does not know id-shake256-len (RFC 8419 3.1)',
  'enveloped-data/x25519/aes-128-cbc': 'OpenSSL 3.0 has no X25519 key agreement in CMS (RFC 8418); "no matching recipient"',
  'enveloped-data/x448/aes-256-cbc': 'OpenSSL 3.0 has no X448 key agreement in CMS (RFC 8418); "no matching recipient"',
  'enveloped-data/kek-3des/3des-cbc': 'OpenSSL 3.0 picks an AES key wrap from the KEK length and ignores id-alg-CMS3DESwrap in KEKRecipientInfo, so a 24-byte 3DES KEK is tried as AES-192 wrap',
  'auth-enveloped-data/aes-128-ccm': 'OpenSSL 3.0 CMS supports AES-GCM only in AuthEnvelopedData; AES-CCM parameters fail ("cipher parameter initialisation error")',
  'auth-enveloped-data/aes-256-ccm/auth-attrs': 'OpenSSL 3.0 CMS has no AES-CCM',
  // Debian's 3.0.22 security update decodes and decrypts it: the 3.0.19 failure was OpenSSL's.
  'auth-enveloped-data/aes-256-gcm/auth-attrs': ['OpenSSL 3.0 before 3.0.22 fails with an ASN.1 decoding error ("nested asn1 error" in d.authEnvelopedData) on authAttrs [1] IMPLICIT as RFC 5083 2.1 defines them; the same message without authAttrs decrypts', { before: '3.0.22' }],
  'authenticated-data/hmac-sha256/auth-attrs': 'OpenSSL 3.0 parses AuthenticatedData but cannot process it: -decrypt answers "no matching recipient" for the right key',
  'authenticated-data/hmac-sha1/auth-attrs': 'OpenSSL 3.0 cannot process AuthenticatedData ("no matching recipient" for the right key)',
  'authenticated-data/hmac-sha256/no-auth-attrs': 'OpenSSL 3.0 fails with an ASN.1 decoding error ("nested asn1 error" in d.authenticatedData) when digestAlgorithm is absent, which RFC 5652 9.1 requires when there are no authAttrs',
  'compressed-data/zlib': 'Debian\'s OpenSSL is built without zlib: "unsupported compression algorithm"',
  'smime/pkcs7-mime/compressed-data': 'Debian\'s OpenSSL is built without zlib: "unsupported compression algorithm"',
  'rfc4134/4.6-signed-two-signers': 'OpenSSL 3.0 cannot use DianeDSSSignByCarlInherit.cer, whose DSA key has no parameters (RFC 3279 2.3.2 lets it inherit CarlDSS\'s): "X509_PUBKEY_get0:decode error", then "unspecified certificate verification error" (with -noverify: "int_ctx_new:unsupported algorithm"). The RFC\'s own 4.6.bin fails the same way; both signatures verify with Diane\'s key and CarlDSS\'s parameters',
});
