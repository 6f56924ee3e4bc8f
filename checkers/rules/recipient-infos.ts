/**
 * Static rules of RecipientInfos and OriginatorInfo, shared by EnvelopedData (RFC 5652 6),
 * AuthenticatedData (9) and AuthEnvelopedData (RFC 5083): the per-choice versions (6.2.1-6.2.4),
 * the key management algorithm conventions of RFC 3370 4, RFC 3560, RFC 5753 3.1.1 and 7.1.2,
 * RFC 8418 3.2 and RFC 8551 2.3/4.4, and OtherKeyAttribute avoidance (10.2.7).
 */
import { checkKemriStatic, kemRecipientInfo } from '../crypto/kem-recipient.ts';
import { checkAgreementKey } from '../crypto/agreement-keys.ts';
import { OID } from '../../core/oids.ts';
import { where, type CheckContext } from '../context.ts';
import { type AlgorithmIdentifier } from '../cms/fields.ts';
import { CONTENT_CIPHERS, KEY_AGREEMENT, KEY_WRAPS, parseKeyWrapParam, parsePbkdf2Params, parsePwriKekParams, ALG } from '../cms/algorithms.ts';
import type { KariView, OriginatorInfoView, OriginatorPublicKeyView, PwriView, RecipientInfoView, RecipientInfosView } from '../cms/recipient-infos.ts';
import { checkKeyTransportAlgorithm, checkKeyWrapAlgorithm } from './algorithm-params.ts';

export type Container = 'enveloped' | 'authenticated' | 'authEnveloped';

/** What the version rules need to know about originatorInfo (RFC 5652 6.1, 9.1). */
export interface OriginatorFacts {
  readonly present: boolean;
  readonly otherCertsOrCrls: boolean;
  readonly v2AttrCerts: boolean;
}

export function originatorFacts(oi: OriginatorInfoView | null): OriginatorFacts {
  if (!oi) return { present: false, otherCertsOrCrls: false, v2AttrCerts: false };
  const certTag = (t: number) => oi.certs.some((c) => c.cls === 'context' && c.tag === t);
  return {
    present: true,
    otherCertsOrCrls: certTag(3) || oi.crls.some((c) => c.cls === 'context' && c.tag === 1),
    v2AttrCerts: certTag(2),
  };
}

/** RFC 5652 10.2.2: the SHOULD NOTs on CertificateSet entries, for originatorInfo certs. */
export function checkOriginatorInfo(ctx: CheckContext, oi: OriginatorInfoView | null): void {
  if (!oi?.certsAt) return;
  oi.certs.forEach((c, i) => {
    const w = where({ path: `${oi.certsAt!.path}[${i}]`, node: c });
    if (c.cls === 'context' && c.tag === 0) ctx.check('rfc5652/10.2.2/no-pkcs6-extended-certificates', false, 'originatorInfo carries a PKCS #6 extended certificate', w);
    if (c.cls === 'context' && c.tag === 1) ctx.check('rfc5652/10.2.2/no-v1-attribute-certificates', false, 'originatorInfo carries a version 1 attribute certificate', w);
  });
}

const NONEMPTY: Readonly<Record<Container, string>> = {
  enveloped: 'rfc5652/6.1/at-least-one-recipient-info',
  authenticated: 'rfc5652/9.1/at-least-one-recipient-info',
  authEnveloped: 'rfc5083/2.1/recipient-infos-nonempty',
};

export function checkRecipientInfos(ctx: CheckContext, ris: RecipientInfosView, container: Container, contentAlg: AlgorithmIdentifier | null): void {
  ctx.check(NONEMPTY[container], ris.count > 0, ris.count > 0 ? `${ris.count} RecipientInfo${ris.count > 1 ? 's' : ''}` : 'recipientInfos is empty', where(ris.at));
  for (const ri of ris.infos) checkRecipientInfo(ctx, ri, container, contentAlg);
}

function checkVersion(ctx: CheckContext, rule: string, ri: Exclude<RecipientInfoView, { kind: 'ori' }>, expected: number, what: string): void {
  if (ri.version === null) return;
  ctx.check(rule, ri.version === expected, ri.version === expected ? `${what} version ${expected}` : `${what} version ${ri.version}, must be ${expected}`, where(ri.versionAt));
}

function checkRecipientInfo(ctx: CheckContext, ri: RecipientInfoView, container: Container, contentAlg: AlgorithmIdentifier | null): void {
  switch (ri.kind) {
    case 'ktri': {
      const ski = ri.rid.kind === 'ski';
      checkVersion(ctx, ski ? 'rfc5652/6.2.1/version-2-for-subject-key-id' : 'rfc5652/6.2.1/version-0-for-issuer-and-serial', ri, ski ? 2 : 0, `KeyTransRecipientInfo with ${ri.rid.kind}`);
      const a = ri.keyEncryptionAlgorithm;
      checkKeyTransportAlgorithm(ctx, a);
      if (a.oid === OID.rsaesOaep) {
        checkVersion(ctx, ski ? 'rfc3560/2.2/ktri-version-2-for-ski' : 'rfc3560/2.2/ktri-version-0-for-issuer-serial', ri, ski ? 2 : 0, 'RSAES-OAEP KeyTransRecipientInfo');
        const bits = ri.encryptedKey.length * 8;
        ctx.check('rfc3560/2.2/rsa-key-min-1024', bits >= 1024, `encryptedKey of ${ri.encryptedKey.length} octets (a ${bits}-bit modulus)`, where(ri.encryptedKeyAt));
      }
      if (a.oid === OID.rsaEncryption || a.oid === OID.rsaesOaep) {
        const bits = ri.encryptedKey.length * 8;
        ctx.check('rfc8551/4.4/no-encrypt-rsa-under-2048', bits >= 2048, `RSA key transport to a ${bits}-bit key`, where(ri.encryptedKeyAt));
        ctx.check('rfc8551/4.4/encrypt-rsa-2048-to-4096', bits >= 2048 && bits <= 4096, `RSA key transport to a ${bits}-bit key`, where(ri.encryptedKeyAt));
      }
      return;
    }
    case 'kari':
      checkVersion(ctx, 'rfc5652/6.2.2/version-3', ri, 3, 'KeyAgreeRecipientInfo');
      checkKari(ctx, ri, container, contentAlg);
      if (ri.originatorKey) originatorKeyCheck(ctx, ri.originatorKey);
      for (const rek of ri.recipientEncryptedKeys) {
        if (rek.other) ctx.check('rfc5652/10.2.7/avoid-other-key-attribute', false, 'RecipientKeyIdentifier carries an OtherKeyAttribute', where(rek.other));
      }
      return;
    case 'kekri':
      checkVersion(ctx, 'rfc5652/6.2.3/version-4', ri, 4, 'KEKRecipientInfo');
      checkKeyWrapAlgorithm(ctx, ri.keyEncryptionAlgorithm);
      if (ri.other) ctx.check('rfc5652/10.2.7/avoid-other-key-attribute', false, 'KEKIdentifier carries an OtherKeyAttribute', where(ri.other));
      return;
    case 'pwri':
      checkVersion(ctx, 'rfc5652/6.2.4/version-0', ri, 0, 'PasswordRecipientInfo');
      checkVersion(ctx, 'rfc3211/1.2.1/pwri-version-0', ri, 0, 'PasswordRecipientInfo');
      checkPwri(ctx, ri);
      return;
    case 'ori': {
      // KEMRecipientInfo (RFC 9629): version and kekLength, decidable without keys.
      if (ri.oriType === OID.oriKem) {
        const kemri = kemRecipientInfo(ctx, ri.at);
        if (kemri) checkKemriStatic(ctx, kemri);
        return;
      }
      // Any other oriType: RFC 5652 6.2 lets a sender use it and asks recipients to handle it
      // gracefully, so it is no failure; but its oriValue (ANY DEFINED BY oriType) is bytes this
      // checker cannot judge, so it says so for that recipient, whatever the other
      // RecipientInfos and the keys given decide (an ori beside an opened ktri was skipped silently).
      ctx.unchecked('cmsi/unknown-ori-type', `oriType ${ri.oriType} is not a key management technique this checker knows (it knows id-ori-kem, RFC 9629): this recipient's oriValue is not checked; the other RecipientInfos are, as a recipient handling it gracefully would (RFC 5652 6.2)`, where(ri.at));
      return;
    }
  }
}

const AES_WRAP_FOR: Readonly<Record<number, string>> = { 16: OID.aes128Wrap, 24: OID.aes192Wrap, 32: OID.aes256Wrap };
const isX = (oid: string | undefined) => oid === OID.x25519 || oid === OID.x448;

/**
 * RFC 8418 3.2's kari rules, quoted one by one (checkers/automation.ts counts quoted ids); 4.2
 * and 5.2 restate them for AuthenticatedData and AuthEnvelopedData as one entry each.
 */
const X25519_KARI_RULES = {
  'kari-version-3': 'rfc8418/3.2/kari-version-3',
  'originator-key-choice': 'rfc8418/3.2/originator-key-choice',
  'originator-alg-x25519-x448': 'rfc8418/3.2/originator-alg-x25519-x448',
  'originator-key-raw-octets': 'rfc8418/3.2/originator-key-raw-octets',
  'key-encryption-alg': 'rfc8418/3.2/key-encryption-alg',
} as const;

function x25519Rule(container: Container, slug: keyof typeof X25519_KARI_RULES): string {
  if (container === 'enveloped') return X25519_KARI_RULES[slug];
  return container === 'authenticated' ? 'rfc8418/4.2/kari-as-enveloped' : 'rfc8418/5.2/kari-as-enveloped';
}

function checkKari(ctx: CheckContext, ri: KariView, container: Container, contentAlg: AlgorithmIdentifier | null): void {
  const kea = ri.keyEncryptionAlgorithm;
  const scheme = KEY_AGREEMENT[kea.oid];
  const w = where(ri.at);
  const originatorAlg = ri.originatorKey?.algorithm.oid;
  const wrap = parseKeyWrapParam(ctx.bytes, kea);
  if (wrap.ok) checkKeyWrapAlgorithm(ctx, wrap.value);
  if (scheme?.family === 'ecdh' && (isX(originatorAlg) || scheme.kdf === 'hkdf')) {
    // RFC 8418 3.2: X25519 and X448.
    checkVersion(ctx, x25519Rule(container, 'kari-version-3'), ri, 3, 'X25519/X448 KeyAgreeRecipientInfo');
    const isKey = ri.originator.kind === 'originatorKey';
    ctx.check(x25519Rule(container, 'originator-key-choice'), isKey, isKey ? 'originator is originatorKey' : `originator is ${ri.originator.kind}, must be originatorKey`, where(ri.originator.at));
    if (ri.originatorKey) {
      const k = ri.originatorKey;
      ctx.check(x25519Rule(container, 'originator-alg-x25519-x448'), isX(originatorAlg), isX(originatorAlg) ? `originatorKey algorithm ${originatorAlg === OID.x25519 ? 'id-X25519' : 'id-X448'}` : `originatorKey algorithm ${originatorAlg}, expected id-X25519 or id-X448`, where(k.algorithm.at));
      if (isX(originatorAlg)) {
        const want = originatorAlg === OID.x25519 ? 32 : 56;
        ctx.check(x25519Rule(container, 'originator-key-raw-octets'), k.publicKey.length === want, `ephemeral public key of ${k.publicKey.length} octets${k.publicKey.length === want ? '' : `, must be ${want}`}`, where(k.publicKeyAt));
      }
    }
    const aesWrap = wrap.ok && [OID.aes128Wrap, OID.aes192Wrap, OID.aes256Wrap].includes(wrap.value.oid as typeof OID.aes128Wrap);
    ctx.check(x25519Rule(container, 'key-encryption-alg'), aesWrap, aesWrap ? 'keyEncryptionAlgorithm names an X25519/X448 KDF scheme with an AES key wrap' : `keyEncryptionAlgorithm parameters: ${wrap.ok ? `${wrap.value.oid} is not an AES key wrap` : wrap.error}`, where(kea.at));
    checkWrapMatchesContent(ctx, ri, wrap.ok ? wrap.value : null, contentAlg);
  } else if (scheme?.family === 'ecdh') {
    // RFC 5753 3.1.1 and 7.1.2: ephemeral-static ECDH with id-ecPublicKey.
    checkVersion(ctx, 'rfc5753/3.1.1/ecdh-kari-version-3', ri, 3, 'ECDH KeyAgreeRecipientInfo');
    const isKey = ri.originator.kind === 'originatorKey';
    ctx.check('rfc5753/3.1.1/ecdh-originator-key', isKey, isKey ? 'originator is originatorKey' : `originator is ${ri.originator.kind}, must be originatorKey`, where(ri.originator.at));
    if (ri.originatorKey) checkEcOriginatorKey(ctx, ri);
    ctx.check('rfc5753/3.1.1/ecdh-ukm-included', !!ri.ukm, ri.ukm ? `ukm of ${ri.ukm.length} octets` : 'no ukm', w);
    ctx.check('rfc5753/3.1.1/ecdh-key-encryption-alg', wrap.ok, wrap.ok ? `${kea.oid} with KeyWrapAlgorithm ${wrap.value.oid}` : `keyEncryptionAlgorithm parameters: ${wrap.error}`, where(kea.at));
    checkWrapMatchesContent(ctx, ri, wrap.ok ? wrap.value : null, contentAlg);
  } else if (scheme?.family === 'esdh') {
    // RFC 3370 4.1.1 and RFC 2631 2.1.2: X9.42 ephemeral-static Diffie-Hellman.
    checkVersion(ctx, 'rfc3370/4.1.1/esdh-kari-version-3', ri, 3, 'ES-DH KeyAgreeRecipientInfo');
    const isKey = ri.originator.kind === 'originatorKey';
    ctx.check('rfc3370/4.1.1/esdh-originator-key', isKey, isKey ? 'originator is originatorKey' : `originator is ${ri.originator.kind}, must be originatorKey`, where(ri.originator.at));
    if (ri.originatorKey) {
      const a = ri.originatorKey.algorithm;
      const good = a.oid === OID.dhpublicnumber && !a.params;
      ctx.check('rfc3370/4.1.1/esdh-originator-alg-dh-public-number', good, good ? 'originatorKey algorithm dh-public-number without parameters' : `originatorKey algorithm ${a.oid}${a.params ? ' with parameters' : ''}; expected dh-public-number, parameters omitted`, where(a.at));
    }
    ctx.check('rfc3370/4.1.1/esdh-keywrap-param-present', wrap.ok, wrap.ok ? `KeyWrapAlgorithm ${wrap.value.oid}` : `id-alg-ESDH ${wrap.error}`, where(kea.at));
    if (ri.ukm && ri.ukmAt) ctx.check('rfc2631/2.1.2/party-a-info-512-bits', ri.ukm.length === 64, `partyAInfo (ukm) of ${ri.ukm.length} octets${ri.ukm.length === 64 ? '' : ', must be 64'}`, where(ri.ukmAt));
  } else if (scheme?.family === 'ssdh') {
    // RFC 3370 4.1.2: X9.42 static-static Diffie-Hellman.
    checkVersion(ctx, 'rfc3370/4.1.2/ssdh-kari-version-3', ri, 3, 'SS-DH KeyAgreeRecipientInfo');
    const ref = ri.originator.kind !== 'originatorKey';
    ctx.check('rfc3370/4.1.2/ssdh-originator-cert-ref', ref, ref ? `originator is ${ri.originator.kind}` : 'static-static DH originator is originatorKey, must reference the sender certificate', where(ri.originator.at));
    ctx.check('rfc3370/4.1.2/ssdh-ukm-present', !!ri.ukm, ri.ukm ? 'ukm present' : 'static-static DH without a ukm', w);
    ctx.check('rfc2631/2.4/static-static-ukm-present', !!ri.ukm, ri.ukm ? 'partyAInfo present' : 'static-static DH without partyAInfo', w);
    ctx.check('rfc3370/4.1.2/ssdh-keywrap-param-present', wrap.ok, wrap.ok ? `KeyWrapAlgorithm ${wrap.value.oid}` : `id-alg-SSDH ${wrap.error}`, where(kea.at));
    if (ri.ukm && ri.ukmAt) ctx.check('rfc2631/2.1.2/party-a-info-512-bits', ri.ukm.length === 64, `partyAInfo (ukm) of ${ri.ukm.length} octets${ri.ukm.length === 64 ? '' : ', must be 64'}`, where(ri.ukmAt));
  }
}

function checkEcOriginatorKey(ctx: CheckContext, ri: KariView): void {
  const k = ri.originatorKey!;
  const a = k.algorithm;
  const isEc = a.oid === OID.ecPublicKey;
  ctx.check('rfc5753/3.1.1/ecdh-originator-alg-ec-public-key', isEc, isEc ? 'originatorKey algorithm id-ecPublicKey' : `originatorKey algorithm ${a.oid}, expected id-ecPublicKey`, where(a.at));
  if (!isEc) return;
  const p = a.params;
  const kind = !p ? 'absent' : p.cls === 'universal' && p.tag === 5 ? 'NULL' : p.cls === 'universal' && p.tag === 6 ? 'namedCurve' : p.cls === 'universal' && p.tag === 16 ? 'specifiedCurve' : 'other';
  const w = where(a.at);
  ctx.check('rfc5753/3.1.1/ecdh-originator-params-allowed', kind !== 'other', `id-ecPublicKey parameters ${kind}`, w);
  ctx.check('rfc5753/3.1.1/ecdh-originator-params-not-null', kind !== 'NULL', `id-ecPublicKey parameters ${kind}`, w);
  ctx.check('rfc5753/7.1.2/ec-public-key-params-absent-or-ecparams', kind === 'absent' || kind === 'namedCurve' || kind === 'specifiedCurve', `id-ecPublicKey parameters ${kind}${kind === 'NULL' ? ' (the legacy form; must be absent or ECParameters)' : ''}`, w);
  ctx.check('rfc5753/7.1.2/generate-absent-params', kind === 'absent', `id-ecPublicKey parameters ${kind}`, w);
  if (kind === 'namedCurve' || kind === 'specifiedCurve') ctx.check('rfc5753/3.1.1/ecdh-originator-named-curve', kind === 'namedCurve', `ECParameters use the ${kind} choice`, w);
  const pk = k.publicKey;
  const first = pk[0];
  const uncompressed = first === 0x04 && pk.length >= 3 && pk.length % 2 === 1;
  const compressed = (first === 0x02 || first === 0x03) && pk.length >= 2;
  ctx.check('rfc5753/3.1.1/ecdh-originator-public-key-ecpoint', uncompressed || compressed,
    uncompressed || compressed ? `ECPoint, ${uncompressed ? 'uncompressed' : 'compressed'}, ${pk.length} octets` : `publicKey is not an ECPoint (first octet 0x${(first ?? 0).toString(16).padStart(2, '0')}, ${pk.length} octets; hybrid points are not allowed)`, where(k.publicKeyAt));
}

/** RFC 8551 2.3: ECDH key wrap uses the content cipher's algorithm and key size. */
function checkWrapMatchesContent(ctx: CheckContext, ri: KariView, wrap: AlgorithmIdentifier | null, contentAlg: AlgorithmIdentifier | null): void {
  if (!wrap || !contentAlg) return;
  const c = CONTENT_CIPHERS[contentAlg.oid];
  let expected: string | null = null;
  if (c && c.mode !== 'rc2-cbc' && contentAlg.oid !== OID.desEde3Cbc) expected = AES_WRAP_FOR[c.keyLength] ?? null;
  else if (contentAlg.oid === OID.desEde3Cbc) expected = OID.cms3DESwrap;
  if (!expected) return;
  const same = wrap.oid === expected;
  ctx.check('rfc8551/2.3/ecdh-wrap-matches-content-cipher', same, same ? `key wrap ${KEY_WRAPS[wrap.oid]?.name} matches the content cipher` : `key wrap ${KEY_WRAPS[wrap.oid]?.name ?? wrap.oid} with content cipher ${contentAlg.oid}; expected ${KEY_WRAPS[expected]?.name}`, where(ri.keyEncryptionAlgorithm.at));
}

const PWRI_ECB = new Set<string>([ALG.aes128Ecb, ALG.aes192Ecb, ALG.aes256Ecb]);
const PWRI_KEYSTREAM = new Set<string>([ALG.aes128Ofb, ALG.aes192Ofb, ALG.aes256Ofb, ALG.rc4]);

function checkPwri(ctx: CheckContext, ri: PwriView): void {
  const kda = ri.keyDerivationAlgorithm;
  if (kda?.oid === OID.pbkdf2) {
    const p = parsePbkdf2Params(ctx.bytes, kda);
    const otherSource = !p.ok && p.error.includes('otherSource');
    ctx.check('rfc3370/4.4.1/pbkdf2-params', p.ok || otherSource, p.ok ? `PBKDF2-params: ${p.value.salt.length}-octet salt, ${p.value.iterationCount} iterations, HMAC-${p.value.prf.toUpperCase()}` : p.error, where(kda.at));
    if (p.ok || otherSource) ctx.check('rfc3370/4.4.1/pbkdf2-salt-specified', !otherSource, otherSource ? 'salt uses otherSource' : 'salt uses the specified choice', where(kda.at));
  }
  const kea = ri.keyEncryptionAlgorithm;
  if (kea.oid !== OID.pwriKek) return;
  const inner = parsePwriKekParams(ctx.bytes, kea);
  if (!inner.ok) {
    ctx.structure(inner.error, where(kea.at));
    return;
  }
  ctx.check('rfc3211/2.2/no-ecb', !PWRI_ECB.has(inner.value.oid), `PWRI-KEK cipher ${inner.value.oid}`, where(kea.at));
  ctx.check('rfc3211/2.2/no-keystream-ciphers', !PWRI_KEYSTREAM.has(inner.value.oid), `PWRI-KEK cipher ${inner.value.oid}`, where(kea.at));
}

/**
 * RFC 2785: the originator's public key is a valid key of its group (on the curve, not of low
 * order, in the DH subgroup). Decided here when the key carries its own domain; when it needs the
 * recipient's (DH without parameters, an EC key without a named curve), the crypto layer decides
 * with the recipient key (checkers/crypto/recipients.ts).
 */
function originatorKeyCheck(ctx: CheckContext, k: OriginatorPublicKeyView): void {
  const r = checkAgreementKey(k.algorithm.oid, ctx.bytes, k.algorithm.params, k.publicKey);
  if (r && r.status !== 'unchecked') ctx.check(r.rule, r.status === 'pass', r.message, where(k.publicKeyAt));
}
