/**
 * Recovering the content-encryption (or MAC) key from RecipientInfos with the key material the
 * user gave: recipient private keys (with their certificates, matched to rid by issuer and serial
 * or subject key identifier), a KEK (matched by KEKIdentifier), a password. Each RecipientInfo the
 * material opens yields a cmsi/decryption finding on its encryptedKey; material that opens none
 * is cmsi/crypto-unverifiable. Without any key material that is unchecked too: the static rules
 * ran, but whether the content decrypts (or the MAC verifies) was not decided, so never `valid`.
 */
import { pbkdf2Sync } from 'node:crypto';
import { checkAgreementKey, checkDhKey, checkEcPoint } from './agreement-keys.ts';
import { OID } from '../../core/oids.ts';
import { where, type CheckContext, type Located } from '../context.ts';
import { content, encoding, identifierDer, type AlgorithmIdentifier } from '../cms/fields.ts';
import { KEY_AGREEMENT, KEY_WRAPS, parseKeyWrapParam, parseOaepParams, parsePbkdf2Params, parsePwriKekParams } from '../cms/algorithms.ts';
import type { KariView, KekriView, KtriView, OriView, PwriView, RecipientEncryptedKeyView, RecipientInfosView } from '../cms/recipient-infos.ts';
import { kemRecipientInfo, openKemri } from './kem-recipient.ts';
import { bytesEqual, type CertInfo } from './certificates.ts';
import { pwriInnerBlock, pwriInnerCipher, pwriUnwrap, unwrapKey } from './ciphers.ts';
import { oid as oidTlv } from './der-build.ts';
import {
  dhSecret, eccCmsSharedInfo, ecdhSecret, hkdfKek, KEY_USAGE, keyUsage, loadRecipientKeys, rsaOaepDecrypt, rsaPkcs1Decrypt, spkiAlgorithm,
  x942Kdf, x963Kdf, xdhSecret, type RecipientKey,
} from './recipient-keys.ts';

export interface KeyMaterialOptions {
  readonly keys?: readonly { readonly key: Uint8Array; readonly cert: Uint8Array | null }[];
  readonly password?: string;
  readonly kek?: { readonly keyId: Uint8Array | null; readonly key: Uint8Array };
  /** PBKDF2 iterations the checker may spend on one message (--max-pbkdf2-iterations). */
  readonly maxPbkdf2Iterations?: number;
}

export interface RecoveredKey {
  readonly key: Uint8Array;
  /** The encryptedKey it came from. */
  readonly at: Located;
  /** The RecipientInfo's keyEncryptionAlgorithm OID. */
  readonly via: string;
}

/** A check of a recovered key's length: a problem to report, or null when it fits. */
export type KeyCheck = (key: Uint8Array) => string | null;

/**
 * Optional, from the content side: the content key length and whether a candidate key opens the
 * content (valid padding, and the expected content when known). Used only to diagnose a
 * PasswordRecipientInfo whose unwrap failed although it holds the right key.
 */
export interface KeyConfirm {
  readonly keyLength: number;
  opens(key: Uint8Array): boolean;
}

export const hasKeyMaterial = (o: KeyMaterialOptions): boolean => (o.keys?.length ?? 0) > 0 || !!o.password || !!o.kek;

/**
 * PBKDF2 iterations the checker spends on one message, over all its PasswordRecipientInfos, unless
 * --max-pbkdf2-iterations says otherwise. RFC 3211 2.1 / RFC 3370 4.4.1 allow any
 * iterationCount INTEGER (1..MAX): a sender may ask for 2^31-1 (hours of work, a DoS on the
 * receiver), so a count past the bound is a resource limit (verdict unchecked, naming the flag),
 * never a MUST failure: no RFC caps it. Two million is about a second of HMAC-SHA-256 here.
 */
export const DEFAULT_MAX_PBKDF2_ITERATIONS = 2_000_000;
/** At most this many RecipientInfo openings per message: a hostile message cannot make the checker work without end. */
const MAX_ATTEMPTS = 64;

interface Attempt {
  /** true: the RecipientInfo was opened (or its opening failed: a finding was recorded). */
  tried: boolean;
  /** Public-key or password operations so far. */
  attempts: number;
  /** PBKDF2 iterations spent so far. */
  iterations: number;
}

export function recoverKeys(ctx: CheckContext, ris: RecipientInfosView, options: KeyMaterialOptions, check: KeyCheck, confirm?: KeyConfirm): RecoveredKey[] {
  if (!hasKeyMaterial(options)) {
    ctx.unchecked('cmsi/crypto-unverifiable', 'no key material given (--key with its --cert, --password or --kek): the content was not decrypted, so it is not checked', where(ris.at));
    return [];
  }
  const keys = loadRecipientKeys(options.keys ?? []);
  const out: RecoveredKey[] = [];
  const state: Attempt = { tried: false, attempts: 0, iterations: 0 };
  for (const ri of ris.infos) {
    if (state.attempts >= MAX_ATTEMPTS) {
      ctx.unchecked('cmsi/crypto-unverifiable', `more than ${MAX_ATTEMPTS} RecipientInfos match the key material given; the rest are not opened`, where(ri.at));
      break;
    }
    switch (ri.kind) {
      case 'ktri': ktri(ctx, ri, keys, check, out, state); break;
      case 'kari': kari(ctx, ri, keys, check, out, state); break;
      case 'kekri': kekri(ctx, ri, options, check, out, state); break;
      case 'pwri': pwri(ctx, ri, options, check, out, state, confirm); break;
      case 'ori': kemri(ctx, ri, keys, check, out, state); break;
    }
  }
  if (!state.tried) probeKari(ctx, ris, keys, check);
  if (!state.tried) {
    const ori = ris.infos.some((ri) => ri.kind === 'ori') ? '; an OtherRecipientInfo (ori, e.g. KEMRecipientInfo) is not one it opens' : '';
    const given = [(options.keys?.length ?? 0) > 0 ? `${options.keys!.length} key${options.keys!.length > 1 ? 's' : ''}` : '', options.kek ? 'a KEK' : '', options.password ? 'a password' : ''].filter(Boolean).join(', ');
    ctx.unchecked('cmsi/crypto-unverifiable', `none of the key material given (${given}) matches a RecipientInfo this checker can open${ori}`, where(ris.at));
  }
  return out;
}

function record(ctx: CheckContext, at: Located, key: Uint8Array | null, check: KeyCheck, how: string, out: RecoveredKey[], via: string): void {
  const problem = key ? check(key) : null;
  const ok = !!key && !problem;
  ctx.check('cmsi/decryption', ok, ok ? `encryptedKey opens with ${how} (${key!.length}-octet key)` : `encryptedKey does not open with ${how}${problem ? `: ${problem}` : ''}`, where(at));
  if (ok) out.push({ key: key!, at, via });
}

function unsupported(ctx: CheckContext, a: AlgorithmIdentifier, what: string): void {
  ctx.unchecked('cmsi/crypto-unverifiable', `${what} ${a.oid} is not supported by this checker`, where(a.at));
}

/** Keys whose certificate matches an identifier; keys given without a certificate match anything. */
function candidates(keys: readonly RecipientKey[], match: (c: CertInfo) => boolean, kind: (k: RecipientKey) => boolean): { key: RecipientKey; certified: boolean }[] {
  const certified = keys.filter((k) => k.cert && match(k.cert)).map((key) => ({ key, certified: true }));
  if (certified.length) return certified;
  return keys.filter((k) => !k.cert && kind(k)).map((key) => ({ key, certified: false }));
}

const name = (k: RecipientKey) => `recipient key ${k.index + 1}`;

function checkCertificate(ctx: CheckContext, cert: CertInfo, at: Located, transport: boolean): void {
  const alg = spkiAlgorithm(cert);
  const w = where(at);
  if (transport) {
    const rsa = alg === OID.rsaEncryption || alg === OID.rsaesOaep;
    ctx.check('rfc5652/6.2.1/certificate-has-key-transport-key', rsa, rsa ? 'recipient certificate holds an RSA key transport key' : `recipient certificate key ${alg} is not a key transport key`, w);
  } else {
    const agreement = alg === OID.ecPublicKey || alg === OID.x25519 || alg === OID.x448 || alg === OID.dhpublicnumber;
    ctx.check('rfc5652/6.2.2/certificate-has-key-agreement-key', agreement, agreement ? 'recipient certificate holds a key agreement key' : `recipient certificate key ${alg} is not a key agreement key`, w);
  }
  const ku = keyUsage(cert);
  if (ku === null) return;
  const bit = transport ? KEY_USAGE.keyEncipherment : KEY_USAGE.keyAgreement;
  const rule = transport ? 'rfc5652/6.2.1/key-usage-key-encipherment' : 'rfc5652/6.2.2/key-usage-key-agreement';
  ctx.check(rule, (ku & bit) !== 0, `recipient certificate keyUsage ${(ku & bit) !== 0 ? 'asserts' : 'does not assert'} ${transport ? 'keyEncipherment' : 'keyAgreement'}`, w);
}

function ktri(ctx: CheckContext, ri: KtriView, keys: readonly RecipientKey[], check: KeyCheck, out: RecoveredKey[], state: Attempt): void {
  const ridBytes = ri.rid.kind === 'ski' ? content(ctx, ri.rid.at.node) : identifierDer(ctx, ri.rid.at.node);
  const match = (c: CertInfo) => (ri.rid.kind === 'ski' ? !!c.ski && bytesEqual(c.ski, ridBytes) : bytesEqual(c.issuerAndSerial, ridBytes));
  const found = candidates(keys, match, (k) => k.key.kind === 'rsa');
  if (!found.length) return;
  state.tried = true;
  state.attempts += found.length;
  const a = ri.keyEncryptionAlgorithm;
  const oaep = a.oid === OID.rsaesOaep ? parseOaepParams(ctx.bytes, a) : null;
  if (a.oid !== OID.rsaEncryption && !oaep) return unsupported(ctx, a, 'key transport algorithm');
  if (oaep && !oaep.ok) {
    ctx.unchecked('cmsi/crypto-unverifiable', `RSAES-OAEP parameters unusable: ${oaep.error}`, where(a.at));
    return;
  }
  const decrypt = (k: RecipientKey): Uint8Array | null => {
    if (k.key.kind !== 'rsa') return null;
    return oaep?.ok ? rsaOaepDecrypt(k.key, ri.encryptedKey, oaep.value.hash, oaep.value.mgfHash, oaep.value.label) : rsaPkcs1Decrypt(k.key, ri.encryptedKey);
  };
  const how = oaep ? 'RSAES-OAEP' : 'RSAES-PKCS1-v1_5';
  for (const c of found.filter((x) => x.certified)) {
    checkCertificate(ctx, c.key.cert!, ri.rid.at, true);
    record(ctx, ri.encryptedKeyAt, decrypt(c.key), check, `${how} and ${name(c.key)}`, out, a.oid);
  }
  const uncertified = found.filter((x) => !x.certified);
  if (uncertified.length) {
    const hit = uncertified.map((c) => ({ c, key: decrypt(c.key) })).find((x) => x.key && !check(x.key));
    record(ctx, ri.encryptedKeyAt, hit?.key ?? null, check, `${how} and ${hit ? name(hit.c.key) : 'the keys given without certificates'}`, out, a.oid);
  }
}

type KekDeriver = (k: RecipientKey, kekLength: number) => Uint8Array | null;

function kari(ctx: CheckContext, ri: KariView, keys: readonly RecipientKey[], check: KeyCheck, out: RecoveredKey[], state: Attempt): void {
  const origAlg = ri.originatorKey?.algorithm.oid;
  const compatible = (k: RecipientKey): boolean =>
    (k.key.kind === 'ec' && origAlg === OID.ecPublicKey)
    || (k.key.kind === 'xdh' && origAlg === (k.key.curve === 'x25519' ? OID.x25519 : OID.x448))
    || (k.key.kind === 'dh' && origAlg === OID.dhpublicnumber);
  for (const rek of ri.recipientEncryptedKeys) {
    const found = candidates(keys, (c) => ridMatches(ctx, rek, c), compatible);
    if (!found.length) continue;
    if (state.attempts >= MAX_ATTEMPTS) break;
    state.tried = true;
    state.attempts += found.length;
    for (const c of found.filter((x) => x.certified)) checkCertificate(ctx, c.key.cert!, rek.rid.at, false);
    const derive = kekDeriver(ctx, ri);
    if (!derive) continue;
    const wrap = parseKeyWrapParam(ctx.bytes, ri.keyEncryptionAlgorithm);
    if (!wrap.ok) {
      ctx.unchecked('cmsi/crypto-unverifiable', `keyEncryptionAlgorithm parameters unusable: ${wrap.error}`, where(ri.keyEncryptionAlgorithm.at));
      continue;
    }
    const w = KEY_WRAPS[wrap.value.oid];
    if (!w) {
      unsupported(ctx, wrap.value, 'key wrap algorithm');
      continue;
    }
    const unwrap = (kek: Uint8Array | null): Uint8Array | null => {
      if (!kek) return null;
      const r = unwrapKey(ctx.bytes, wrap.value, kek, rek.encryptedKey);
      return r === 'unsupported' ? null : r;
    };
    const open = (k: RecipientKey): Uint8Array | null => unwrap(derive.fn(k, w.kekLength));
    const certified = found.filter((x) => x.certified);
    const wrappedRule = KARI_RULES[kariSchemeKind(ri)]?.wrappedCek;
    for (const c of certified) {
      checkOriginatorCurve(ctx, ri, c.key);
      originatorKeyWithRecipientDomain(ctx, ri, c.key);
      const kek = derive.fn(c.key, w.kekLength);
      const key = unwrap(kek);
      record(ctx, rek.encryptedKeyAt, key, check, `${derive.how} and ${name(c.key)}`, out, ri.keyEncryptionAlgorithm.oid);
      // The key is the one whose certificate rid names: the pairwise KEK is the right one, so an
      // encryptedKey it does not unwrap to a usable key is not the CEK wrapped under that KEK.
      // When no KEK is agreed at all (a key of another kind, as an RSA certificate named by a
      // kari, or an originator key the agreement rejects) there is no such KEK to judge the
      // encryptedKey by: the statement broken is the one about the key (6.2.2, the point checks).
      if (wrappedRule && kek && (!key || check(key))) {
        ctx.fail(wrappedRule, `encryptedKey is not the content-encryption key wrapped under the KEK agreed with ${name(c.key)}, whose certificate rid names (${key ? check(key) : 'the key unwrap fails'})`, where(rek.encryptedKeyAt));
      }
    }
    const uncertified = found.filter((x) => !x.certified);
    if (uncertified.length) {
      const hit = uncertified.map((c) => ({ c, key: open(c.key) })).find((x) => x.key && !check(x.key));
      record(ctx, rek.encryptedKeyAt, hit?.key ?? null, check, `${derive.how} and ${hit ? name(hit.c.key) : 'the keys given without certificates'}`, out, ri.keyEncryptionAlgorithm.oid);
    }
  }
}

type KariSchemeKind = 'ecdh' | 'xdh' | 'esdh' | 'other';

function kariSchemeKind(ri: KariView): KariSchemeKind {
  const s = KEY_AGREEMENT[ri.keyEncryptionAlgorithm.oid];
  if (s?.family === 'esdh') return 'esdh';
  if (s?.family === 'ecdh') return s.kdf === 'hkdf' ? 'xdh' : 'ecdh';
  return 'other';
}

/** The catalog statements of what rid names and what encryptedKey holds, per key agreement scheme. */
const KARI_RULES: Partial<Record<KariSchemeKind, { readonly rid: string; readonly wrappedCek: string }>> = {
  ecdh: { rid: 'rfc5753/3.1.1/ecdh-rid-choice', wrappedCek: 'rfc5753/3.1.1/ecdh-encrypted-key-wrapped-cek' },
  xdh: { rid: 'rfc8418/3.2/rid-choice', wrappedCek: 'rfc8418/3.2/encrypted-key-wrapped-cek' },
  esdh: { rid: 'rfc3370/4.1.1/esdh-rid-choice', wrappedCek: 'rfc3370/4.1.1/esdh-encrypted-key-wrapped-cek' },
};

/**
 * When no RecipientInfo names the keys given: tries each certified key on the key agreement
 * RecipientInfos anyway, without using what it recovers. A key that opens an encryptedKey whose rid
 * names another certificate shows the rid is wrong (RFC 5753 3.1.1, RFC 8418 3.2, RFC 3370 4.1.1:
 * rid identifies the recipient's certificate). Bounded like the openings themselves.
 */
function probeKari(ctx: CheckContext, ris: RecipientInfosView, keys: readonly RecipientKey[], check: KeyCheck): void {
  let attempts = 0;
  for (const ri of ris.infos) {
    if (ri.kind !== 'kari') continue;
    const rule = KARI_RULES[kariSchemeKind(ri)]?.rid;
    const ok = ri.originatorKey;
    if (!rule || !ok) continue;
    const origAlg = ok.algorithm.oid;
    const usable = keys.filter((k) => k.cert && (
      (k.key.kind === 'ec' && origAlg === OID.ecPublicKey)
      || (k.key.kind === 'xdh' && origAlg === (k.key.curve === 'x25519' ? OID.x25519 : OID.x448))
      || (k.key.kind === 'dh' && origAlg === OID.dhpublicnumber)));
    if (!usable.length) continue;
    const wrap = parseKeyWrapParam(ctx.bytes, ri.keyEncryptionAlgorithm);
    const w = wrap.ok ? KEY_WRAPS[wrap.value.oid] : undefined;
    if (!wrap.ok || !w) continue;
    const derive = kekDeriver(ctx, ri);
    if (!derive) continue;
    for (const rek of ri.recipientEncryptedKeys) {
      for (const k of usable) {
        if (++attempts > MAX_ATTEMPTS) return;
        const kek = derive.fn(k, w.kekLength);
        const key = kek ? unwrapKey(ctx.bytes, wrap.value, kek, rek.encryptedKey) : null;
        if (key && key !== 'unsupported' && !check(key)) {
          ctx.fail(rule, `encryptedKey is wrapped for ${name(k)} (${derive.how}), but rid names another certificate than that key's`, where(rek.rid.at));
        }
      }
    }
  }
}

function ridMatches(ctx: CheckContext, rek: RecipientEncryptedKeyView, c: CertInfo): boolean {
  if (rek.rid.kind === 'rKeyId') return !!rek.ski && !!c.ski && bytesEqual(c.ski, rek.ski);
  return bytesEqual(c.issuerAndSerial, identifierDer(ctx, rek.rid.at.node));
}

/**
 * RFC 2785 with the recipient's domain: an originator key that does not carry its own curve or
 * DH parameters is validated against the recipient key's (checkers/crypto/agreement-keys.ts).
 */
function originatorKeyWithRecipientDomain(ctx: CheckContext, ri: KariView, k: RecipientKey): void {
  const ok = ri.originatorKey;
  if (!ok) return;
  const own = checkAgreementKey(ok.algorithm.oid, ctx.bytes, ok.algorithm.params, ok.publicKey);
  if (!own || own.status !== 'unchecked') return;
  const r = k.key.kind === 'ec' && ok.algorithm.oid === OID.ecPublicKey ? checkEcPoint(k.key.curveOid, ok.publicKey)
    : k.key.kind === 'dh' && ok.algorithm.oid === OID.dhpublicnumber ? checkDhKey(ok.publicKey, { p: k.key.p, q: k.key.q }) : own;
  if (r.status === 'unchecked') ctx.unchecked(r.rule, r.message, where(ok.publicKeyAt));
  else ctx.check(r.rule, r.status === 'pass', r.message, where(ok.publicKeyAt));
}

/** RFC 5753 7.1.2 and RFC 8418 2: the originator's key is on the recipient's curve. */
function checkOriginatorCurve(ctx: CheckContext, ri: KariView, k: RecipientKey): void {
  const ok = ri.originatorKey;
  if (!ok) return;
  if (k.key.kind === 'ec' && ok.algorithm.params && ok.algorithm.params.cls === 'universal' && ok.algorithm.params.tag === 6) {
    const same = bytesEqual(encoding(ctx, ok.algorithm.params), oidTlv(k.key.curveOid));
    ctx.check('rfc5753/7.1.2/ecparams-match-recipient', same, same ? 'originator namedCurve is the recipient\'s curve' : 'originator namedCurve differs from the recipient key\'s curve', where(ok.algorithm.at));
  }
  if (k.key.kind === 'xdh') {
    const want = k.key.curve === 'x25519' ? OID.x25519 : OID.x448;
    ctx.check('rfc8418/2/ephemeral-same-curve', ok.algorithm.oid === want, `originator key ${ok.algorithm.oid === want ? 'is' : 'is not'} on the recipient's curve (${k.key.curve})`, where(ok.algorithm.at));
  }
}

/** How a kari derives its KEK: the scheme of its keyEncryptionAlgorithm (RFC 5753, 8418, 3370 4.1.1). */
function kekDeriver(ctx: CheckContext, ri: KariView): { fn: KekDeriver; how: string } | null {
  const a = ri.keyEncryptionAlgorithm;
  const scheme = KEY_AGREEMENT[a.oid];
  if (!scheme || scheme.family === 'ecmqv' || scheme.family === 'ssdh') {
    unsupported(ctx, a, 'key agreement algorithm');
    return null;
  }
  const ok = ri.originatorKey;
  if (!ok) {
    ctx.unchecked('cmsi/crypto-unverifiable', `originator is ${ri.originator.kind}; this checker opens only originatorKey (ephemeral-static) key agreement`, where(ri.originator.at));
    return null;
  }
  const wrap = a.params ? encoding(ctx, a.params) : null;
  if (scheme.family !== 'ecdh') {
    const wrapOid = a.params?.children[0];
    if (!wrapOid) return null;
    const wrapOidTlv = encoding(ctx, wrapOid);
    return {
      how: 'ES-DH (RFC 2631 KDF)',
      fn: (k, len) => {
        if (k.key.kind !== 'dh') return null;
        const zz = dhSecret(k.key, ok.publicKey);
        return zz ? x942Kdf(zz, wrapOidTlv, ri.ukm, len) : null;
      },
    };
  }
  return {
    how: `${scheme.kdf === 'hkdf' ? 'HKDF' : 'X9.63 KDF'}-${scheme.hash.toUpperCase()} key agreement`,
    fn: (k, len) => {
      if (!wrap) return null;
      const z = k.key.kind === 'ec' ? ecdhSecret(k.key, ok.publicKey) : k.key.kind === 'xdh' ? xdhSecret(k.key, ok.publicKey) : null;
      if (!z) return null;
      const info = eccCmsSharedInfo(wrap, ri.ukm, len);
      return scheme.kdf === 'hkdf' ? hkdfKek(scheme.hash, z, ri.ukm, info, len) : x963Kdf(scheme.hash, z, info, len);
    },
  };
}

/** OtherRecipientInfo: only KEMRecipientInfo (RFC 9629) is known; its key is opened in ./kem-recipient.ts. */
function kemri(ctx: CheckContext, ri: OriView, keys: readonly RecipientKey[], check: KeyCheck, out: RecoveredKey[], state: Attempt): void {
  if (ri.oriType !== OID.oriKem) return;
  const view = kemRecipientInfo(ctx, ri.at);
  if (!view) return;
  const opened = openKemri(ctx, view, keys);
  if (!opened) return;
  state.tried = true;
  state.attempts++;
  record(ctx, view.encryptedKeyAt, opened.key, check, opened.how, out, view.wrap.oid);
}

function kekri(ctx: CheckContext, ri: KekriView, options: KeyMaterialOptions, check: KeyCheck, out: RecoveredKey[], state: Attempt): void {
  const kek = options.kek;
  if (!kek || (kek.keyId !== null && !bytesEqual(kek.keyId, ri.keyIdentifier))) return;
  state.tried = true;
  state.attempts++;
  const r = unwrapKey(ctx.bytes, ri.keyEncryptionAlgorithm, kek.key, ri.encryptedKey);
  if (r === 'unsupported') return unsupported(ctx, ri.keyEncryptionAlgorithm, 'key wrap algorithm');
  record(ctx, ri.encryptedKeyAt, r, check, `the KEK given (${KEY_WRAPS[ri.keyEncryptionAlgorithm.oid]!.name})`, out, ri.keyEncryptionAlgorithm.oid);
  if (!r && ri.keyEncryptionAlgorithm.oid === OID.cms3DESwrap && kek.key.length === 24) {
    // RFC 2630 12.6.3 (v3 profile): the Triple-DES unwrap fails on a wrapped key that is not 40
    // octets, else (3DES-CBC cannot fail on whole blocks) on the CMS key checksum.
    const length = ri.encryptedKey.length === 40;
    ctx.fail(length ? 'rfc2630/12.6.3/unwrap-rejects-bad-checksum' : 'rfc2630/12.6.3/unwrap-rejects-bad-length',
      length ? 'the CMS key checksum of the unwrapped key does not match: a Triple-DES key unwrap must fail here' : `the wrapped key is ${ri.encryptedKey.length} octets, not 40: a Triple-DES key unwrap must fail here`, where(ri.encryptedKeyAt));
  }
}

function pwri(ctx: CheckContext, ri: PwriView, options: KeyMaterialOptions, check: KeyCheck, out: RecoveredKey[], state: Attempt, confirm?: KeyConfirm): void {
  if (!options.password) return;
  state.tried = true;
  state.attempts++;
  const kda = ri.keyDerivationAlgorithm;
  if (!kda) {
    ctx.unchecked('cmsi/crypto-unverifiable', 'no keyDerivationAlgorithm: the KEK comes from an external source, not the password', where(ri.at));
    return;
  }
  if (kda.oid !== OID.pbkdf2) return unsupported(ctx, kda, 'key derivation algorithm');
  const p = parsePbkdf2Params(ctx.bytes, kda);
  if (!p.ok) {
    ctx.unchecked('cmsi/crypto-unverifiable', `PBKDF2 parameters unusable: ${p.error}`, where(kda.at));
    return;
  }
  const bound = options.maxPbkdf2Iterations ?? DEFAULT_MAX_PBKDF2_ITERATIONS;
  if (state.iterations + p.value.iterationCount > bound) {
    const left = bound - state.iterations;
    const message = `PBKDF2 iteration count ${p.value.iterationCount} exceeds ${left === bound ? '' : `the ${left} left of `}the checker's bound of ${bound} per message`;
    ctx.unchecked('cmsi/crypto-unverifiable', `${message} (raise it with --max-pbkdf2-iterations)`, where(kda.at));
    ctx.hitLimit({ limit: 'pbkdf2-iterations', flag: '--max-pbkdf2-iterations', value: bound, message, offset: kda.at.node.offset });
    return;
  }
  state.iterations += p.value.iterationCount;
  const kea = ri.keyEncryptionAlgorithm;
  if (kea.oid !== OID.pwriKek) return unsupported(ctx, kea, 'password key encryption algorithm');
  const inner = parsePwriKekParams(ctx.bytes, kea);
  const cipher = inner.ok ? pwriInnerCipher(ctx.bytes, inner.value.inner) : null;
  if (!cipher) {
    ctx.unchecked('cmsi/crypto-unverifiable', `PWRI-KEK cipher ${inner.ok ? inner.value.oid : '(unreadable)'} is not a CBC cipher this checker supports`, where(kea.at));
    return;
  }
  const kekLength = p.value.keyLength ?? cipher.keyLength;
  const kek = new Uint8Array(pbkdf2Sync(Buffer.from(options.password, 'utf8'), p.value.salt, p.value.iterationCount, kekLength, p.value.prf));
  const cek = kekLength === cipher.keyLength ? pwriUnwrap(cipher, kek, ri.encryptedKey, null) : null;
  record(ctx, ri.encryptedKeyAt, cek, check, `the password (PBKDF2-HMAC-${p.value.prf.toUpperCase()}, PWRI-KEK ${cipher.name})`, out, kea.oid);
  if ((!cek || check(cek)) && confirm && kekLength === cipher.keyLength) diagnosePwri(ctx, ri, cipher, kek, confirm);
}

/**
 * A PWRI-KEK unwrap that failed RFC 3211 2.3.2 key format verification although the block holds
 * the content key (it opens the content): the password is right and the block is malformed, so
 * the wrap is not the id-alg-PWRI-KEK one of RFC 3211 2.2/2.3. With a wrong password the block is
 * noise and does not open the content, so this finding never stands in for a wrong password, and
 * it needs the password, so it is no oracle to anyone who lacks it.
 */
function diagnosePwri(ctx: CheckContext, ri: PwriView, cipher: { name: string; blockSize: number; iv: Uint8Array }, kek: Uint8Array, confirm: KeyConfirm): void {
  const block = pwriInnerBlock(cipher, kek, ri.encryptedKey);
  if (!block || block.length < 4 + confirm.keyLength) return;
  if (!confirm.opens(block.slice(4, 4 + confirm.keyLength))) return;
  const count = block[0]!;
  const checkOk = ((block[1]! ^ block[4]!) & (block[2]! ^ block[5]!) & (block[3]! ^ block[6]!)) === 0xff;
  const problems = [
    ...(count !== confirm.keyLength ? [`its CEK byte count is ${count}, the content cipher takes ${confirm.keyLength} (step 1a)`] : []),
    ...(checkOk ? [] : ['its check value is not the complement of the first three key octets (step 1b)']),
  ];
  ctx.fail('rfc3211/2.2/support-pwri-kek', `the PWRI-KEK block holds the content-encryption key but fails RFC 3211 2.3.2 key format verification: ${problems.join('; ') || 'unwrap failed'}`, where(ri.encryptedKeyAt));
}
