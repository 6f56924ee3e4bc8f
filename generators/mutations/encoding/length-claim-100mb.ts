/**
 * The outer ContentInfo claims a length of 100 MiB (84 06 40 00 00) for a message of about 2 KB.
 * A parser that allocates according to the length claim before checking the input, or that waits
 * for the rest of the stream, is caught (memory exhaustion, hang).
 */
import type { Mutation } from '../mutation.ts';
import { claimLength } from './common.ts';

export const lengthClaim100mb: Mutation = {
  id: 'invalid/encoding/length-claim-100mb',
  description: 'Outer ContentInfo length claims 100 MiB in a 2 KB message; a parser that allocates by the claimed length or waits for more input is caught',
  stage: 'after',
  base: 'signed-data/rsa-sha256/attached',
  requirements: ['rfc5652/3/content-info-outer-type'],
  flag: 'LengthOverflow',
  expected: 'invalid',
  apply: ({ base }) => ({ bytes: claimLength(base, 100 * 1024 * 1024, 4) }),
};
