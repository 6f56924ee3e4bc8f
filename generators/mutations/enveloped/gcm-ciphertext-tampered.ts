/**
 * AuthEnvelopedData (AES-128-GCM) with one bit of the first ciphertext octet flipped; the tag is
 * unchanged. GCM is a stream mode, so the plaintext differs in exactly that bit: a receiver that
 * decrypts and releases before the tag check (RFC 5083 2) hands out content an attacker chose bit
 * by bit.
 */
import { nodeAt, replaceContent } from '../tlv-edit.ts';
import type { Mutation } from '../mutation.ts';
import { BODY, childPath, valueAt } from './common.ts';

export const gcmCiphertextTampered: Mutation = {
  id: 'invalid/enveloped/gcm-ciphertext-tampered',
  description: 'One bit of the AES-GCM ciphertext flipped after encryption, tag unchanged; a receiver that releases plaintext before checking the tag shows attacker-chosen content',
  stage: 'after',
  base: 'auth-enveloped-data/aes-128-gcm',
  requirements: ['rfc5083/2/verify-before-release'],
  flag: 'TamperedContent',
  expected: 'invalid',
  apply: ({ base }) => {
    // authEncryptedContentInfo: the SEQUENCE after recipientInfos; its [0] IMPLICIT encryptedContent.
    const riIndex = nodeAt(base, BODY).children.findIndex((c) => c.cls === 'universal' && c.tag === 17);
    const eci = [...BODY, riIndex + 1];
    const p = childPath(base, (n) => n.cls === 'context' && n.tag === 0 && !n.constructed, eci);
    const ct = valueAt(base, p);
    ct[0]! ^= 0x01;
    return { bytes: replaceContent(base, p, ct) };
  },
};
