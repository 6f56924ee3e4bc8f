/**
 * Legacy algorithms under the current profile. RFC 8551 Appendix B lists what S/MIME 4.0 dropped:
 * MD5 and SHA-1 digests, DSA (with SHA-1 or SHA-256), RC2/40, DES-EDE3-CBC. A current agent
 * should not send them; the v3 profile requires some of them, so the rule is silent there.
 */
import { OID } from '../../core/oids.ts';
import { where, type CheckContext } from '../context.ts';
import type { AlgorithmIdentifier } from '../cms/fields.ts';

const LEGACY: Readonly<Record<string, string>> = {
  [OID.md5]: 'MD5',
  [OID.sha1]: 'SHA-1',
  [OID.sha1WithRSAEncryption]: 'RSA with SHA-1',
  [OID.dsa]: 'DSA',
  [OID.dsaWithSha1]: 'DSA with SHA-1',
  [OID.dsaWithSha256]: 'DSA with SHA-256',
  [OID.ecdsaWithSha1]: 'ECDSA with SHA-1',
  [OID.rc2Cbc]: 'RC2',
  [OID.desEde3Cbc]: 'DES-EDE3-CBC',
  [OID.cms3DESwrap]: 'Triple-DES key wrap',
  [OID.cmsRC2wrap]: 'RC2 key wrap',
  [OID.hmacSha1]: 'HMAC-SHA1',
};

export function checkLegacyAlgorithm(ctx: CheckContext, a: AlgorithmIdentifier): void {
  if (ctx.profile !== 'current') return;
  const name = LEGACY[a.oid];
  ctx.check('cmsi/legacy-algorithm', !name, name ? `${name} is dropped from S/MIME 4.0 (RFC 8551 Appendix B)` : 'algorithm is current', where(a.at));
}
