/**
 * A detached RSASSA-PSS SignedData, made exactly as the valid one, handed over with a different
 * content file (one word changed). RFC 5652 5.2 signs detached content as if it were attached, so
 * the message-digest must match the content supplied (5.6). A receiver that verifies the
 * signature over the attributes without hashing the external content accepts the swap.
 */
import type { Mutation } from '../mutation.ts';
import { aliceSignedData, PSS256 } from './common.ts';

export const detachedContentSwapped: Mutation = {
  id: 'invalid/signed/detached-content-swapped',
  description: 'Detached signature supplied with another content (one word changed) than the one signed (RFC 5652 5.2, 5.6); a receiver that does not hash the external content accepts the swap',
  stage: 'before',
  base: 'signed-data/rsa-pss-sha256/detached',
  requirements: ['rfc5652/5.6/message-digest-attribute-matches', 'rfc5652/5.2/detached-signed-as-if-present'],
  flag: 'TamperedContent',
  expected: 'invalid',
  apply: ({ ctx }) => {
    const signed = ctx.content('message');
    const swapped = new Uint8Array(Buffer.from(Buffer.from(signed).toString('latin1').replace('sample', 'simple'), 'latin1'));
    return {
      bytes: aliceSignedData(ctx, { signature: PSS256 }, { detached: true }),
      ownContent: { name: 'detached-swapped-message.txt', bytes: swapped },
    };
  },
};
