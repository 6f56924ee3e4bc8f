/**
 * EnvelopedData version 0 whose only KeyTransRecipientInfo is version 2 (rid subjectKeyIdentifier);
 * RFC 5652 6.1 allows 0 only when every RecipientInfo is version 0. A receiver that takes the
 * outer version as a promise of issuerAndSerialNumber rids, or ignores it, accepts it.
 */
import type { Mutation } from '../mutation.ts';
import { setVersion, VERSION } from './common.ts';

export const envelopedDataV0WithSkiKtri: Mutation = {
  id: 'invalid/enveloped/enveloped-data-v0-with-ski-ktri',
  description: 'EnvelopedData version 0 with a version 2 (subjectKeyIdentifier) KeyTransRecipientInfo (must be 2); a receiver that does not check the version accepts it',
  stage: 'after',
  base: 'enveloped-data/rsa-pkcs1/sid-ski',
  requirements: ['rfc5652/6.1/version-2-otherwise'],
  flag: 'WrongVersion',
  expected: 'invalid',
  apply: ({ base }) => ({ bytes: setVersion(base, VERSION, 0) }),
};
