/**
 * Algorithm identifier rules for SignerInfos (RFC 3370 2-3, RFC 5754 2-3, RFC 4056, RFC 5753 2.1,
 * RFC 8419, RFC 6211): parameters absent, NULL or present as each algorithm RFC requires, digest
 * and signature algorithms that belong together, and CMSAlgorithmProtection agreeing with both.
 */
import { checkMlDsaSigner } from './pq-signers.ts';
import { contentOf } from '../../core/der/reader.ts';
import { decodeSmallInt } from '../../core/der/values.ts';
import { OID } from '../../core/oids.ts';
import { where, type CheckContext } from '../context.ts';
import { encoding, paramsAreNull, type AlgorithmIdentifier } from '../cms/fields.ts';
import type { SignedDataView, SignerInfoView } from '../cms/signed-data.ts';
import { bytesEqual } from '../crypto/certificates.ts';
import { pssParamsProblem } from '../cms/pss-params-shape.ts';

type ParamRule = { readonly rule: string; readonly want: 'absent' | 'null' | 'absent-or-null' | 'present' };

const SHA2 = [OID.sha256, OID.sha384, OID.sha512, '2.16.840.1.101.3.4.2.4'];
const DIGEST_PARAMS: Readonly<Record<string, ParamRule>> = {
  [OID.sha1]: { rule: 'rfc3370/2.1/sha1-params-null-if-present', want: 'absent-or-null' },
  [OID.md5]: { rule: 'rfc3370/2.2/md5-params-null', want: 'null' },
  ...Object.fromEntries(SHA2.map((o) => [o, { rule: 'rfc5754/2/sha2-generate-absent-params', want: 'absent' }])),
  [OID.shake256]: { rule: 'rfc8419/2.3/sha512-shake256-params-absent', want: 'absent' },
  [OID.shake256Len]: { rule: 'rfc8419/2.3/shake256-len-params-present', want: 'present' },
};

/**
 * Second statements on the same digest identifiers, as DigestedData and AuthenticatedData check
 * them (rules/algorithm-params.ts): RFC 3370 2.1, generated SHA-1 identifiers SHOULD leave the
 * parameters out (a warning; NULL is still accepted by sha1-params-null-if-present).
 */
const DIGEST_PARAMS_SECOND: Readonly<Record<string, ParamRule>> = {
  [OID.sha1]: { rule: 'rfc3370/2.1/sha1-generate-absent-params', want: 'absent' },
};

const SIGNATURE_PARAMS: Readonly<Record<string, ParamRule>> = {
  [OID.rsaEncryption]: { rule: 'rfc3370/3.2/rsa-sig-params-null', want: 'null' },
  [OID.sha1WithRSAEncryption]: { rule: 'rfc3370/3.2/rsa-sig-params-null', want: 'null' },
  [OID.sha256WithRSAEncryption]: { rule: 'rfc5754/3.2/rsa-sha2-params-null', want: 'null' },
  [OID.sha384WithRSAEncryption]: { rule: 'rfc5754/3.2/rsa-sha2-params-null', want: 'null' },
  [OID.sha512WithRSAEncryption]: { rule: 'rfc5754/3.2/rsa-sha2-params-null', want: 'null' },
  [OID.dsaWithSha1]: { rule: 'rfc3370/3.1/dsa-with-sha1-params-absent', want: 'absent' },
  [OID.dsaWithSha256]: { rule: 'rfc5754/3.1/dsa-sha2-params-absent', want: 'absent' },
  [OID.ecdsaWithSha256]: { rule: 'rfc5754/3.3/ecdsa-sha2-params-absent', want: 'absent' },
  [OID.ecdsaWithSha384]: { rule: 'rfc5754/3.3/ecdsa-sha2-params-absent', want: 'absent' },
  [OID.ecdsaWithSha512]: { rule: 'rfc5754/3.3/ecdsa-sha2-params-absent', want: 'absent' },
  [OID.ed25519]: { rule: 'rfc8419/2.4/eddsa-sig-params-absent', want: 'absent' },
  [OID.ed448]: { rule: 'rfc8419/2.4/eddsa-sig-params-absent', want: 'absent' },
  [OID.rsassaPss]: { rule: 'rfc4056/2.2/pss-sig-params-present', want: 'present' },
};

function checkParams(ctx: CheckContext, a: AlgorithmIdentifier, table: Readonly<Record<string, ParamRule>>, what: string): void {
  const r = table[a.oid];
  if (!r) return;
  const state = !a.params ? 'absent' : paramsAreNull(a) ? 'null' : 'present';
  const ok = r.want === 'absent-or-null' ? state !== 'present' : state === r.want;
  // Where a catalog entry says receivers must accept (RFC 5754 2 and 3.2), what they must accept
  // is absent or NULL parameters; any other value is still a defect for them too.
  ctx.check(r.rule, ok, ok ? `${what} parameters ${state}` : `${what} ${a.oid} has ${state} parameters, expected ${r.want.replace(/-/g, ' ')}`, where(a.at), undefined, state === 'present' && r.want !== 'present');
}

const ECDSA_HASH: Readonly<Record<string, string>> = { [OID.ecdsaWithSha1]: OID.sha1, [OID.ecdsaWithSha256]: OID.sha256, [OID.ecdsaWithSha384]: OID.sha384, [OID.ecdsaWithSha512]: OID.sha512 };

export function checkSignerAlgorithms(ctx: CheckContext, v: SignedDataView): void {
  // RFC 8419 3.1: with an Ed448 signer using signed attributes, an id-shake256-len in the
  // digestAlgorithms set has its parameter, and it is 512.
  const ed448WithAttrs = v.signerInfos.some((si) => si.signedAttrs && si.signatureAlgorithm.oid === OID.ed448);
  const ed448WithoutAttrs = v.signerInfos.some((si) => !si.signedAttrs && si.signatureAlgorithm.oid === OID.ed448);
  // RFC 8419 3.1: with signed attributes the set SHOULD name the signer's digest (id-sha512 for
  // Ed25519, id-shake256-len for Ed448); the set MAY be empty, so a missing one is a warning.
  const listed = new Set(v.digestAlgorithms.map((d) => d.oid));
  if (v.signerInfos.some((si) => si.signedAttrs && si.signatureAlgorithm.oid === OID.ed25519)) {
    const ok = listed.has(OID.sha512);
    ctx.check('rfc8419/3.1/ed25519-digest-algorithms-include-sha512', ok, ok ? 'digestAlgorithms lists id-sha512 for the Ed25519 signer' : 'digestAlgorithms does not list id-sha512 beside an Ed25519 signer with signed attributes', where(v.digestAlgorithmsAt));
  }
  if (ed448WithAttrs) {
    const ok = listed.has(OID.shake256Len);
    ctx.check('rfc8419/3.1/ed448-digest-algorithms-include-shake256-len', ok, ok ? 'digestAlgorithms lists id-shake256-len for the Ed448 signer' : 'digestAlgorithms does not list id-shake256-len beside an Ed448 signer with signed attributes', where(v.digestAlgorithmsAt));
  }
  for (const d of v.digestAlgorithms) {
    checkParams(ctx, d, DIGEST_PARAMS, 'digestAlgorithms entry');
    checkParams(ctx, d, DIGEST_PARAMS_SECOND, 'digestAlgorithms entry');
    if (ed448WithAttrs && d.oid === OID.shake256Len) checkShake256LenEntry(ctx, d);
    // RFC 8419 3.2: beside an Ed448 signer without signed attributes, a listed id-shake256 has no parameters.
    if (ed448WithoutAttrs && d.oid === OID.shake256) ctx.check('rfc8419/3.2/ed448-digest-algorithms-shake256-no-params', !d.params, d.params ? 'digestAlgorithms id-shake256 has parameters; the field must be absent' : 'digestAlgorithms id-shake256 without parameters', where(d.at));
  }
  for (const si of v.signerInfos) checkSigner(ctx, si);
}

function checkShake256LenEntry(ctx: CheckContext, d: AlgorithmIdentifier): void {
  ctx.check('rfc8419/3.1/ed448-digest-algorithms-shake256-len-params-present', !!d.params, d.params ? 'digestAlgorithms id-shake256-len has its length parameter' : 'digestAlgorithms id-shake256-len has no parameters; with an Ed448 signer using signed attributes they are required', where(d.at));
  if (!d.params) return;
  const n = decodeSmallInt(contentOf(ctx.bytes, d.params));
  const is512 = n.ok && n.value === 512;
  ctx.check('rfc8419/3.1/ed448-digest-algorithms-shake256-len-512', is512, is512 ? 'digestAlgorithms id-shake256-len asks 512 bits' : `digestAlgorithms id-shake256-len parameter is ${n.ok ? n.value : 'not a small INTEGER'}, not 512`, where(d.at));
}

function checkSigner(ctx: CheckContext, si: SignerInfoView): void {
  const d = si.digestAlgorithm;
  const s = si.signatureAlgorithm;
  checkParams(ctx, d, DIGEST_PARAMS, 'digestAlgorithm');
  checkParams(ctx, d, DIGEST_PARAMS_SECOND, 'digestAlgorithm');
  checkParams(ctx, s, SIGNATURE_PARAMS, 'signatureAlgorithm');
  checkMlDsaSigner(ctx, si);
  if (s.oid === OID.dsaWithSha1) {
    ctx.check('rfc3370/3.1/dsa-with-sha1-only', d.oid === OID.sha1, d.oid === OID.sha1 ? 'DSA with SHA-1 digest' : `id-dsa-with-sha1 signature with digest ${d.oid}`, where(d.at));
  }
  const ecdsaHash = ECDSA_HASH[s.oid];
  if (ecdsaHash) ctx.check('rfc5753/2.1.1/ecdsa-sig-hash-matches-digest', d.oid === ecdsaHash, d.oid === ecdsaHash ? 'ECDSA hash matches digestAlgorithm' : `signatureAlgorithm names ${ecdsaHash}, digestAlgorithm is ${d.oid}`, where(s.at));
  if (si.signedAttrs && s.oid === OID.ed25519) ctx.check('rfc8419/3.1/ed25519-signer-digest-sha512', d.oid === OID.sha512, d.oid === OID.sha512 ? 'Ed25519 with SHA-512' : `Ed25519 with signed attributes uses digest ${d.oid}, not id-sha512`, where(d.at));
  // RFC 8419 3.1 and 3.2 restate 2.4 (no parameters for id-Ed25519/id-Ed448) for each case, and 3.1
  // asks the message-digest attribute of an EdDSA signer with signed attributes by name.
  const eddsa = s.oid === OID.ed25519 || s.oid === OID.ed448;
  if (eddsa) ctx.check(si.signedAttrs ? 'rfc8419/3.1/signature-alg-params-absent' : 'rfc8419/3.2/signature-alg-params-absent', !s.params, s.params ? `EdDSA signatureAlgorithm ${s.oid} has parameters; the field must be absent` : 'EdDSA signatureAlgorithm without parameters', where(s.at));
  if (eddsa && si.signedAttrs) {
    const md = si.signedAttrs.attrs.some((a) => a.type === OID.messageDigest);
    ctx.check('rfc8419/3.1/signed-attrs-message-digest', md, md ? 'the EdDSA signer\'s signed attributes include message-digest' : 'the EdDSA signer\'s signed attributes lack message-digest', where(si.signedAttrs.at));
  }
  if (!si.signedAttrs && s.oid === OID.ed448 && d.oid === OID.shake256) ctx.check('rfc8419/3.2/ed448-signer-digest-no-params', !d.params, d.params ? 'the Ed448 signer\'s id-shake256 digestAlgorithm has parameters; the field must be absent' : 'the Ed448 signer\'s id-shake256 has no parameters', where(d.at));
  // RFC 8419 3.2: without signed attributes PureEdDSA signs the content itself, so the named digest
  // is never computed; it is still fixed (id-sha512 for Ed25519, id-shake256 for Ed448), and a
  // verifier that ignores it accepts a SignerInfo whose identifiers another stack rejects.
  if (!si.signedAttrs && s.oid === OID.ed25519) ctx.check('rfc8419/3.2/ed25519-signer-digest-sha512', d.oid === OID.sha512, d.oid === OID.sha512 ? 'Ed25519 without signed attributes names id-sha512' : `Ed25519 without signed attributes names digest ${d.oid}, not id-sha512`, where(d.at));
  if (!si.signedAttrs && s.oid === OID.ed448) ctx.check('rfc8419/3.2/ed448-signer-digest-shake256', d.oid === OID.shake256, d.oid === OID.shake256 ? 'Ed448 without signed attributes names id-shake256' : `Ed448 without signed attributes names digest ${d.oid}${d.oid === OID.shake256Len ? ' (id-shake256-len, the with-attributes identifier)' : ''}, not id-shake256`, where(d.at));
  if (si.signedAttrs && s.oid === OID.ed448) {
    ctx.check('rfc8419/3.1/ed448-signer-digest-shake256-len', d.oid === OID.shake256Len, d.oid === OID.shake256Len ? 'Ed448 with id-shake256-len' : `Ed448 with signed attributes uses digest ${d.oid}, not id-shake256-len`, where(d.at));
    // RFC 8419 2.3 defines id-shake256-len's parameter; 3.1 says again, of the Ed448 signer's own
    // digestAlgorithm, that it MUST be present and MUST be 512: two statements, both cited.
    if (d.oid === OID.shake256Len) ctx.check('rfc8419/3.1/ed448-signer-digest-params-present', !!d.params, d.params ? 'the Ed448 signer\'s id-shake256-len has its length parameter' : 'the Ed448 signer\'s id-shake256-len digestAlgorithm has no parameters (the output length 512 is required)', where(d.at));
    if (d.oid === OID.shake256Len && d.params) {
      const n = decodeSmallInt(contentOf(ctx.bytes, d.params));
      const is512 = n.ok && n.value === 512;
      ctx.check('rfc8419/2.3/shake256-len-param-512', is512, is512 ? 'output length 512' : 'id-shake256-len parameter is not 512', where(d.at));
      ctx.check('rfc8419/3.1/ed448-signer-digest-param-512', is512, is512 ? 'the Ed448 signer\'s id-shake256-len asks 512 bits' : `the Ed448 signer's id-shake256-len parameter is ${n.ok ? n.value : 'not a small INTEGER'}, not 512`, where(d.at));
    }
  }
  if (s.oid === OID.rsassaPss && s.params) {
    const problem = pssParamsProblem(s.params);
    ctx.check('rfc4056/3/signature-algorithm-pss-params', !problem, problem ?? 'signatureAlgorithm parameters are an RSASSA-PSS-params value', where(s.at), 'structure');
  }
  if (s.oid === OID.rsassaPss && si.signedAttrs && s.params) {
    const hashNode = s.params.children.find((c) => c.cls === 'context' && c.tag === 0)?.children[0]?.children[0];
    const pssHash = hashNode ? encoding(ctx, hashNode) : null;
    const digestOid = encoding(ctx, d.at.node.children[0]!);
    const same = pssHash ? bytesEqual(pssHash, digestOid) : d.oid === OID.sha1;
    ctx.check('rfc4056/3/same-hash-content-and-attrs', same, same ? 'PSS hashAlgorithm equals digestAlgorithm' : 'PSS hashAlgorithm differs from the SignerInfo digestAlgorithm', where(s.at));
  }
  const ap = si.signedAttrs?.attrs.find((a) => a.type === OID.cmsAlgorithmProtection)?.values[0];
  if (ap) {
    const [apDigest, ...rest] = ap.children;
    const apSig = rest.find((c) => c.cls === 'context' && c.tag === 1);
    const digestSame = !!apDigest && bytesEqual(encoding(ctx, apDigest), encoding(ctx, d.at.node));
    ctx.check('rfc6211/3.1/digest-mismatch-fails', digestSame, digestSame ? 'CMSAlgorithmProtection digestAlgorithm matches' : 'CMSAlgorithmProtection digestAlgorithm differs from the SignerInfo digestAlgorithm', where(d.at));
    const sigBytes = encoding(ctx, s.at.node);
    const apSigBytes = apSig ? Uint8Array.from(encoding(ctx, apSig)) : null;
    if (apSigBytes) apSigBytes[0] = 0x30; // [1] IMPLICIT AlgorithmIdentifier, compared as a SEQUENCE
    const sigSame = !!apSigBytes && bytesEqual(apSigBytes, sigBytes);
    ctx.check('rfc6211/3.1/signature-alg-mismatch-fails', sigSame, sigSame ? 'CMSAlgorithmProtection signatureAlgorithm matches' : 'CMSAlgorithmProtection signatureAlgorithm is missing or differs from the SignerInfo signatureAlgorithm', where(s.at));
  }
}
