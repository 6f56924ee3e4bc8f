/**
 * The ECDH originatorKey of a P-256 KeyAgreeRecipientInfo with NULL id-ecPublicKey parameters,
 * as legacy senders (Bouncy Castle among them) write it. RFC 5753 7.1.2 says absent or
 * ECParameters, but 3.1.1 allows NULL "to support legacy implementations" (the previous version,
 * RFC 3278, required it): a producer's fault that recipients must accept. The parameters enter
 * neither the KDF nor the wrap (ECC-CMS-SharedInfo, RFC 5753 7.2), so the message still decrypts.
 */
import { nul, oid, seq } from '../../../core/der/encode.ts';
import { OID } from '../../../core/oids.ts';
import type { Mutation } from '../mutation.ts';
import { replaceNode } from '../tlv-edit.ts';
import { recipientInfoPath } from './common.ts';

/** KeyAgreeRecipientInfo originator [0] -> originatorKey [1] -> algorithm AlgorithmIdentifier. */
const algorithmPath = (b: Uint8Array) => [...recipientInfoPath(b), 1, 0, 0];

export const kariEcdhOriginatorNullParams: Mutation = {
  id: 'invalid/enveloped/kari-ecdh-originator-null-params',
  description: 'ECDH originatorKey id-ecPublicKey with NULL parameters, the legacy form RFC 5753 3.1.1 still allows (7.1.2: generate absent); a recipient that rejects it refuses legacy senders',
  stage: 'after',
  base: 'enveloped-data/ecdh-p256/aes-128-cbc',
  requirements: ['rfc5753/7.1.2/ec-public-key-params-absent-or-ecparams'],
  flag: 'LegacyParameterEncoding',
  expected: 'acceptable',
  apply: ({ base }) => ({ bytes: replaceNode(base, algorithmPath(base), seq(oid(OID.ecPublicKey), nul())) }),
};
