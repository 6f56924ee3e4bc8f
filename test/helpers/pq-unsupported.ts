/**
 * The adapter tests of the post-quantum mapping (adapters/stacks/pq-unsupported.ts): the PQ samples
 * a host stack predates, and a control that fails with the same words on an OID that is not
 * post-quantum, which must stay a rejection (the mapping is for "those OIDs", not any unknown one).
 */
import { expect } from 'vitest';
import type { ConsumeVerdict } from '../../adapters/verdict.ts';

export const PQ_SIGNED = [
  'signed-data/ml-dsa-44/attached', 'signed-data/ml-dsa-65/no-signed-attrs', 'signed-data/ml-dsa-87/attached',
  'signed-data/slh-dsa-sha2-128f/attached', 'invalid/post-quantum/ml-dsa-params-present',
] as const;

/** The RSA sample whose SignerInfo signatureAlgorithm becomes an unregistered OID of the same length. */
export const UNKNOWN_OID_CONTROL = 'signed-data/rsa-sha256/attached';
const SHA256_WITH_RSA = Buffer.from('06092a864886f70d01010b', 'hex');

/** sha256WithRSAEncryption (1.2.840.113549.1.1.11) in the SignerInfo becomes 1.2.840.113549.1.1.127. */
export const unknownSignatureOid = (b: Uint8Array): void => {
  const at = Buffer.from(b).lastIndexOf(SHA256_WITH_RSA);
  if (at < 0) throw new Error('no sha256WithRSAEncryption in the sample');
  b[at + SHA256_WITH_RSA.length - 1] = 0x7f;
};

export async function expectPqUnsupported(consume: (id: string) => Promise<ConsumeVerdict>, words: RegExp): Promise<void> {
  for (const id of PQ_SIGNED) {
    const v = await consume(id);
    expect(v.verdict === 'unsupported' ? v.reason : JSON.stringify(v), id).toMatch(/has no (ML-DSA|SLH-DSA)-/);
    if (v.verdict === 'unsupported') expect(v.reason, id).toMatch(words);
  }
}
