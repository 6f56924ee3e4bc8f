/**
 * RFC 5652 6.2.1 and 6.2.2: the certificate a RecipientInfo names must hold a key of the kind
 * the RecipientInfo uses, and its keyUsage (when present) must allow that use. The cast has the
 * certificates to show it: Alice's RSA certificate is for signing only (digitalSignature,
 * nonRepudiation), as is Diane's P-256 one, and Bob's P-256 certificate holds a key agreement key.
 * The recipient's own key and certificate are the consumer's inputs (manifest recipient), so
 * the content still decrypts where the key can decrypt it. RFC 5280 4.2.1.12 (a key used only for
 * the purposes its keyUsage and extendedKeyUsage allow) restates the keyUsage half, so each case
 * names that rule too: the checker's recipient purpose check cites it.
 */
import type { Identity } from '../../cast.ts';
import { buildEnvelopedData } from '../../cms/enveloped-data.ts';
import { ecdhRecipient, keyTransRecipient } from '../../cms/recipients.ts';
import { kari, ktri, UKM } from '../../cases/common.ts';
import type { Mutation } from '../mutation.ts';

export const RECIPIENT_CERTIFICATE_MUTATIONS: readonly Mutation[] = [
  {
    id: 'invalid/enveloped/ktri-to-signing-only-certificate',
    description: 'RSA key transport to Alice, whose certificate\'s keyUsage is digitalSignature and nonRepudiation only (no keyEncipherment, RFC 5652 6.2.1); a sender that picks any RSA certificate of the addressee encrypts to a signing key',
    stage: 'before',
    base: 'enveloped-data/rsa-pkcs1/aes-128-cbc',
    requirements: ['rfc5652/6.2.1/key-usage-key-encipherment', 'rfc5280/4.2.1.12/use-consistent-with-key-usage'],
    flag: 'RecipientKeyUsage',
    expected: 'invalid',
    apply: ({ ctx }) => ({
      bytes: buildEnvelopedData({ content: ctx.content('message'), cipher: 'aes-128-cbc', recipients: [ktri(ctx.cast, 'alice-rsa', { padding: 'pkcs1' })] }, ctx.rnd),
      recipient: 'alice-rsa',
    }),
  },
  {
    id: 'invalid/enveloped/kari-to-signing-only-certificate',
    description: 'ECDH key agreement with Diane\'s P-256 key, whose certificate\'s keyUsage is digitalSignature and nonRepudiation only (no keyAgreement, RFC 5652 6.2.2); a sender that takes any EC certificate of the addressee agrees a key with a signing key',
    stage: 'before',
    base: 'enveloped-data/ecdh-p256/aes-128-cbc',
    requirements: ['rfc5652/6.2.2/key-usage-key-agreement', 'rfc5280/4.2.1.12/use-consistent-with-key-usage'],
    flag: 'RecipientKeyUsage',
    expected: 'invalid',
    apply: ({ ctx }) => ({
      bytes: buildEnvelopedData({ content: ctx.content('message'), cipher: 'aes-128-cbc', recipients: [kari(ctx.cast, 'diane-p256', { wrap: 'aes128-wrap', ukm: UKM })] }, ctx.rnd),
      recipient: 'diane-p256',
    }),
  },
  {
    id: 'invalid/enveloped/ktri-rid-names-key-agreement-certificate',
    description: 'KeyTransRecipientInfo whose rid names Bob\'s P-256 certificate (an EC key agreement key, keyUsage keyAgreement), with the content key RSA-encrypted to his RSA key: RFC 5652 6.2.1 requires a key transport key, and RFC 5480 3 forbids keyEncipherment on an EC certificate, so the one defect breaks both 6.2.1 statements (and no key opens the encryptedKey: an EC key cannot decrypt RSA key transport); a sender that matches the recipient by name and not by key type writes it',
    stage: 'before',
    base: 'enveloped-data/rsa-pkcs1/aes-128-cbc',
    requirements: ['rfc5652/6.2.1/certificate-has-key-transport-key', 'rfc5652/6.2.1/key-usage-key-encipherment', 'rfc5280/4.2.1.12/use-consistent-with-key-usage'],
    flag: 'RecipientKeyUsage',
    expected: 'invalid',
    apply: ({ ctx }) => {
      const named: Identity = { ...ctx.cast.get('bob-rsa'), issuerAndSerial: ctx.cast.get('bob-p256').issuerAndSerial };
      const recipient = { kind: 'ktri' as const, version: 0, build: (cek: Uint8Array, rnd: Parameters<typeof keyTransRecipient>[3]) => keyTransRecipient(named, cek, { padding: 'pkcs1' }, rnd) };
      return { bytes: buildEnvelopedData({ content: ctx.content('message'), cipher: 'aes-128-cbc', recipients: [recipient] }, ctx.rnd), recipient: 'bob-p256' };
    },
  },
  {
    id: 'invalid/enveloped/kari-rid-names-key-transport-certificate',
    description: 'KeyAgreeRecipientInfo (ECDH P-256) whose rid names Bob\'s RSA certificate (a key transport key, keyUsage keyEncipherment), the content key wrapped under the KEK agreed with his P-256 key: RFC 5652 6.2.2 requires a key agreement key, and RFC 3279 2.3.1 allows no keyAgreement bit on an RSA certificate, so the one defect breaks both 6.2.2 statements (and the named key agrees no KEK); a sender that matches the recipient by name and not by key type writes it',
    stage: 'before',
    base: 'enveloped-data/ecdh-p256/aes-128-cbc',
    requirements: ['rfc5652/6.2.2/certificate-has-key-agreement-key', 'rfc5652/6.2.2/key-usage-key-agreement', 'rfc5280/4.2.1.12/use-consistent-with-key-usage'],
    flag: 'RecipientKeyUsage',
    expected: 'invalid',
    apply: ({ ctx }) => {
      const named: Identity = { ...ctx.cast.get('bob-p256'), issuerAndSerial: ctx.cast.get('bob-rsa').issuerAndSerial };
      const recipient = { kind: 'kari' as const, version: 3, build: (cek: Uint8Array, rnd: Parameters<typeof ecdhRecipient>[3]) => ecdhRecipient(named, cek, { wrap: 'aes128-wrap', ukm: UKM }, rnd) };
      return { bytes: buildEnvelopedData({ content: ctx.content('message'), cipher: 'aes-128-cbc', recipients: [recipient] }, ctx.rnd), recipient: 'bob-rsa' };
    },
  },
];
