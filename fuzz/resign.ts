/**
 * Re-signing a mutated SignedData, so that only the defect the earlier steps made is wrong: the
 * first signer's message-digest attribute is recomputed with the digest algorithm its SignerInfo
 * names now, and the signature is made again over the signed attributes (or the content) with the
 * algorithm its signatureAlgorithm names now (RSA PKCS #1 v1.5, or RSASSA-PSS with the parameters
 * it carries). That is how a digest/parameter mismatch such as RFC 8933 3.1's reaches a stack's
 * verification logic instead of failing at the signature. PSS salts come from a SeededRandom keyed
 * by the message, so the same steps give the same bytes. Anything else (ECDSA, EdDSA, a message
 * that no longer parses) is left as it is.
 */
import { createHash, createPrivateKey, sign, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { contentOf, readDer, type DerNode } from '../core/der/reader.ts';
import { concat } from '../core/der/encode.ts';
import { decodeOid } from '../core/der/values.ts';
import { OID } from '../core/oids.ts';
import { replaceContent } from '../generators/mutations/tlv-edit.ts';
import { rsaPssSign, type RsaHash } from '../generators/crypto/rsa.ts';
import { SeededRandom } from '../generators/random.ts';

const HASHES: Record<string, RsaHash> = { [OID.sha1]: 'sha1', [OID.sha256]: 'sha256', [OID.sha384]: 'sha384', [OID.sha512]: 'sha512' };
const RSA_PKCS1 = new Set<string>([OID.rsaEncryption, OID.sha1WithRSAEncryption, OID.sha256WithRSAEncryption, OID.sha384WithRSAEncryption, OID.sha512WithRSAEncryption]);

const oidAt = (bytes: Uint8Array, n: DerNode | undefined): string | null => {
  if (!n || n.tag !== 6 || n.cls !== 'universal') return null;
  const d = decodeOid(contentOf(bytes, n));
  return d.ok ? d.value : null;
};

/** The octets of an OCTET STRING, primitive or (BER) constructed. */
const octetsOf = (bytes: Uint8Array, n: DerNode): Uint8Array => (n.constructed ? concat(...n.children.map((c) => octetsOf(bytes, c))) : contentOf(bytes, n));

interface SignerPaths {
  readonly signer: number[];
  readonly node: DerNode;
  readonly content: Uint8Array | null;
}

function firstSigner(bytes: Uint8Array): SignerPaths | null {
  const root = readDer(bytes, { allowTrailing: true }).root;
  const sd = root?.children[1]?.children[0];
  if (!root || !sd || oidAt(bytes, root.children[0]) !== OID.signedData) return null;
  const infos = sd.children[sd.children.length - 1];
  const si = infos?.children[0];
  if (!infos || !si || infos.tag !== 17) return null;
  const ec = sd.children[2]?.children[1]?.children[0];
  return { signer: [1, 0, sd.children.length - 1, 0], node: si, content: ec ? octetsOf(bytes, ec) : null };
}

function pssParams(bytes: Uint8Array, params: DerNode | undefined): { hash: RsaHash; mgf: RsaHash; salt: number } | null {
  let hash: RsaHash = 'sha1';
  let mgf: RsaHash = 'sha1';
  let salt = 20;
  for (const f of params?.children ?? []) {
    if (f.cls !== 'context') continue;
    const h = f.tag === 0 ? HASHES[oidAt(bytes, f.children[0]?.children[0]) ?? ''] : f.tag === 1 ? HASHES[oidAt(bytes, f.children[0]?.children[1]?.children[0]) ?? ''] : undefined;
    if (f.tag === 0) { if (!h) return null; hash = h; }
    if (f.tag === 1) { if (!h) return null; mgf = h; }
    if (f.tag === 2) {
      const v = f.children[0];
      if (!v || v.length > 2) return null;
      salt = [...contentOf(bytes, v)].reduce((a, b) => a * 256 + b, 0);
    }
  }
  return { hash, mgf, salt };
}

/**
 * Makes a re-signer for messages signed with `key`; `detached` is the content of a detached
 * signature (the manifest's content file).
 */
export function makeResigner(key: KeyObject | null, detached: Uint8Array | null): (bytes: Uint8Array) => Uint8Array {
  return (input) => {
    if (!key) return input;
    let bytes = input;
    let s = firstSigner(bytes);
    if (!s) return input;
    const digestName = HASHES[oidAt(bytes, s.node.children[2]?.children[0]) ?? ''];
    const content = s.content ?? detached;
    if (!digestName || !content) return input;
    const attrsIndex = s.node.children.findIndex((c, i) => i >= 3 && c.cls === 'context' && c.tag === 0);
    if (attrsIndex >= 0) {
      const attrs = s.node.children[attrsIndex]!;
      const md = attrs.children.findIndex((a) => oidAt(bytes, a.children[0]) === OID.messageDigest);
      const value = attrs.children[md]?.children[1]?.children[0];
      if (md >= 0 && value && !value.constructed) {
        bytes = replaceContent(bytes, [...s.signer, attrsIndex, md, 1, 0], createHash(digestName).update(content).digest());
        s = firstSigner(bytes);
        if (!s) return input;
      }
    }
    const attrs = attrsIndex >= 0 ? s.node.children[attrsIndex]! : null;
    // RFC 5652 5.4: the signature covers the DER of signedAttrs with an EXPLICIT SET OF tag.
    const message = attrs ? concat(Uint8Array.of(0x31), bytes.subarray(attrs.offset + 1, attrs.end)) : content;
    const sigAlgIndex = (attrsIndex >= 0 ? attrsIndex : 2) + 1;
    const sigAlg = s.node.children[sigAlgIndex];
    const algorithm = oidAt(bytes, sigAlg?.children[0]);
    let signature: Uint8Array;
    if (algorithm && RSA_PKCS1.has(algorithm)) {
      signature = new Uint8Array(sign(digestName, message, key));
    } else if (algorithm === OID.rsassaPss) {
      const p = pssParams(bytes, sigAlg?.children[1]);
      if (!p) return bytes;
      const rnd = new SeededRandom('cmsi-fuzz-resign', createHash('sha256').update(message).digest('hex'));
      try {
        signature = rsaPssSign(key, p.hash, p.mgf, p.salt, message, rnd);
      } catch {
        return bytes; // a salt too long for the modulus: the defect stays, unsigned
      }
    } else {
      return bytes;
    }
    const sigNode = s.node.children[sigAlgIndex + 1];
    if (!sigNode || sigNode.tag !== 4 || sigNode.constructed) return bytes;
    return replaceContent(bytes, [...s.signer, sigAlgIndex + 1], signature);
  };
}

/** The private key beside a cast certificate (keys/<id>.cert.pem -> keys/<id>.key.pem), if any. */
export function keyBesideCertificate(certPath: string): KeyObject | null {
  try {
    return createPrivateKey(readFileSync(certPath.replace(/\.cert\.pem$/, '.key.pem'), 'utf8'));
  } catch {
    return null;
  }
}
