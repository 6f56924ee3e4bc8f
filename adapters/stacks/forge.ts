/**
 * node-forge (forge.pkcs7, pure JavaScript) as an adapter, in process.
 *
 * Consumer: EnvelopedData decryption (forge's own RSAES-PKCS1-v1_5, so Node's CVE-2023-46809 block
 * does not apply) with key transport RecipientInfos identified by issuer and serial number, and
 * AES-CBC, DES-EDE3-CBC or DES-CBC content; EncryptedData with a content-encryption key; reading
 * a certs-only SignedData. forge.pkcs7 reads only signedData, envelopedData and encryptedData
 * ContentInfos (no id-data, DigestedData, AuthenticatedData, AuthEnvelopedData, CompressedData),
 * its EnvelopedData reader takes only ktri RecipientInfos, it cannot verify a signature ("not yet
 * implemented") and it parses only RSA certificates. No S/MIME: the adapter unwraps MIME
 * (./layers.ts).
 *
 * Producer: SignedData with RSA (SHA-256, content-type and message-digest signed attributes),
 * attached and detached; EnvelopedData with RSA PKCS#1 v1.5 key transport and AES-256-CBC.
 * Lineage: forge. It runs in this process: a forge call that never returns is cut off by the
 * harness's own timeout.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import forge from 'node-forge';
import { repoPath } from '../../core/paths.ts';
import type { Algorithm } from '../../core/vocabulary.ts';
import type { Sample } from '../../core/manifest.ts';
import type { Adapter, ConsumeRequest, ProduceFeature, ProduceRequest, ProduceResult, Support } from '../adapter.ts';
import type { ConsumeVerdict } from '../verdict.ts';
import { mimeOnlyDefect, openLayers, type LayerInput } from './layers.ts';

/** Our input problems (unreadable key file): the harness's fault, reported as `error`. */
class HarnessError extends Error {}

const OID_RSAES_OAEP = '1.2.840.113549.1.1.7';
/** forge's own OID table, typed as present. */
const OIDS = {
  signedData: forge.pki.oids.signedData!, envelopedData: forge.pki.oids.envelopedData!, encryptedData: forge.pki.oids.encryptedData!,
  data: forge.pki.oids.data!, contentType: forge.pki.oids.contentType!, messageDigest: forge.pki.oids.messageDigest!,
  sha256: forge.pki.oids.sha256!, aes256Cbc: forge.pki.oids['aes256-CBC']!,
};

const toBinary = (b: Uint8Array): string => Buffer.from(b).toString('binary');
const fromBinary = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'binary'));

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new HarnessError(`cannot read ${path}: ${(e as Error).message}`);
  }
}

/** forge parses the message; its ASN.1 reader rejects trailing bytes (parseAllBytes). */
function parse(cms: Uint8Array): ReturnType<typeof forge.pkcs7.messageFromAsn1> {
  return forge.pkcs7.messageFromAsn1(forge.asn1.fromDer(forge.util.createBuffer(toBinary(cms))));
}

// ---------------------------------------------------------------------------------------------
// what forge can consume

const CONTENT_CIPHERS: ReadonlySet<Algorithm> = new Set(['aes-128-cbc', 'aes-192-cbc', 'aes-256-cbc', '3des-cbc']);

function consumes(s: Sample): Support {
  const mime = mimeOnlyDefect(s, 'node-forge');
  if (mime) return { supported: false, reason: mime };
  const layers = s.inputs.layers ?? [];
  if (layers.includes('verify') || layers.includes('verify-receipt') || (s.contentType === 'signedData' && !s.features.includes('certs-only'))) {
    return { supported: false, reason: 'node-forge does not implement PKCS#7 signature verification' };
  }
  switch (s.contentType) {
    case 'data': return { supported: false, reason: 'forge.pkcs7 reads no id-data ContentInfo (only signedData, envelopedData, encryptedData)' };
    case 'digestedData': return { supported: false, reason: 'forge.pkcs7 has no DigestedData' };
    case 'authData': return { supported: false, reason: 'forge.pkcs7 has no AuthenticatedData' };
    case 'authEnvelopedData': return { supported: false, reason: 'forge.pkcs7 has no AuthEnvelopedData' };
    case 'compressedData': return { supported: false, reason: 'forge.pkcs7 has no CompressedData' };
    case 'signedData': return { supported: true }; // certs-only
    default: break;
  }
  const cipher = s.algorithms.find((a) => a.endsWith('-cbc') || a === 'aes-gcm' || a === 'aes-ccm');
  if (!cipher || !CONTENT_CIPHERS.has(cipher)) return { supported: false, reason: `forge.pkcs7 has no content cipher ${cipher ?? '(none named)'}` };
  if (s.contentType === 'encryptedData') return s.inputs.kek ? { supported: true } : { supported: false, reason: 'no content-encryption key given' };
  // EnvelopedData: forge's reader takes key transport RecipientInfos with issuerAndSerialNumber only.
  if (!s.algorithms.includes('rsaes-pkcs1v15')) {
    const other = s.algorithms.find((a) => !CONTENT_CIPHERS.has(a));
    return { supported: false, reason: `forge.pkcs7 decrypts only RSAES-PKCS1-v1_5 key transport, not ${other ?? 'this key management'}` };
  }
  const kinds = ['kari', 'kekri', 'pwri'].filter((k) => s.features.includes(k as never));
  if (kinds.length) return { supported: false, reason: `forge.pkcs7 cannot read an EnvelopedData with ${kinds.join('/')} RecipientInfos` };
  if (s.features.includes('originator-info')) return { supported: false, reason: 'forge.pkcs7 cannot read an EnvelopedData with originatorInfo ("not a supported PKCS#7 message")' };
  if (s.features.includes('sid-ski')) return { supported: false, reason: 'forge.pkcs7 reads only issuerAndSerialNumber recipient identifiers' };
  if (!s.inputs.recipient) return { supported: false, reason: 'no recipient key given' };
  return { supported: true };
}

// ---------------------------------------------------------------------------------------------
// consuming

function certsOnly(l: LayerInput): ConsumeVerdict {
  const msg = parse(l.cms) as unknown as forge.pkcs7.PkcsSignedData & { type: string };
  if (msg.type !== OIDS.signedData) return { verdict: 'reject', error: 'not a SignedData' };
  return msg.certificates.length > 0 || (msg as unknown as { crls: unknown[] }).crls.length > 0
    ? { verdict: 'accept', content: null } : { verdict: 'reject', error: 'certs-only SignedData without certificates or CRLs' };
}

function decrypt(r: ConsumeRequest, l: LayerInput): ConsumeVerdict {
  const i = r.sample.inputs;
  if (!i.recipient) return { verdict: 'unsupported', reason: 'no recipient key given' };
  const certPem = readText(join(r.dir, i.recipient.cert));
  const keyPem = readText(join(r.dir, i.recipient.key));
  let cert: forge.pki.Certificate;
  let key: forge.pki.rsa.PrivateKey;
  try {
    cert = forge.pki.certificateFromPem(certPem);
    key = forge.pki.privateKeyFromPem(keyPem) as forge.pki.rsa.PrivateKey;
  } catch (e) {
    return { verdict: 'unsupported', reason: `node-forge cannot read the recipient's key or certificate: ${(e as Error).message}` };
  }
  const msg = parse(l.cms) as unknown as forge.pkcs7.PkcsEnvelopedData & { type: string };
  if (msg.type !== OIDS.envelopedData) return { verdict: 'reject', error: 'not an EnvelopedData' };
  const recipient = msg.findRecipient(cert);
  if (!recipient) return { verdict: 'reject', error: 'no RecipientInfo for the recipient certificate' };
  const alg = (recipient as unknown as { encryptedContent: { algorithm: string } }).encryptedContent.algorithm;
  if (alg === OID_RSAES_OAEP) return { verdict: 'unsupported', reason: 'forge.pkcs7 has no RSAES-OAEP key transport' };
  msg.decrypt(recipient, key);
  return contentOf(msg);
}

function encryptedData(r: ConsumeRequest, l: LayerInput): ConsumeVerdict {
  const kek = r.sample.inputs.kek;
  if (!kek) return { verdict: 'unsupported', reason: 'no content-encryption key given' };
  const msg = parse(l.cms) as unknown as { type: string; decrypt(key: forge.util.ByteStringBuffer): void; content?: forge.util.ByteStringBuffer };
  if (msg.type !== OIDS.encryptedData) return { verdict: 'reject', error: 'not an EncryptedData' };
  msg.decrypt(forge.util.createBuffer(Buffer.from(kek.key, 'hex').toString('binary')));
  return contentOf(msg);
}

function contentOf(msg: { content?: unknown }): ConsumeVerdict {
  const c = msg.content as forge.util.ByteStringBuffer | undefined;
  if (!c) return { verdict: 'reject', error: 'no content after decryption' };
  return { verdict: 'accept', content: fromBinary(c.bytes()) };
}

function openLayer(r: ConsumeRequest, l: LayerInput): ConsumeVerdict {
  switch (l.step) {
    case 'certs': return certsOnly(l);
    case 'decrypt': return decrypt(r, l);
    case 'encrypted-data': return encryptedData(r, l);
    default: return { verdict: 'unsupported', reason: `node-forge has no ${l.step}` };
  }
}

/** forge's messages for what it lacks, as opposed to what it refuses. */
const LACKS = [/OID is not RSA/i, /is not \(yet\) supported/i, /Unsupported (symmetric|asymmetric) cipher/i, /Only wrapped ContentType Data supported/i];

// ---------------------------------------------------------------------------------------------
// producing

function produceSigned(r: ProduceRequest, detached: boolean): Uint8Array {
  const cert = forge.pki.certificateFromPem(readText(join(r.keysDir, `${r.signer}.cert.pem`)));
  const key = forge.pki.privateKeyFromPem(readText(join(r.keysDir, `${r.signer}.key.pem`)));
  const p7 = forge.pkcs7.createSignedData();
  p7.content = forge.util.createBuffer(toBinary(r.content));
  p7.addCertificate(cert);
  p7.addSigner({
    key, certificate: cert, digestAlgorithm: OIDS.sha256,
    authenticatedAttributes: [{ type: OIDS.contentType, value: OIDS.data }, { type: OIDS.messageDigest }],
  });
  p7.sign({ detached });
  return fromBinary(forge.asn1.toDer(p7.toAsn1()).getBytes());
}

function produceEnveloped(r: ProduceRequest): Uint8Array {
  const cert = forge.pki.certificateFromPem(readText(join(r.keysDir, `${r.recipient}.cert.pem`)));
  const p7 = forge.pkcs7.createEnvelopedData();
  p7.addRecipient(cert);
  p7.content = forge.util.createBuffer(toBinary(r.content));
  p7.encrypt(undefined, OIDS.aes256Cbc);
  return fromBinary(forge.asn1.toDer(p7.toAsn1()).getBytes());
}

function forgeVersion(): string | null {
  try {
    // repoPath, not a path relative to this file: compiled into dist/ it is one level deeper.
    const path = repoPath('node_modules', 'node-forge', 'package.json');
    return (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version;
  } catch {
    return null;
  }
}

export const forgeAdapter: Adapter = {
  name: 'forge',
  lineage: 'forge',
  async probe() {
    const v = forgeVersion();
    return v ? { installed: true, version: `node-forge ${v}` } : { installed: false, reason: 'node-forge not in node_modules (npm ci)' };
  },
  consumes,
  async consume(r) {
    try {
      return await openLayers(r, async (l) => openLayer(r, l));
    } catch (e) {
      if (e instanceof HarnessError) return { verdict: 'error', error: e.message };
      const message = (e as Error)?.message ?? String(e);
      // A message using an algorithm or structure forge lacks is unsupported; anything else it
      // throws on (malformed ASN.1, bad padding, failed decryption) is its refusal.
      if (LACKS.some((x) => x.test(message))) return { verdict: 'unsupported', reason: `node-forge: ${message}` };
      return { verdict: 'reject', error: message };
    }
  },
  produces: ['signed-data/attached', 'signed-data/detached', 'enveloped-data/ktri'] satisfies ProduceFeature[],
  async produce(r): Promise<ProduceResult> {
    try {
      switch (r.feature) {
        case 'signed-data/attached': return { ok: true, bytes: produceSigned(r, false), format: 'der' };
        case 'signed-data/detached': return { ok: true, bytes: produceSigned(r, true), format: 'der' };
        case 'enveloped-data/ktri': return { ok: true, bytes: produceEnveloped(r), format: 'der' };
        default: return { ok: false, verdict: 'unsupported', reason: `node-forge does not produce ${r.feature}` };
      }
    } catch (e) {
      return { ok: false, verdict: 'error', reason: (e as Error).message };
    }
  },
  async close() {},
};
