/**
 * The last automated MUSTs without a case (RFC 5652 9.1, RFC 8551 2.3, RFC 8550 4.4.1): an
 * AuthenticatedData without its mac or without the digestAlgorithm its authAttrs need, an ECDH
 * key wrap weaker than the content cipher, and an issuing CA certificate without
 * basicConstraints.
 */
import { buildEnvelopedData } from '../../cms/enveloped-data.ts';
import { kari, UKM } from '../../cases/common.ts';
import type { Mutation } from '../mutation.ts';
import { nodeAt, removeNode } from '../tlv-edit.ts';
import { BODY } from '../enveloped/common.ts';
import { ivanChain, signedWith } from '../certificates/common.ts';

/** AuthenticatedData ::= SEQUENCE { version, [0] originatorInfo OPTIONAL, recipientInfos, macAlgorithm, [1] digestAlgorithm OPTIONAL, encapContentInfo, [2] authAttrs OPTIONAL, mac, [3] unauthAttrs OPTIONAL }. */
const fieldIndex = (bytes: Uint8Array, pred: (cls: string, tag: number) => boolean): number =>
  nodeAt(bytes, BODY).children.findIndex((c) => pred(c.cls, c.tag));

export const LAST_STATEMENT_MUTATIONS: readonly Mutation[] = [
  {
    id: 'invalid/catalog/authenticated-data-no-mac', description: 'AuthenticatedData that ends after its authAttrs, without the mac OCTET STRING; a receiver that treats a missing MAC as nothing to check accepts unauthenticated content',
    stage: 'after', base: 'authenticated-data/hmac-sha256/auth-attrs', requirements: ['rfc5652/9.1/authenticated-data-asn1-type'], flag: 'AuthAttrsUnboundContent', expected: 'invalid',
    apply: ({ base }) => ({ bytes: removeNode(base, [...BODY, fieldIndex(base, (cls, tag) => cls === 'universal' && tag === 4)]) }),
  },
  {
    id: 'invalid/catalog/authenticated-data-no-digest-algorithm', description: 'AuthenticatedData with authAttrs but the [1] digestAlgorithm removed (RFC 5652 9.1 requires it with authAttrs); a receiver cannot check message-digest, so nothing binds the content to the MAC',
    stage: 'after', base: 'authenticated-data/hmac-sha256/auth-attrs', requirements: ['rfc5652/9.1/digest-algorithm-when-auth-attrs'], flag: 'AuthAttrsUnboundContent', expected: 'invalid',
    apply: ({ base }) => ({ bytes: removeNode(base, [...BODY, fieldIndex(base, (cls, tag) => cls === 'context' && tag === 1)]) }),
  },
  {
    id: 'invalid/catalog/ecdh-aes128-wrap-for-aes256', description: 'ECDH (P-256) EnvelopedData that wraps an AES-256 content key with id-aes128-wrap (RFC 8551 2.3: the wrap matches the content cipher and key size); the 256-bit key is only as strong as the 128-bit wrap',
    stage: 'before', base: 'enveloped-data/ecdh-p256/aes-128-cbc', requirements: ['rfc8551/2.3/ecdh-wrap-matches-content-cipher'], flag: 'WrongKey', expected: 'invalid',
    apply: ({ ctx }) => ({ bytes: buildEnvelopedData({ content: ctx.content('message'), cipher: 'aes-256-cbc', recipients: [kari(ctx.cast, 'bob-p256', { wrap: 'aes128-wrap', ukm: UKM })] }, ctx.rnd) }),
  },
  {
    id: 'invalid/catalog/ca-without-basic-constraints', description: 'Intermediate CA certificate (Ivan) with keyCertSign but no basicConstraints, issuing the signer\'s certificate (RFC 8550 4.4.1: CA certificates contain basicConstraints); a receiver that infers CA-ness from keyUsage accepts any such issuer (RFC 5280 4.2.1.9 states the same twice: a CA certificate carries a critical basicConstraints, and keyCertSign needs cA)',
    // RFC 5280 4.2.1.9 restates RFC 8550 4.4.1 for the issuer (CA certificates carry a critical
    // basicConstraints), and its keyCertSign sentence is the defect itself: keyCertSign without cA.
    stage: 'before', base: 'signed-data/rsa-sha256/attached',
    requirements: ['rfc8550/4.4.1/ca-has-basic-constraints', 'rfc5280/6.1.4/intermediate-is-ca', 'rfc5280/4.2.1.9/ca-basic-constraints-critical', 'rfc5280/4.2.1.9/key-cert-sign-needs-ca'], flag: 'CaWithoutKeyCertSign', expected: 'invalid',
    apply: ({ ctx }) => {
      const chain = ivanChain(ctx, { ca: false, keyUsage: ['keyCertSign', 'cRLSign'] });
      return { bytes: signedWith(ctx, [chain.alice, chain.ivan]) };
    },
  },
];
