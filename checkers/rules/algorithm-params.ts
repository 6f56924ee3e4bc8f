/**
 * Parameter rules of the algorithms that protect content, decidable from the bytes: content
 * ciphers (RFC 3370 5, RFC 3565 4.1, RFC 5084 3), key wraps (RFC 3370 4.3), key transport (RFC
 * 3370 4.2.1, RFC 3560 3), MAC and digest algorithms (RFC 3370 2, 6; RFC 5754 2) and zlib (RFC
 * 3274 2). Each rule cites its catalog entry; rules the catalog lacks are not invented here.
 */
import { contentOf } from '../../core/der/reader.ts';
import { decodeInteger } from '../../core/der/values.ts';
import { OID } from '../../core/oids.ts';
import { where, type CheckContext } from '../context.ts';
import { paramsAreNull, type AlgorithmIdentifier } from '../cms/fields.ts';
import { CONTENT_CIPHERS, isInteger, parseAeadParams, parseIv, parseOaepParams, parseRc2CbcParams } from '../cms/algorithms.ts';
import { checkLegacyAlgorithm } from './legacy.ts';

type ParamState = 'absent' | 'null' | 'present';
const stateOf = (a: AlgorithmIdentifier): ParamState => (!a.params ? 'absent' : paramsAreNull(a) ? 'null' : 'present');

function want(ctx: CheckContext, rule: string, a: AlgorithmIdentifier, ok: (s: ParamState) => boolean, expected: string, what: string): boolean {
  const s = stateOf(a);
  const good = ok(s);
  return ctx.check(rule, good, good ? `${what} parameters ${s}` : `${what} ${a.oid} has ${s} parameters, expected ${expected}`, where(a.at));
}

const SHA2 = new Set<string>([OID.sha224, OID.sha256, OID.sha384, OID.sha512]);

/** DigestedData and AuthenticatedData digestAlgorithm (RFC 3370 2.1-2.2, RFC 5754 2). */
export function checkDigestAlgorithm(ctx: CheckContext, a: AlgorithmIdentifier, what: string): void {
  checkLegacyAlgorithm(ctx, a);
  if (a.oid === OID.sha1) {
    want(ctx, 'rfc3370/2.1/sha1-params-null-if-present', a, (s) => s !== 'present', 'absent or NULL', what);
    want(ctx, 'rfc3370/2.1/sha1-generate-absent-params', a, (s) => s === 'absent', 'absent', what);
  } else if (a.oid === OID.md5) {
    want(ctx, 'rfc3370/2.2/md5-params-present', a, (s) => s !== 'absent', 'present', what);
    want(ctx, 'rfc3370/2.2/md5-params-null', a, (s) => s === 'null', 'NULL', what);
  } else if (SHA2.has(a.oid)) {
    want(ctx, 'rfc5754/2/sha2-generate-absent-params', a, (s) => s === 'absent', 'absent', what);
  }
}

/** MessageAuthenticationCodeAlgorithm (RFC 3370 6.1). */
export function checkMacAlgorithm(ctx: CheckContext, a: AlgorithmIdentifier): void {
  checkLegacyAlgorithm(ctx, a);
  if (a.oid !== OID.hmacSha1) return;
  want(ctx, 'rfc3370/6.1/hmac-sha1-params-null-if-present', a, (s) => s !== 'present', 'absent or NULL', 'macAlgorithm');
  want(ctx, 'rfc3370/6.1/hmac-sha1-generate-absent', a, (s) => s === 'absent', 'absent', 'macAlgorithm');
}

/** CompressionAlgorithmIdentifier (RFC 3274 2): zlib with its parameters field left out. */
export function checkCompressionAlgorithm(ctx: CheckContext, a: AlgorithmIdentifier): void {
  if (a.oid !== OID.zlibCompress) return;
  want(ctx, 'rfc3274/2/zlib-params-omitted', a, (s) => s === 'absent', 'absent', 'compressionAlgorithm');
}

/**
 * RFC 5084 3.1 (CCM) and 3.2 (GCM) state the same four rules for their parameters; spelled out
 * per mode so each id is quoted where it is checked (checkers/automation.ts counts quoted ids).
 */
const AEAD_RULES = {
  ccm: {
    paramsPresent: 'rfc5084/3.1/ccm-params-present', paramsStructure: 'rfc5084/3.1/ccm-params-structure',
    icvLength12: 'rfc5084/3.1/ccm-icvlen-12', icvLengthMatchesMac: 'rfc5084/3.1/ccm-icvlen-matches-mac',
  },
  gcm: {
    paramsPresent: 'rfc5084/3.2/gcm-params-present', paramsStructure: 'rfc5084/3.2/gcm-params-structure',
    icvLength12: 'rfc5084/3.2/gcm-icvlen-12', icvLengthMatchesMac: 'rfc5084/3.2/gcm-icvlen-matches-mac',
  },
} as const;

/**
 * ContentEncryptionAlgorithmIdentifier parameters. `macLength` is the AuthEnvelopedData mac
 * length, for the ICVlen rules of RFC 5084 (null outside AuthEnvelopedData).
 */
export function checkContentEncryptionAlgorithm(ctx: CheckContext, a: AlgorithmIdentifier, macLength: number | null): void {
  checkLegacyAlgorithm(ctx, a);
  const w = where(a.at);
  const cipher = CONTENT_CIPHERS[a.oid];
  if (a.oid === OID.desEde3Cbc) {
    ctx.check('rfc3370/5.1/3des-cbc-params-present', !!a.params, a.params ? 'des-ede3-cbc parameters present' : 'des-ede3-cbc has no parameters; the IV is required', w);
    if (a.params) {
      const iv = parseIv(ctx.bytes, a, 8);
      ctx.check('rfc3370/5.1/3des-cbc-params-iv', iv.ok, iv.ok ? 'CBCParameter IV of 8 octets' : `des-ede3-cbc ${iv.error}`, w);
    }
  } else if (a.oid === OID.rc2Cbc) {
    ctx.check('rfc3370/5.2/rc2-cbc-params-present', !!a.params, a.params ? 'rc2-cbc parameters present' : 'rc2-cbc has no parameters; RC2CBCParameter is required', w);
    if (a.params) {
      const p = parseRc2CbcParams(ctx.bytes, a);
      ctx.check('rfc3370/5.2/rc2-cbc-params-structure', p.ok, p.ok ? `RC2CBCParameter version ${p.value.version}, 8-octet iv` : `rc2-cbc ${p.error}`, w);
      const v = a.params.children[0];
      if (isInteger(v)) {
        const d = decodeInteger(contentOf(ctx.bytes, v));
        const negative = d.ok && d.value < 0n;
        ctx.check('rfc2630/12.4.2/rc2-cbc-160-two-octets', !negative, negative ? 'rc2ParameterVersion is a negative INTEGER (160 must be encoded 00 A0)' : 'rc2ParameterVersion is a non-negative INTEGER', where({ path: `${a.at.path}.parameters.rc2ParameterVersion`, node: v }));
      }
    }
  } else if (cipher?.mode === 'cbc') {
    // RFC 3565 4.1: AES-IV ::= OCTET STRING (SIZE(16)), a constraint of the ASN.1 type itself.
    const iv = parseIv(ctx.bytes, a, 16);
    if (!iv.ok) ctx.structure(`${a.oid} parameters: ${iv.error} (RFC 3565 4.1 AES-IV ::= OCTET STRING (SIZE(16)))`, w);
  } else if (cipher?.mode === 'gcm' || cipher?.mode === 'ccm') {
    const m = cipher.mode;
    const rule = AEAD_RULES[m];
    ctx.check(rule.paramsPresent, !!a.params, a.params ? `${m.toUpperCase()} parameters present` : `AES-${m.toUpperCase()} has no parameters; ${m.toUpperCase()}Parameters is required`, w);
    if (!a.params) return;
    const p = parseAeadParams(ctx.bytes, a, m);
    ctx.check(rule.paramsStructure, p.ok, p.ok ? `${m.toUpperCase()}Parameters: ${p.value.nonce.length}-octet nonce, ICVlen ${p.value.icvLength}` : p.error, w);
    if (!p.ok) return;
    if (m === 'gcm') ctx.check('rfc5084/3.2/gcm-nonce-12-octets', p.value.nonce.length === 12, `GCM nonce of ${p.value.nonce.length} octets`, w);
    else ctx.check('rfc5084/3.1/ccm-length-field-8', p.value.nonce.length === 7, `CCM nonce of ${p.value.nonce.length} octets (L = ${15 - p.value.nonce.length})`, w);
    ctx.check(rule.icvLength12, p.value.icvLength === 12, `ICVlen ${p.value.icvLength}`, w);
    if (macLength !== null) {
      const same = p.value.icvLength === macLength;
      ctx.check(rule.icvLengthMatchesMac, same, same ? `ICVlen ${macLength} equals the mac length` : `aes-ICVlen ${p.value.icvLength} but the mac has ${macLength} octets`, w);
    }
  }
}

/** A key wrap AlgorithmIdentifier, in kekri or as a kari KeyWrapAlgorithm (RFC 3370 4.3). */
export function checkKeyWrapAlgorithm(ctx: CheckContext, a: AlgorithmIdentifier): void {
  checkLegacyAlgorithm(ctx, a);
  if (a.oid === OID.cms3DESwrap) {
    want(ctx, 'rfc3370/4.3.1/3des-wrap-params-null', a, (s) => s === 'null', 'NULL', 'id-alg-CMS3DESwrap');
  } else if (a.oid === OID.cmsRC2wrap) {
    const p = a.params;
    const isInt = isInteger(p);
    ctx.check('rfc3370/4.3.2/rc2-wrap-params', isInt, isInt ? 'RC2wrapParameter INTEGER present' : 'id-alg-CMSRC2wrap parameters are not an RC2ParameterVersion INTEGER', where(a.at));
    if (isInt) {
      const d = decodeInteger(contentOf(ctx.bytes, p));
      const v = d.ok ? d.value : null;
      ctx.check('rfc3370/4.3.2/rc2-wrap-version-58', v === 58n, v === 58n ? 'RC2ParameterVersion 58 (128-bit KEK)' : `RC2ParameterVersion ${v}, must be 58`, where(a.at));
      ctx.check('rfc2630/12.3.3.2/rc2-wrap-160-two-octets', v !== null && v >= 0n, v !== null && v >= 0n ? 'RC2ParameterVersion is non-negative' : 'RC2ParameterVersion is a negative INTEGER (160 must be encoded 00 A0)', where(a.at));
    }
  }
}

/** KeyTransRecipientInfo keyEncryptionAlgorithm: rsaEncryption NULL (RFC 3370 4.2.1) or RSAES-OAEP-params (RFC 3560 3). */
export function checkKeyTransportAlgorithm(ctx: CheckContext, a: AlgorithmIdentifier): void {
  const w = where(a.at);
  if (a.oid === OID.rsaEncryption) {
    want(ctx, 'rfc3370/4.2.1/rsa-keytrans-params-present', a, (s) => s !== 'absent', 'present', 'rsaEncryption');
    want(ctx, 'rfc3370/4.2.1/rsa-keytrans-params-null', a, (s) => s === 'null', 'NULL', 'rsaEncryption');
  } else if (a.oid === OID.rsaesOaep) {
    ctx.check('rfc3560/3/oaep-params-present', !!a.params, a.params ? 'RSAES-OAEP parameters present' : 'id-RSAES-OAEP has no parameters; RSAES-OAEP-params is required', w);
    if (!a.params) return;
    const p = parseOaepParams(ctx.bytes, a);
    ctx.check('rfc3560/3/oaep-params-structure', p.ok, p.ok ? `RSAES-OAEP-params: ${p.value.hash}, MGF1-${p.value.mgfHash}, ${p.value.label.length}-octet P` : p.error, w);
    if (!p.ok) return;
    const e = p.value.explicitDefaults;
    ctx.check('rfc3560/3/omit-default-hash', !e.hash, e.hash ? 'hashFunc encodes the default SHA-1 instead of being omitted' : 'hashFunc omitted or not the default', w);
    ctx.check('rfc3560/3/omit-default-mgf', !e.mgf, e.mgf ? 'maskGenFunc encodes the default MGF1 with SHA-1 instead of being omitted' : 'maskGenFunc omitted or not the default', w);
    ctx.check('rfc3560/3/omit-default-psource', !e.pSource, e.pSource ? 'pSourceFunc encodes the default empty P instead of being omitted' : 'pSourceFunc omitted or not the default', w);
    if (p.value.explicit.pSource) ctx.check('rfc3560/3/p-source-pspecified', true, 'P conveyed with id-pSpecified', w);
  }
}
