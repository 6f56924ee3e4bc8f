/**
 * pkijs 4 (with asn1js) as an adapter, in process, on Node's WebCrypto
 * (pkijs.setEngine('node', new CryptoEngine({ crypto: globalThis.crypto }))).
 *
 * Consumer: SignedData.verify for every SignerInfo with checkChain against the manifest's trust
 * anchors at its validationTime (pkijs's own chain engine, no revocation data needed); signer
 * certificates the manifest lists are added to the message's certificate set, since pkijs finds
 * the signer only there. EnvelopedData.decrypt for the RecipientInfo the caller picks (pkijs's API
 * takes an index): key transport with RSAES-OAEP (WebCrypto has no RSAES-PKCS1-v1_5, so pkijs has
 * none), ECDH P-256/P-384/P-521 with the X9.63 KDF, AES key wrap KEK; content AES-CBC.
 * ContentInfo id-data and certs-only SignedData are read. pkijs 4 has no DigestedData,
 * AuthenticatedData, AuthEnvelopedData or CompressedData; its EncryptedData is PBES2 (password)
 * only; it has no DSA, EdDSA or ESS receipts. No S/MIME: the adapter unwraps MIME (./layers.ts).
 *
 * Producer: SignedData (RSA and ECDSA, content-type and message-digest signed attributes),
 * EnvelopedData with RSAES-OAEP key transport, ECDH key agreement (pkijs always adds a ukm), AES
 * key wrap KEK, and a "password" recipient. Lineage: pkijs. It runs in this process: a pkijs call
 * that never returns is cut off by the harness's own timeout.
 */
import * as asn1js from 'asn1js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as pkijs from 'pkijs';
import type { Algorithm } from '../../core/vocabulary.ts';
import type { Sample } from '../../core/manifest.ts';
import type { Adapter, ConsumeRequest, ProduceFeature, ProduceRequest, ProduceResult, Support } from '../adapter.ts';
import type { ConsumeVerdict } from '../verdict.ts';
import { mimeOnlyDefect, openLayers, trustAnchorPaths, type LayerInput } from './layers.ts';
import { REPO_ROOT } from '../../core/paths.ts';
import { pqUnsupported } from './pq-unsupported.ts';

const REPO = REPO_ROOT;

const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  envelopedData: '1.2.840.113549.1.7.3',
  rsaEncryption: '1.2.840.113549.1.1.1',
  rsaesOaep: '1.2.840.113549.1.1.7',
  subjectKeyIdentifier: '2.5.29.14',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
} as const;

/** Our input problems (unreadable key file): the harness's fault, reported as `error`. */
class HarnessError extends Error {}

let engineReady = false;
function engine(): void {
  if (engineReady) return;
  pkijs.setEngine('node', new pkijs.CryptoEngine({ name: 'node', crypto: globalThis.crypto }));
  engineReady = true;
}

const ab = (b: Uint8Array): ArrayBuffer => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
const u8 = (b: ArrayBuffer | ArrayBufferView): Uint8Array => (b instanceof ArrayBuffer ? new Uint8Array(b) : new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
const equal = (a: ArrayBuffer | Uint8Array, b: ArrayBuffer | Uint8Array): boolean => Buffer.from(u8(a)).equals(Buffer.from(u8(b)));

function pemDer(path: string): Uint8Array {
  let text: string;
  try {
    text = readFileSync(path, 'latin1');
  } catch (e) {
    throw new HarnessError(`cannot read ${path}: ${(e as Error).message}`);
  }
  const m = /-----BEGIN [^-]+-----([\s\S]*?)-----END [^-]+-----/.exec(text);
  if (!m?.[1]) throw new HarnessError(`no PEM block in ${path}`);
  return new Uint8Array(Buffer.from(m[1].replace(/\s+/g, ''), 'base64'));
}

function certificate(path: string): pkijs.Certificate {
  try {
    return pkijs.Certificate.fromBER(ab(pemDer(path)));
  } catch (e) {
    if (e instanceof HarnessError) throw e;
    throw new HarnessError(`pkijs cannot read certificate ${path}: ${(e as Error).message}`);
  }
}

// ---------------------------------------------------------------------------------------------
// what pkijs can consume

const CONTENT_CIPHERS: readonly Algorithm[] = ['aes-128-cbc', 'aes-192-cbc', 'aes-256-cbc'];
const KEY_MANAGEMENT: ReadonlySet<Algorithm> = new Set(['rsaes-oaep', 'ecdh-p256', 'ecdh-p384', 'aes-wrap', 'sha1', 'sha256', 'sha384', 'sha512']);
const NO: Partial<Record<Algorithm, string>> = {
  'dsa': 'pkijs has no DSA (WebCrypto has none)',
  'ed25519': 'pkijs 4 has no EdDSA',
  'ed448': 'pkijs 4 has no EdDSA',
  'shake256': 'pkijs 4 has no SHAKE256',
  'md5': 'pkijs has no MD5',
  '3des-cbc': 'pkijs has no Triple-DES (WebCrypto has none)',
  'rc2-cbc': 'pkijs has no RC2',
  'aes-gcm': 'pkijs 4 has no AuthEnvelopedData',
  'aes-ccm': 'pkijs 4 has no AuthEnvelopedData',
};

/**
 * pkijs 4 builds ECC-CMS-SharedInfo with `new ECCCMSSharedInfo({ entityUInfo: recipientInfo.ukm, ... })`;
 * the key is present even when ukm is absent, so its constructor substitutes an empty OCTET STRING
 * and the encoding carries an empty entityUInfo [0], which RFC 5753 7.2 says is present only when
 * a ukm is. The KDF then yields another KEK, and the key unwrap fails ("The operation failed for an
 * operation-specific reason"). Its own messages always carry a ukm, so it interoperates only with
 * itself and senders that add one.
 */
const NO_UKM = 'pkijs 4 cannot decrypt ECDH KeyAgreeRecipientInfo without ukm: it puts an empty entityUInfo into ECC-CMS-SharedInfo (RFC 5753 7.2: present only with a ukm), so it derives a different KEK';

function decryptSupport(s: Sample): Support {
  const a = new Set(s.algorithms);
  for (const alg of a) {
    const why = NO[alg];
    if (why && alg !== 'dsa' && alg !== 'ed25519' && alg !== 'ed448') return { supported: false, reason: why };
  }
  if (!CONTENT_CIPHERS.some((c) => a.has(c))) return { supported: false, reason: `no content cipher pkijs has (AES-CBC) among ${s.algorithms.join(', ')}` };
  const i = s.inputs;
  // One usable way in is enough (a message may have several RecipientInfos).
  const ways: boolean[] = [
    !!i.recipient && a.has('rsaes-oaep'),
    // pkijs derives a wrong KEK when the KeyAgreeRecipientInfo has no ukm (see NO_UKM).
    !!i.recipient && (a.has('ecdh-p256') || a.has('ecdh-p384')) && s.features.includes('ukm'),
    !!i.kek?.keyId && a.has('aes-wrap') && !a.has('3des-wrap') && !a.has('rc2-wrap'),
  ];
  if (ways.some(Boolean)) return { supported: true };
  if (a.has('ecdh-p256') || a.has('ecdh-p384')) return { supported: false, reason: NO_UKM };
  if (a.has('rsaes-pkcs1v15')) return { supported: false, reason: 'pkijs has no RSAES-PKCS1-v1_5 key transport (WebCrypto has none)' };
  if (a.has('pwri-kek')) return { supported: false, reason: 'pkijs 4 has no PWRI-KEK (RFC 3211): it unwraps a password recipient\'s key with AES-KW directly' };
  const other = s.algorithms.find((x) => !KEY_MANAGEMENT.has(x) && !CONTENT_CIPHERS.includes(x));
  return { supported: false, reason: other ? `pkijs has no ${other}` : 'no recipient pkijs can process' };
}

function consumesLayer(s: Sample): Support {
  const mime = mimeOnlyDefect(s, 'pkijs');
  if (mime) return { supported: false, reason: mime };
  if (s.inputs.layers?.includes('verify-receipt')) return { supported: false, reason: 'pkijs has no ESS receipt processing' };
  if (s.features.includes('certs-only') || s.contentType === 'data') return { supported: true };
  const layers = s.inputs.layers ?? [];
  const needsDecrypt = layers.includes('decrypt') || ['envelopedData', 'authEnvelopedData', 'authData'].includes(s.contentType);
  const needsVerify = layers.includes('verify') || s.contentType === 'signedData';
  switch (s.contentType) {
    case 'digestedData': return { supported: false, reason: 'pkijs 4 has no DigestedData' };
    case 'compressedData': return { supported: false, reason: 'pkijs 4 has no CompressedData' };
    case 'authData': return { supported: false, reason: 'pkijs 4 has no AuthenticatedData' };
    case 'authEnvelopedData': return { supported: false, reason: 'pkijs 4 has no AuthEnvelopedData' };
    case 'encryptedData': return { supported: false, reason: 'pkijs 4 decrypts EncryptedData only with a password (PBES2), not with a content-encryption key' };
    default: break;
  }
  if (needsVerify) {
    const bad = s.algorithms.find((x) => NO[x] && ['dsa', 'ed25519', 'ed448', 'shake256', 'md5'].includes(x));
    if (bad) return { supported: false, reason: NO[bad]! };
  }
  return needsDecrypt ? decryptSupport(s) : { supported: true };
}

// ---------------------------------------------------------------------------------------------
// consuming

function readContentInfo(cms: Uint8Array, want: string, name: string): pkijs.ContentInfo {
  const ci = pkijs.ContentInfo.fromBER(ab(cms));
  if (ci.contentType !== want) throw new Error(`content type ${ci.contentType} is not ${name}`);
  return ci;
}

function signedDataOf(cms: Uint8Array): pkijs.SignedData {
  return new pkijs.SignedData({ schema: readContentInfo(cms, OID.signedData, 'signedData').content });
}

async function verify(r: ConsumeRequest, l: LayerInput): Promise<ConsumeVerdict> {
  const trusted = trustAnchorPaths(r).map(certificate);
  const extra = (r.sample.inputs.signerCerts ?? []).map((c) => certificate(join(r.dir, c)));
  const sd = signedDataOf(l.cms);
  if (sd.signerInfos.length === 0) return { verdict: 'reject', error: 'SignedData has no SignerInfo' };
  // pkijs looks for the signer only in the message's certificates.
  sd.certificates ??= [];
  for (const c of extra) {
    const der = c.toSchema().toBER(false);
    if (!sd.certificates.some((x) => x instanceof pkijs.Certificate && equal(x.toSchema().toBER(false), der))) sd.certificates.push(c);
  }
  const checkDate = new Date(r.manifest.validationTime);
  for (let i = 0; i < sd.signerInfos.length; i++) {
    const res = await sd.verify({ signer: i, checkChain: true, trustedCerts: trusted, checkDate, extendedMode: true, ...(l.detached ? { data: ab(l.detached) } : {}) });
    if (res.signatureVerified !== true) return { verdict: 'reject', error: `signer ${i}: signature does not verify (${res.message || `code ${res.code}`})` };
  }
  if (l.detached) return { verdict: 'accept', content: l.detached };
  const e = sd.encapContentInfo.eContent;
  if (!e) return { verdict: 'reject', error: 'no eContent and no detached content' };
  return { verdict: 'accept', content: u8(e.getValue()) };
}

function certsOnly(l: LayerInput): ConsumeVerdict {
  const sd = signedDataOf(l.cms);
  const n = (sd.certificates?.length ?? 0) + (sd.crls?.length ?? 0);
  return n > 0 ? { verdict: 'accept', content: null } : { verdict: 'reject', error: 'certs-only SignedData without certificates or CRLs' };
}

function data(l: LayerInput): ConsumeVerdict {
  const ci = readContentInfo(l.cms, OID.data, 'id-data');
  if (!(ci.content instanceof asn1js.OctetString)) return { verdict: 'reject', error: 'id-data content is not an OCTET STRING' };
  return { verdict: 'accept', content: u8(ci.content.getValue()) };
}

function matchesIssuerSerial(ias: pkijs.IssuerAndSerialNumber, cert: pkijs.Certificate): boolean {
  return ias.issuer.isEqual(cert.issuer) && ias.serialNumber.isEqual(cert.serialNumber);
}

function subjectKeyId(cert: pkijs.Certificate): Uint8Array | null {
  const ext = cert.extensions?.find((e) => e.extnID === OID.subjectKeyIdentifier);
  if (!ext) return null;
  const parsed = asn1js.fromBER(ext.extnValue.getValue());
  return parsed.result instanceof asn1js.OctetString ? u8(parsed.result.getValue()) : null;
}

/**
 * The RecipientInfo to hand to pkijs (its decrypt takes an index): the one for the recipient's
 * certificate, else the KEK's, else a password recipient; a match pkijs cannot process is reported.
 */
function pickRecipient(ed: pkijs.EnvelopedData, r: ConsumeRequest, cert: pkijs.Certificate | null): { index: number } | { unsupported: string } | null {
  const i = r.sample.inputs;
  const ski = cert ? subjectKeyId(cert) : null;
  let unsupported: string | null = null;
  const kekId = i.kek?.keyId ? Buffer.from(i.kek.keyId, 'hex') : null;
  const byKind = (want: number) => ed.recipientInfos.findIndex((ri, n) => {
    if (ri.variant !== want) return false;
    if (want === 1 && cert) {
      const v = ri.value as pkijs.KeyTransRecipientInfo;
      const match = v.rid instanceof pkijs.IssuerAndSerialNumber ? matchesIssuerSerial(v.rid, cert) : !!ski && equal(u8((v.rid as asn1js.OctetString).getValue()), ski);
      if (!match) return false;
      if (v.keyEncryptionAlgorithm.algorithmId !== OID.rsaesOaep) {
        unsupported = v.keyEncryptionAlgorithm.algorithmId === OID.rsaEncryption
          ? 'pkijs has no RSAES-PKCS1-v1_5 key transport (WebCrypto has none)' : `pkijs has no key transport ${v.keyEncryptionAlgorithm.algorithmId}`;
        return false;
      }
      return true;
    }
    if (want === 2 && cert) {
      const v = ri.value as pkijs.KeyAgreeRecipientInfo;
      // pkijs decrypts with recipientEncryptedKeys[0] only.
      const rek = v.recipientEncryptedKeys.encryptedKeys[0];
      if (!rek) return false;
      if (!v.ukm) {
        unsupported ??= NO_UKM;
        return false;
      }
      const rid = rek.rid.value;
      const match = rid instanceof pkijs.IssuerAndSerialNumber ? matchesIssuerSerial(rid, cert)
        : rid instanceof pkijs.RecipientKeyIdentifier ? !!ski && equal(u8(rid.subjectKeyIdentifier.getValue()), ski) : false;
      if (!match && v.recipientEncryptedKeys.encryptedKeys.length > 1) unsupported ??= `KeyAgreeRecipientInfo ${n}: pkijs decrypts only with its first RecipientEncryptedKey`;
      return match;
    }
    if (want === 3 && kekId) return equal(u8((ri.value as pkijs.KEKRecipientInfo).kekid.keyIdentifier.getValue()), kekId);
    if (want === 4 && i.password !== undefined) return true;
    return false;
  });
  for (const kind of [1, 2, 3, 4]) {
    const index = byKind(kind);
    if (index >= 0) return { index };
  }
  return unsupported ? { unsupported } : null;
}

async function decrypt(r: ConsumeRequest, l: LayerInput): Promise<ConsumeVerdict> {
  const i = r.sample.inputs;
  const cert = i.recipient ? certificate(join(r.dir, i.recipient.cert)) : null;
  const key = i.recipient ? pemDer(join(r.dir, i.recipient.key)) : null;
  const ci = pkijs.ContentInfo.fromBER(ab(l.cms));
  if (ci.contentType !== OID.envelopedData) {
    return ci.contentType === '1.2.840.113549.1.9.16.1.23' || ci.contentType === '1.2.840.113549.1.9.16.1.2'
      ? { verdict: 'unsupported', reason: 'pkijs 4 has no AuthEnvelopedData or AuthenticatedData' }
      : { verdict: 'reject', error: `content type ${ci.contentType} is not envelopedData` };
  }
  const ed = new pkijs.EnvelopedData({ schema: ci.content });
  const pick = pickRecipient(ed, r, cert);
  if (!pick) return { verdict: 'reject', error: 'no RecipientInfo matches the given recipient, KEK or password' };
  if ('unsupported' in pick) return { verdict: 'unsupported', reason: pick.unsupported };
  const ri = ed.recipientInfos[pick.index]!;
  const params: pkijs.EnvelopedDataDecryptBufferParams = {};
  if (ri.variant === 1 || ri.variant === 2) {
    params.recipientCertificate = cert!;
    params.recipientPrivateKey = ab(key!);
  } else if (ri.variant === 3) {
    params.preDefinedData = ab(Buffer.from(i.kek!.key, 'hex'));
  } else {
    params.preDefinedData = ab(Buffer.from(i.password!, 'utf8'));
  }
  const out = await ed.decrypt(pick.index, params);
  return { verdict: 'accept', content: u8(out) };
}

async function openLayer(r: ConsumeRequest, l: LayerInput): Promise<ConsumeVerdict> {
  switch (l.step) {
    case 'verify': return verify(r, l);
    case 'decrypt': return decrypt(r, l);
    case 'certs': return certsOnly(l);
    case 'data': return data(l);
    default: return { verdict: 'unsupported', reason: `pkijs 4 has no ${l.step}` };
  }
}

const describe = (e: unknown): string => {
  if (e instanceof pkijs.SignedDataVerifyError) return `${e.message} (code ${e.code})`;
  if (e instanceof Error) return e.message;
  return String(e);
};

// ---------------------------------------------------------------------------------------------
// producing

async function importSigningKey(path: string, cert: pkijs.Certificate): Promise<{ key: CryptoKey; hash: string }> {
  const pkcs8 = ab(pemDer(path));
  const alg = cert.subjectPublicKeyInfo.algorithm.algorithmId;
  if (alg === OID.rsaEncryption) return { key: await crypto.subtle.importKey('pkcs8', pkcs8, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign']), hash: 'SHA-256' };
  if (alg === '1.2.840.10045.2.1') {
    const curve = (cert.subjectPublicKeyInfo.algorithm.algorithmParams as asn1js.ObjectIdentifier).valueBlock.toString();
    const named = curve === '1.2.840.10045.3.1.7' ? 'P-256' : curve === '1.3.132.0.34' ? 'P-384' : null;
    if (!named) throw new Error(`pkijs signs with P-256 or P-384 only, not ${curve}`);
    return { key: await crypto.subtle.importKey('pkcs8', pkcs8, { name: 'ECDSA', namedCurve: named }, false, ['sign']), hash: named === 'P-256' ? 'SHA-256' : 'SHA-384' };
  }
  throw new Error(`pkijs cannot sign with key algorithm ${alg}`);
}

async function produceSigned(r: ProduceRequest, signer: string, attached: boolean): Promise<Uint8Array> {
  const cert = certificate(join(r.keysDir, `${signer}.cert.pem`));
  const { key, hash } = await importSigningKey(join(r.keysDir, `${signer}.key.pem`), cert);
  const digest = await pkijs.getCrypto(true).digest({ name: hash }, ab(r.content));
  const sd = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
    signerInfos: [new pkijs.SignerInfo({
      version: 1,
      sid: new pkijs.IssuerAndSerialNumber({ issuer: cert.issuer, serialNumber: cert.serialNumber }),
      signedAttrs: new pkijs.SignedAndUnsignedAttributes({
        type: 0,
        attributes: [
          new pkijs.Attribute({ type: OID.contentType, values: [new asn1js.ObjectIdentifier({ value: OID.data })] }),
          new pkijs.Attribute({ type: OID.messageDigest, values: [new asn1js.OctetString({ valueHex: digest })] }),
        ],
      }),
    })],
    certificates: [cert],
  });
  if (attached) sd.encapContentInfo.eContent = new asn1js.OctetString({ valueHex: ab(r.content) });
  await sd.sign(key, 0, hash, ab(r.content));
  return u8(new pkijs.ContentInfo({ contentType: OID.signedData, content: sd.toSchema(true) }).toSchema().toBER(false));
}

async function produceEnveloped(r: ProduceRequest): Promise<Uint8Array> {
  const ed = new pkijs.EnvelopedData();
  let length = 128;
  switch (r.feature) {
    case 'enveloped-data/ktri':
      ed.addRecipientByCertificate(certificate(join(r.keysDir, `${r.recipient}.cert.pem`)), { oaepHashAlgorithm: 'SHA-256' }, 1);
      length = 256;
      break;
    case 'enveloped-data/kari':
      ed.addRecipientByCertificate(certificate(join(r.keysDir, 'bob-p256.cert.pem')), { kdfAlgorithm: 'SHA-256', kekEncryptionLength: 128 }, 2);
      break;
    case 'enveloped-data/kekri':
      ed.addRecipientByPreDefinedData(ab(r.kek.key), { keyIdentifier: ab(r.kek.keyId), keyEncryptionAlgorithm: { name: 'AES-KW', length: 8 * r.kek.key.length } }, 1);
      break;
    case 'enveloped-data/pwri':
      ed.addRecipientByPreDefinedData(ab(Buffer.from(r.password, 'utf8')), { hmacHashAlgorithm: 'SHA-256', iterationCount: 2048, keyEncryptionAlgorithm: { name: 'AES-KW', length: 128 } }, 2);
      break;
    default:
      throw new Error(`not an enveloped feature: ${r.feature}`);
  }
  const cipher: AesKeyGenParams = { name: 'AES-CBC', length };
  await ed.encrypt(cipher, ab(r.content));
  return u8(new pkijs.ContentInfo({ contentType: OID.envelopedData, content: ed.toSchema() }).toSchema().toBER(false));
}

function pkijsVersion(): string | null {
  try {
    return (JSON.parse(readFileSync(join(REPO, 'node_modules', 'pkijs', 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return null;
  }
}

export const pkijsAdapter: Adapter = {
  name: 'pkijs',
  lineage: 'pkijs',
  async probe() {
    const v = pkijsVersion();
    if (!v) return { installed: false, reason: 'pkijs not in node_modules (npm ci)' };
    return { installed: true, version: `pkijs ${v} (Node ${process.versions.node} WebCrypto)` };
  },
  consumes: consumesLayer,
  async consume(r) {
    engine();
    try {
      return await openLayers(r, (l) => openLayer(r, l));
    } catch (e) {
      if (e instanceof HarnessError) return { verdict: 'error', error: e.message };
      // pkijs throws on whatever it refuses: a malformed structure, a wrong signature or key;
      // and on a signature algorithm it does not know, naming its OID ("Unsupported signature
      // algorithm: 2.16.840.1.101.3.4.3.17", code 15): for a post-quantum one that is unsupported.
      const error = describe(e);
      const unknown = /Unsupported signature algorithm: ([0-9.]+)/.exec(error)?.[1];
      return (unknown ? pqUnsupported('pkijs 4', error, r.bytes, unknown) : null) ?? { verdict: 'reject', error };
    }
  },
  produces: ['signed-data/attached', 'signed-data/detached', 'signed-data/ecdsa', 'enveloped-data/ktri', 'enveloped-data/kari',
    'enveloped-data/kekri', 'enveloped-data/pwri'] satisfies ProduceFeature[],
  async produce(r): Promise<ProduceResult> {
    engine();
    try {
      switch (r.feature) {
        case 'signed-data/attached': return { ok: true, bytes: await produceSigned(r, r.signer, true), format: 'der' };
        case 'signed-data/detached': return { ok: true, bytes: await produceSigned(r, r.signer, false), format: 'der' };
        case 'signed-data/ecdsa': return { ok: true, bytes: await produceSigned(r, 'alice-p256', true), format: 'der' };
        case 'enveloped-data/ktri': case 'enveloped-data/kari': case 'enveloped-data/kekri': case 'enveloped-data/pwri':
          return { ok: true, bytes: await produceEnveloped(r), format: 'der' };
        default: return { ok: false, verdict: 'unsupported', reason: `the pkijs adapter does not produce ${r.feature}` };
      }
    } catch (e) {
      return { ok: false, verdict: 'error', reason: describe(e) };
    }
  },
  async close() {},
};
