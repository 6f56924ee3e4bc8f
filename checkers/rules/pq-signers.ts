/**
 * Static rules of RFC 9882 3.3 for an ML-DSA SignerInfo: signatureAlgorithm without parameters,
 * and, with signed attributes, a digest at least twice the collision strength of the parameter
 * set's commitment hash (256 bits for ML-DSA-44, 384 for ML-DSA-65, 512 for ML-DSA-87) whose
 * SHA-512 / SHAKE256 identifier has no parameters. Without signed attributes RFC 9882 says the
 * digestAlgorithm has no meaning, so nothing is checked on it then.
 */
import { OID } from '../../core/oids.ts';
import { where, type CheckContext } from '../context.ts';
import type { SignerInfoView } from '../cms/signed-data.ts';

const COMMITMENT_DIGEST_BITS: Readonly<Record<string, number>> = { [OID.mlDsa44]: 256, [OID.mlDsa65]: 384, [OID.mlDsa87]: 512 };
const NAME: Readonly<Record<string, string>> = { [OID.mlDsa44]: 'ML-DSA-44', [OID.mlDsa65]: 'ML-DSA-65', [OID.mlDsa87]: 'ML-DSA-87' };
const DIGEST_BITS: Readonly<Record<string, number>> = { [OID.sha256]: 256, [OID.sha384]: 384, [OID.sha512]: 512, [OID.shake256]: 512 };

export function checkMlDsaSigner(ctx: CheckContext, si: SignerInfoView): void {
  const s = si.signatureAlgorithm;
  const need = COMMITMENT_DIGEST_BITS[s.oid];
  if (need === undefined) return;
  const name = NAME[s.oid]!;
  ctx.check('rfc9882/3.3/signature-algorithm-ml-dsa-params-absent', s.params === null, s.params === null ? `${name} signatureAlgorithm has no parameters` : `${name} signatureAlgorithm has a parameters field`, where(s.at));
  if (!si.signedAttrs) return;
  const d = si.digestAlgorithm;
  const bits = DIGEST_BITS[d.oid];
  if (bits !== undefined) {
    ctx.check('rfc9882/3.3/digest-twice-commitment-strength', bits >= need, bits >= need ? `a ${bits}-bit digest for ${name}` : `a ${bits}-bit digest is shorter than the ${need} bits ${name} asks for`, where(d.at));
  }
  if (d.oid === OID.sha512 || d.oid === OID.shake256) {
    ctx.check('rfc9882/3.3/digest-params-absent', d.params === null, d.params === null ? 'digestAlgorithm has no parameters' : 'digestAlgorithm has a parameters field', where(d.at));
  }
}
