/**
 * Why an RSASSA-PKCS1-v1_5 signature that does not verify fails, when the cause is in its
 * DigestInfo (RFC 8017 9.2): applying the public key recovers the DigestInfo, and one whose hash
 * AlgorithmIdentifier lacks the NULL parameters, over the right digest, is the signer's fault that
 * RFC 5754 2 names ("PKCS#1 requires that the padding used for RSA signatures MUST use SHA2
 * AlgorithmIdentifiers with NULL parameters"), not a signature over other bytes.
 */
import { constants, publicDecrypt, type KeyObject } from 'node:crypto';
import { contentOf, readDer } from '../../core/der/reader.ts';
import { decodeOid } from '../../core/der/values.ts';
import { digest } from './algorithms.ts';
import { bytesEqual } from './certificates.ts';

export type DigestInfoDiagnosis =
  | { readonly kind: 'absent-params'; readonly oid: string }
  | { readonly kind: 'other' };

/** Inspects the DigestInfo inside `signature` against the digest of `signed`. Never throws. */
export function diagnoseDigestInfo(key: KeyObject, signature: Uint8Array, signed: Uint8Array): DigestInfoDiagnosis {
  let em: Uint8Array;
  try {
    em = new Uint8Array(publicDecrypt({ key, padding: constants.RSA_PKCS1_PADDING }, signature));
  } catch {
    return { kind: 'other' };
  }
  const read = readDer(em);
  const root = read.root;
  if (read.fatal || !root || root.tag !== 16 || root.children.length !== 2) return { kind: 'other' };
  const [alg, value] = root.children;
  if (!alg || alg.tag !== 16 || !value || value.tag !== 4) return { kind: 'other' };
  const oidNode = alg.children[0];
  if (!oidNode || oidNode.tag !== 6 || alg.children.length !== 1) return { kind: 'other' };
  const oid = decodeOid(contentOf(em, oidNode));
  if (!oid.ok) return { kind: 'other' };
  const want = digest(oid.value, signed);
  return want && bytesEqual(want, contentOf(em, value)) ? { kind: 'absent-params', oid: oid.value } : { kind: 'other' };
}
