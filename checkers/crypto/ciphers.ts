/**
 * Symmetric decryption for the checker: content ciphers (CBC with a strict RFC 5652 6.3 padding
 * check, RC2-CBC, AES-GCM/CCM of RFC 5084) and key unwrap (AES key wrap RFC 3394/3565, Triple-DES
 * and RC2 key wrap RFC 3217 via RFC 3370 4.3, PWRI-KEK RFC 3211 2.3.2). Every function returns
 * null on any failure without saying why: a caller must not turn padding errors into a message
 * that differs from other failures (a padding oracle in the report text).
 */
import { createDecipheriv, createHash } from 'node:crypto';
import { OID } from '../../core/oids.ts';
import type { AlgorithmIdentifier } from '../cms/fields.ts';
import { CONTENT_CIPHERS, KEY_WRAPS, isInteger, parseAeadParams, parseIv, parseRc2CbcParams, rc2EffectiveBits, smallInt } from '../cms/algorithms.ts';
import { rc2CbcDecryptRaw } from './rc2.ts';

const concat = (...parts: Uint8Array[]): Uint8Array => new Uint8Array(Buffer.concat(parts));

/** RFC 5652 6.3: n octets of value n, 1 <= n <= k, over a non-empty whole number of blocks. */
function unpad(pt: Uint8Array, blockSize: number): Uint8Array | null {
  if (pt.length === 0 || pt.length % blockSize !== 0) return null;
  const n = pt[pt.length - 1]!;
  let bad = n === 0 || n > blockSize ? 1 : 0;
  for (let i = 1; i <= blockSize; i++) {
    if (i <= n && pt[pt.length - i] !== n) bad |= 1;
  }
  return bad ? null : pt.subarray(0, pt.length - n);
}

function cbcRaw(name: string, key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array | null {
  try {
    const d = createDecipheriv(name, key, iv);
    d.setAutoPadding(false);
    return concat(d.update(data), d.final());
  } catch {
    return null;
  }
}

/** What a content-encryption AlgorithmIdentifier needs, or why the checker cannot use it. */
export type ContentDecryptor =
  | { readonly ok: true; readonly keyLength: number | null; readonly aead: boolean; decrypt(key: Uint8Array, ciphertext: Uint8Array, tag: Uint8Array | null, aad: Uint8Array): Uint8Array | null }
  | { readonly ok: false; readonly reason: string };

export function contentDecryptor(bytes: Uint8Array, a: AlgorithmIdentifier): ContentDecryptor {
  const c = CONTENT_CIPHERS[a.oid];
  if (!c) return { ok: false, reason: `content-encryption algorithm ${a.oid} is not supported by this checker` };
  if (c.mode === 'cbc') {
    const iv = parseIv(bytes, a, c.blockSize);
    if (!iv.ok) return { ok: false, reason: `${c.node} parameters unusable: ${iv.error}` };
    return {
      ok: true, keyLength: c.keyLength, aead: false,
      decrypt: (key, ct) => {
        if (key.length !== c.keyLength || ct.length === 0 || ct.length % c.blockSize !== 0) return null;
        const pt = cbcRaw(c.node, key, iv.value, ct);
        return pt ? unpad(pt, c.blockSize) : null;
      },
    };
  }
  if (c.mode === 'rc2-cbc') {
    const p = parseRc2CbcParams(bytes, a);
    if (!p.ok) return { ok: false, reason: `rc2-cbc parameters unusable: ${p.error}` };
    const bits = p.value.effectiveBits;
    if (bits === null) return { ok: false, reason: `rc2ParameterVersion ${p.value.version} names an effective key size this checker does not map` };
    return {
      ok: true, keyLength: null, aead: false,
      decrypt: (key, ct) => {
        if (key.length < 1 || key.length > 128 || ct.length === 0 || ct.length % 8 !== 0) return null;
        return unpad(rc2CbcDecryptRaw(key, bits, p.value.iv, ct), 8);
      },
    };
  }
  const p = parseAeadParams(bytes, a, c.mode);
  if (!p.ok) return { ok: false, reason: `AES-${c.mode.toUpperCase()} parameters unusable: ${p.error}` };
  const name = `aes-${c.keyLength * 8}-${c.mode}`;
  return {
    ok: true, keyLength: c.keyLength, aead: true,
    decrypt: (key, ct, tag, aad) => {
      if (!tag || key.length !== c.keyLength || tag.length !== p.value.icvLength) return null;
      try {
        if (c.mode === 'gcm') {
          const d = createDecipheriv(name as 'aes-128-gcm', key, p.value.nonce, { authTagLength: tag.length });
          d.setAuthTag(tag);
          d.setAAD(aad);
          return concat(d.update(ct), d.final());
        }
        const d = createDecipheriv(name as 'aes-128-ccm', key, p.value.nonce, { authTagLength: tag.length });
        d.setAuthTag(tag);
        d.setAAD(aad, { plaintextLength: ct.length });
        const out = d.update(ct);
        d.final();
        return new Uint8Array(out);
      } catch {
        return null;
      }
    },
  };
}

const AES_KW_IV = Buffer.from('a6a6a6a6a6a6a6a6', 'hex');
const RFC3217_IV = new Uint8Array(Buffer.from('4adda22c79e82105', 'hex'));

/** RFC 3217 4.2 (RFC 3370 4.3.2): RC2 key unwrap, with the SHA-1 ICV and the length/pad checks. */
function rc2Unwrap(kek: Uint8Array, effectiveBits: number, wrapped: Uint8Array): Uint8Array | null {
  if (wrapped.length % 8 !== 0 || wrapped.length < 24) return null;
  const temp2 = rc2CbcDecryptRaw(kek, effectiveBits, RFC3217_IV, wrapped).reverse();
  const iv = temp2.subarray(0, 8);
  const lcekpadicv = rc2CbcDecryptRaw(kek, effectiveBits, iv, temp2.subarray(8));
  const lcekpad = lcekpadicv.subarray(0, lcekpadicv.length - 8);
  const icv = lcekpadicv.subarray(lcekpadicv.length - 8);
  const sum = createHash('sha1').update(lcekpad).digest().subarray(0, 8);
  if (!Buffer.from(icv).equals(sum)) return null;
  const n = lcekpad[0]!;
  if (n === 0 || n > lcekpad.length - 1 || lcekpad.length - 1 - n > 7) return null;
  return lcekpad.slice(1, 1 + n);
}

/** Unwraps `wrapped` with the KEK under a key wrap algorithm; 'unsupported' for an unknown one. */
export function unwrapKey(bytes: Uint8Array, wrap: AlgorithmIdentifier, kek: Uint8Array, wrapped: Uint8Array): Uint8Array | null | 'unsupported' {
  const w = KEY_WRAPS[wrap.oid];
  if (!w) return 'unsupported';
  if (kek.length !== w.kekLength) return null;
  if (wrap.oid === OID.cmsRC2wrap) {
    const v = isInteger(wrap.params) ? smallInt(bytes, wrap.params) : null;
    const bits = v === null ? null : rc2EffectiveBits(v);
    if (bits === null) return 'unsupported';
    return rc2Unwrap(kek, bits, wrapped);
  }
  try {
    if (wrap.oid === OID.cms3DESwrap) {
      if (wrapped.length !== 40) return null;
      const d = createDecipheriv('id-smime-alg-CMS3DESwrap', kek, null);
      return concat(d.update(wrapped), d.final());
    }
    if (wrapped.length % 8 !== 0 || wrapped.length < 24) return null;
    const d = createDecipheriv(w.name, kek, AES_KW_IV);
    return concat(d.update(wrapped), d.final());
  } catch {
    return null;
  }
}

/** The KEK cipher of id-alg-PWRI-KEK: a CBC cipher and its IV (RFC 3211 2.2). */
export function pwriInnerCipher(bytes: Uint8Array, inner: AlgorithmIdentifier): { name: string; keyLength: number; blockSize: number; iv: Uint8Array } | null {
  const c = CONTENT_CIPHERS[inner.oid];
  if (!c || c.mode !== 'cbc') return null;
  const iv = parseIv(bytes, inner, c.blockSize);
  return iv.ok ? { name: c.node, keyLength: c.keyLength, blockSize: c.blockSize, iv: iv.value } : null;
}

/**
 * RFC 3211 2.3.2 steps 1-3 only: both CBC layers removed, the formatted block (count, check
 * value, CEK, padding) returned without any format verification; null when the length is not a
 * whole number of at least two blocks.
 */
export function pwriInnerBlock(cipher: { name: string; blockSize: number; iv: Uint8Array }, kek: Uint8Array, wrapped: Uint8Array): Uint8Array | null {
  const b = cipher.blockSize;
  const n = wrapped.length / b;
  if (!Number.isInteger(n) || n < 2) return null;
  const lastIv = wrapped.subarray((n - 2) * b, (n - 1) * b);
  const last = cbcRaw(cipher.name, kek, lastIv, wrapped.subarray((n - 1) * b));
  if (!last) return null;
  const head = cbcRaw(cipher.name, kek, last, wrapped.subarray(0, (n - 1) * b));
  if (!head) return null;
  return cbcRaw(cipher.name, kek, cipher.iv, concat(head, last));
}

/**
 * RFC 3211 2.3.2: undo the outer layer (decrypt block n with block n-1 as IV, then blocks
 * 1..n-1 with the decrypted block n as IV), decrypt the inner layer with the given IV, then check
 * the CEK byte count and the complemented check bytes. `cekLength`, when known, must match.
 */
export function pwriUnwrap(cipher: { name: string; blockSize: number; iv: Uint8Array }, kek: Uint8Array, wrapped: Uint8Array, cekLength: number | null): Uint8Array | null {
  const inner = pwriInnerBlock(cipher, kek, wrapped);
  if (!inner) return null;
  const count = inner[0]!;
  if (count < 5 || count > inner.length - 4 || (cekLength !== null && count !== cekLength)) return null;
  const cek = inner.subarray(4, 4 + count);
  const check = (inner[1]! ^ cek[0]!) & (inner[2]! ^ (cek[1] ?? 0)) & (inner[3]! ^ (cek[2] ?? 0));
  return check === 0xff ? cek.slice() : null;
}
