/**
 * Statements on the other content types, one each (RFC 5652 6.1, 7, 8, 9.1-9.3; RFC 2634 1.3.2,
 * 1.3.4; RFC 5084 3.2), and the shapes of the recipient-info and AEAD advisories: DigestedData
 * and EncryptedData with the wrong version or a missing field, EnvelopedData and
 * AuthenticatedData without recipients, a KeyTransRecipientInfo without its encryptedKey and a
 * KeyAgreeRecipientInfo without recipientEncryptedKeys (the NULL-dereference shapes), an
 * AuthenticatedData whose content-type attribute disagrees or repeats, a security label in an
 * EnvelopedData, an oversized GCM nonce, and a msgSigDigest in the outer layer of a triple wrap.
 */
import { setOf } from '../../../core/der/encode.ts';
import { OID } from '../../../core/oids.ts';
import { contentTypeAttr, messageDigestAttr, signingTimeAttr } from '../../cms/attributes.ts';
import { buildDigestedData } from '../../cms/simple-types.ts';
import { msgSigDigestAttr, securityLabelAttr } from '../../ess/attributes.ts';
import { innerEntity } from '../../cases/smime-common.ts';
import type { Mutation } from '../mutation.ts';
import { nodeAt, removeNode, replaceNode } from '../tlv-edit.ts';
import { bobAuthenticated, bobAuthEnveloped, bobEnveloped, BODY, childPath, isAttr, isSet, recipientInfoPath, setVersion, VERSION } from '../enveloped/common.ts';
import { envelopedEntity, LABEL_PSTRING, LABEL_TRIPLE, signedEntity, smimeMessage } from '../ess-mime/common.ts';

const TST_INFO = '1.2.840.113549.1.9.16.1.4';

const m = (id: string, description: string, base: string, requirements: readonly string[], flag: string, stage: 'before' | 'after', apply: Mutation['apply'], expected: 'invalid' | 'acceptable' = 'invalid'): Mutation =>
  ({ id: `invalid/catalog/${id}`, description, stage, base, requirements, flag, expected, apply });

/** The last child of the body (DigestedData.digest, EncryptedData's last field...). */
const lastChild = (bytes: Uint8Array): number[] => [...BODY, nodeAt(bytes, BODY).children.length - 1];

export const OTHER_TYPE_MUTATIONS: readonly Mutation[] = [
  m('digested-data-v2-for-data', 'DigestedData over id-data with version 2 (RFC 5652 7 requires 0); a receiver that ignores the version cannot tell the encapsulated form apart', 'digested-data/sha256',
    ['rfc5652/7/version-0-for-data'], 'WrongVersion', 'after', ({ base }) => ({ bytes: setVersion(base, VERSION, 2) })),
  m('digested-data-v0-for-other', 'DigestedData over id-ct-TSTInfo content with version 0 (RFC 5652 7 requires 2 for content other than id-data)', 'digested-data/sha256',
    ['rfc5652/7/version-2-for-other-content'], 'WrongVersion', 'before',
    ({ ctx }) => ({ bytes: setVersion(buildDigestedData(ctx.content('message'), 'sha256', TST_INFO), VERSION, 0) })),
  m('digested-data-no-digest', 'DigestedData without its digest field; a parser that reads past the end of the SEQUENCE, or treats a missing digest as empty, accepts content nothing protects', 'digested-data/sha256',
    ['rfc5652/7/digested-data-asn1-type'], 'Truncated', 'after', ({ base }) => ({ bytes: removeNode(base, lastChild(base)) })),
  m('encrypted-data-v2-without-attrs', 'EncryptedData version 2 without unprotectedAttrs (RFC 5652 8 requires 0)', 'encrypted-data/aes-128-cbc',
    ['rfc5652/8/version-0-without-unprotected-attrs'], 'WrongVersion', 'after', ({ base }) => ({ bytes: setVersion(base, VERSION, 2) })),
  m('encrypted-data-no-encrypted-content-info', 'EncryptedData holding only its version, without encryptedContentInfo; a parser that dereferences the missing field crashes', 'encrypted-data/aes-128-cbc',
    ['rfc5652/8/encrypted-data-asn1-type'], 'Truncated', 'after', ({ base }) => ({ bytes: removeNode(base, lastChild(base)) })),
  m('enveloped-data-no-recipients', 'EnvelopedData whose recipientInfos SET is empty (RFC 5652 6.1: at least one); a receiver that loops over no recipients reports "no key" instead of a malformed message, or decrypts with a default', 'enveloped-data/rsa-pkcs1/aes-128-cbc',
    ['rfc5652/6.1/at-least-one-recipient-info'], 'RecipientInfoNullShape', 'after', ({ base }) => ({ bytes: replaceNode(base, childPath(base, isSet), setOf()) })),
  m('ktri-without-encrypted-key', 'KeyTransRecipientInfo that ends after keyEncryptionAlgorithm, with no encryptedKey (the NULL-dereference shape of CVE-2026-28389/28390); a parser that assumes the field reads a NULL pointer', 'enveloped-data/rsa-pkcs1/aes-128-cbc',
    ['rfc5652/6.1/enveloped-data-asn1-type'], 'RecipientInfoNullShape', 'after', ({ base }) => {
      const ri = recipientInfoPath(base);
      return { bytes: removeNode(base, [...ri, nodeAt(base, ri).children.length - 1]) };
    }),
  m('kari-without-recipient-encrypted-keys', 'KeyAgreeRecipientInfo whose recipientEncryptedKeys is dropped, ending after keyEncryptionAlgorithm (the KARI NULL-dereference shape of CVE-2026-28389/28390)', 'enveloped-data/ecdh-p256/aes-128-cbc',
    ['rfc5652/6.1/enveloped-data-asn1-type'], 'RecipientInfoNullShape', 'after', ({ base }) => {
      const ri = recipientInfoPath(base);
      const kari = nodeAt(base, ri);
      // [1] KeyAgreeRecipientInfo: version, originator, ukm, keyEncryptionAlgorithm, recipientEncryptedKeys.
      return { bytes: removeNode(base, [...ri, kari.children.length - 1]) };
    }),
  m('authenticated-data-no-recipients', 'AuthenticatedData whose recipientInfos SET is empty (RFC 5652 9.1: at least one); nobody can recover the MAC key, so a receiver that "verifies" it checked nothing', 'authenticated-data/hmac-sha256/auth-attrs',
    ['rfc5652/9.1/at-least-one-recipient-info'], 'RecipientInfoNullShape', 'after', ({ base }) => ({ bytes: replaceNode(base, childPath(base, isSet), setOf()) })),
  m('authenticated-data-content-type-differs', 'AuthenticatedData whose content-type authenticated attribute says id-ct-TSTInfo over id-data content, MAC recomputed; a receiver that trusts the attribute misreads the content', 'authenticated-data/hmac-sha256/auth-attrs',
    ['rfc5652/9.3/content-type-attribute-matches', 'rfc5652/11.1/value-matches-econtent-type'], 'MissingContentTypeAttr', 'before',
    ({ ctx }) => ({ bytes: bobAuthenticated(ctx, true, { attrs: (a) => a.map((x) => (isAttr(x, OID.contentType) ? contentTypeAttr(TST_INFO) : x)) }) })),
  m('authenticated-data-content-type-twice', 'AuthenticatedData with two content-type authenticated attributes, MAC recomputed (RFC 5652 11.1: once in authAttrs)', 'authenticated-data/hmac-sha256/auth-attrs',
    ['rfc5652/11.1/once-in-auth-attrs'], 'ForbiddenAttribute', 'before',
    ({ ctx }) => ({ bytes: bobAuthenticated(ctx, true, { attrs: (a) => [...a, contentTypeAttr(TST_INFO)] }) })),
  m('authenticated-data-message-digest-twice', 'AuthenticatedData with a second message-digest authenticated attribute, MAC recomputed (RFC 5652 11.2: once in authAttrs); a receiver that checks either can be given content matching the other', 'authenticated-data/hmac-sha256/auth-attrs',
    ['rfc5652/11.2/once-in-auth-attrs', 'rfc5652/9.3/message-digest-attribute-matches'], 'AuthAttrsUnboundContent', 'before',
    ({ ctx }) => ({ bytes: bobAuthenticated(ctx, true, { attrs: (a) => [...a, messageDigestAttr(new Uint8Array(32).fill(0x24))] }) })),
  m('authenticated-data-signing-time-twice', 'AuthenticatedData with two signing-time authenticated attributes, MAC recomputed (RFC 5652 11.3: once in authAttrs)', 'authenticated-data/hmac-sha256/auth-attrs',
    ['rfc5652/11.3/once-in-auth-attrs'], 'ForbiddenAttribute', 'before',
    ({ ctx }) => ({ bytes: bobAuthenticated(ctx, true, { attrs: (a) => [...a, signingTimeAttr('2026-01-15T12:00:00Z'), signingTimeAttr('2030-01-01T00:00:00Z')] }) })),
  m('authenticated-data-content-not-bound', 'AuthenticatedData with authAttrs whose message-digest is left out, MAC recomputed over the attributes only, so nothing binds the content (BC CVE-2026-59642 class: content not bound to the MAC when authAttrs are present)', 'authenticated-data/hmac-sha256/auth-attrs',
    ['rfc5652/11.2/present-in-auth-attrs', 'rfc5652/9.1/auth-attrs-include-message-digest', 'rfc5652/9.2/auth-attrs-content-type-and-message-digest'], 'AuthAttrsUnboundContent', 'before',
    ({ ctx }) => ({ bytes: bobAuthenticated(ctx, true, { attrs: (a) => a.filter((x) => !isAttr(x, OID.messageDigest)) }) })),
  m('enveloped-data-security-label', 'EnvelopedData carrying an eSSSecurityLabel among its unprotectedAttrs (RFC 2634 1.3.2 forbids it there); a receiver that applies it trusts a label nobody signed', 'enveloped-data/unprotected-attrs',
    ['rfc2634/1.3.2/security-label-not-in-enveloped-data', 'rfc2634/1.3.4/table-security-label-signed'], 'EssLabelConfusion', 'before',
    ({ ctx }) => ({ bytes: bobEnveloped(ctx, { unprotectedAttrs: [securityLabelAttr(LABEL_PSTRING)] }), recipient: 'bob-rsa' })),
  m('gcm-nonce-64-octets', 'AES-128-GCM AuthEnvelopedData with a 64-octet nonce, correctly encrypted and tagged (OpenSSL CVE-2025-15467: a stack buffer overflow copying an oversized GCM IV); RFC 5084 3.2 recommends 12 octets', 'auth-enveloped-data/aes-128-gcm',
    ['rfc5084/3.2/gcm-nonce-12-octets'], 'OversizedAeadNonce', 'before', ({ ctx }) => ({ bytes: bobAuthEnveloped(ctx, { nonceLength: 64 }) }), 'acceptable'),
  m('msg-sig-digest-outer-layer', 'Triple-wrapped message whose outer SignedData (around the envelope) carries msgSigDigest; RFC 2634 1.3.4 puts it only in the signature of a Receipt', 'ess/triple-wrapped',
    ['rfc2634/1.3.4/table-msg-sig-digest-inner-only'], 'EssReceiptConfusion', 'before', ({ ctx }) => {
      const inner = signedEntity(ctx, 'alice-rsa', innerEntity(), [securityLabelAttr(LABEL_TRIPLE)], 'inner');
      const middle = envelopedEntity(ctx, inner, ['bob-rsa', 'diane-rsa'], 'middle');
      const outer = signedEntity(ctx, 'alice-rsa', middle, [securityLabelAttr(LABEL_TRIPLE), msgSigDigestAttr(new Uint8Array(32).fill(0x33))], 'outer');
      return { bytes: smimeMessage(ctx, 'ess/triple-wrapped', outer) };
    }),
];
