/**
 * Alice's certificate signed with Carl's key but naming "Ivan (intermediate CA)" as issuer, which
 * is not Carl's subject: the name chain of RFC 5280 6.1.3 (a)(4) is broken, so no path reaches the
 * trust anchor by name, although Carl's key verifies the signature.
 */
import type { Mutation } from '../mutation.ts';
import { aliceCertificate, IVAN_NAME, signedWith } from './common.ts';

export const wrongIssuerName: Mutation = {
  id: 'invalid/certificates/wrong-issuer-name',
  description: 'Signer certificate names an issuer (Ivan) other than the CA whose key signed it (RFC 5280 6.1.3); a receiver that chains by key alone accepts it',
  stage: 'before',
  base: 'signed-data/rsa-sha256/attached',
  requirements: ['rfc5280/6.1.3/issuer-name-chains', 'rfc5280/6.1/path-to-trust-anchor'],
  flag: 'WrongIssuerChain',
  expected: 'invalid',
  apply: ({ ctx }) => ({ bytes: signedWith(ctx, [aliceCertificate(ctx, { issuer: IVAN_NAME })]) }),
};
