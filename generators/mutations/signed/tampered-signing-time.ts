/**
 * The signed signing-time changed after signing (2026 became 2025, same length): the content and
 * its digest are intact but the signature over the attributes fails (RFC 5652 5.4). A receiver
 * that checks only the message digest, or verifies before re-reading the attributes, accepts a
 * signing time the signer never signed.
 */
import type { Mutation } from '../mutation.ts';
import { findPath, nodeAt, replaceContent } from '../tlv-edit.ts';
import { signerInfoPath } from './common.ts';

export const tamperedSigningTime: Mutation = {
  id: 'invalid/signed/tampered-signing-time',
  description: 'Signed signing-time changed from 2026 to 2025 after signing, content intact (RFC 5652 5.4); a receiver that checks only the message digest accepts an unsigned time',
  stage: 'after',
  base: 'signed-data/rsa-sha256/signing-time-utc',
  requirements: ['rfc5652/5.4/signed-attrs-digest-set-of-tag'],
  flag: 'TamperedContent',
  expected: 'invalid',
  apply: ({ base }) => {
    const si = signerInfoPath(base);
    const p = findPath(base, (n, path) => n.cls === 'universal' && n.tag === 23 && si.every((x, i) => path[i] === x));
    const n = nodeAt(base, p);
    const t = Buffer.from(base.subarray(n.contentOffset, n.contentOffset + n.length)).toString('latin1');
    if (!t.startsWith('26')) throw new Error(`unexpected signing time ${t}`);
    return { bytes: replaceContent(base, p, new Uint8Array(Buffer.from(`25${t.slice(2)}`, 'latin1'))) };
  },
};
