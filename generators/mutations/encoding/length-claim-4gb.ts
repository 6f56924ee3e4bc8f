/**
 * The outer ContentInfo claims a length of 4 GiB - 1 (84 FF FF FF FF). Added to an offset, such a
 * length overflows 32-bit arithmetic; a parser that computes offset + length in 32 bits wraps
 * around to a small end and reads garbage, one that allocates by the claim exhausts memory.
 */
import type { Mutation } from '../mutation.ts';
import { claimLength } from './common.ts';

export const lengthClaim4gb: Mutation = {
  id: 'invalid/encoding/length-claim-4gb',
  description: 'Outer ContentInfo length claims 0xFFFFFFFF octets; a parser whose offset + length wraps in 32 bits, or that allocates by the claim, is caught',
  stage: 'after',
  base: 'signed-data/rsa-sha256/attached',
  requirements: ['rfc5652/3/content-info-outer-type'],
  flag: 'LengthOverflow',
  expected: 'invalid',
  apply: ({ base }) => ({ bytes: claimLength(base, 0xffffffff, 4) }),
};
