/**
 * signingCertificateV2 whose ESSCertIDv2 names SHA-384 as hashAlgorithm but carries the SHA-256
 * hash of Alice's certificate, re-signed. A verifier that hashes with SHA-256 whatever the
 * attribute says (or with the length of certHash) accepts a binding the signer did not state.
 */
import { createHash } from 'node:crypto';
import { octets } from '../../../core/der/encode.ts';
import { signingCertificateV2Attr } from '../../ess/attributes.ts';
import { findPath, replaceNode } from '../tlv-edit.ts';
import type { Mutation } from '../mutation.ts';
import { essMessage, essSigner } from './common.ts';

export const signingCertificateV2HashAlgorithm: Mutation = {
  id: 'invalid/ess-mime/signing-certificate-v2-hash-algorithm',
  description: 'signingCertificateV2 with hashAlgorithm SHA-384 but the SHA-256 hash of the signer certificate in certHash, re-signed; a verifier that ignores hashAlgorithm accepts it',
  stage: 'before',
  base: 'ess/signing-certificate-v2/sha384',
  requirements: ['rfc5035/3/v2-cert-hash-mismatch-invalid', 'rfc5035/3/v2-first-certid-is-signer-cert'],
  flag: 'EssSigningCertMismatch',
  expected: 'invalid',
  apply: ({ ctx }) => {
    const alice = ctx.cast.get('alice-rsa');
    const right = signingCertificateV2Attr([{ ...alice, withIssuerSerial: true, hash: 'sha384' }]);
    // certHash is the only 48-octet OCTET STRING of the attribute.
    const certHash = findPath(right, (n) => n.cls === 'universal' && n.tag === 4 && n.length === 48);
    const attr = replaceNode(right, certHash, octets(createHash('sha256').update(alice.certDer).digest()));
    return { bytes: essMessage(ctx, [essSigner(ctx, 'alice-rsa', [attr])]) };
  },
};
