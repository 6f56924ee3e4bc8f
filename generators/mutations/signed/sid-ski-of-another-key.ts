/**
 * A version 3 SignerInfo whose subjectKeyIdentifier is Bob's (his RSA key), while Alice signed and
 * only Alice's certificate is carried. Re-signed. A receiver that ignores the sid and tries the
 * certificates at hand attributes the signature to a key the sid does not name.
 */
import { ctxPrimitive } from '../../../core/der/encode.ts';
import type { Mutation } from '../mutation.ts';
import { aliceSignedData } from './common.ts';

export const sidSkiOfAnotherKey: Mutation = {
  id: 'invalid/signed/sid-ski-of-another-key',
  description: 'subjectKeyIdentifier sid naming Bob\'s key on Alice\'s signature, only Alice\'s certificate carried, re-signed; a receiver that tries any certificate at hand accepts it',
  stage: 'before',
  base: 'signed-data/rsa-sha256/sid-ski',
  requirements: ['rfc8550/2.3/include-own-and-issuer-certificates'],
  flag: 'SignerNotFound',
  expected: 'invalid',
  apply: ({ ctx }) => ({ bytes: aliceSignedData(ctx, { sid: 'ski', defects: { sid: ctxPrimitive(0, ctx.cast.get('bob-rsa').ski) } }) }),
};
