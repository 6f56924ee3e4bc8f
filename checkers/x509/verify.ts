/**
 * Verifies the signature an issuer put on a certificate or CRL (RFC 5280 4.1.1.3, 5.1.1.3): over
 * the DER of tbsCertificate / tbsCertList, with the algorithm of signatureAlgorithm, under the
 * issuer's public key. Returns true, false, or 'unsupported' for an algorithm (or RSASSA-PSS
 * parameter set) this checker does not implement, which the caller reports as unchecked.
 */
import { constants, verify, type KeyObject } from 'node:crypto';
import { OID } from '../../core/oids.ts';
import { hashName, signatureScheme } from '../crypto/algorithms.ts';
import { pssParams } from '../crypto/signatures.ts';
import type { AlgId } from './fields.ts';

export function verifyIssuerSignature(owner: Uint8Array, tbs: Uint8Array, alg: AlgId, signature: Uint8Array, key: KeyObject): boolean | 'unsupported' {
  const scheme = alg.oid === OID.rsaEncryption ? null : signatureScheme(alg.oid);
  if (!scheme) return 'unsupported';
  try {
    switch (scheme.kind) {
      case 'rsa-pkcs1':
        return scheme.hash ? verify(scheme.hash, tbs, key, signature) : 'unsupported';
      case 'rsa-pss': {
        const p = pssParams(owner, alg.params);
        const hash = p ? hashName(p.hash) : null;
        // Node applies MGF1 with the signature hash only; other combinations are not checked here.
        if (!p || !hash || p.mgf !== OID.mgf1 || p.mgfHash !== p.hash || p.trailer !== 1) return 'unsupported';
        return verify(hash, tbs, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: p.saltLength }, signature);
      }
      case 'ecdsa':
      case 'dsa':
        return verify(scheme.hash, tbs, { key, dsaEncoding: 'der' }, signature);
      case 'eddsa':
        return verify(null, tbs, key, signature);
    }
  } catch {
    return false;
  }
}
