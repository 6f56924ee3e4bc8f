/**
 * KEMRecipientInfo (RFC 9629 3) for ML-KEM (RFC 9936), carried as OtherRecipientInfo
 * ([4] IMPLICIT, oriType id-ori-kem). The sender encapsulates to the recipient's ML-KEM public key
 * (m from the sample's stream), derives the KEK from the shared secret with HKDF (RFC 8619: salt
 * absent, info = DER of CMSORIforKEMOtherInfo { wrap, kekLength, ukm }, RFC 9629 5) and wraps the
 * CEK with AES key wrap. RFC 9936 3: ML-KEM-512 with HKDF-SHA256 and id-aes128-wrap, ML-KEM-768 and
 * ML-KEM-1024 with HKDF-SHA256 and id-aes256-wrap; kekLength equals the wrap key's length.
 */
import { ctxPrimitive, explicit, int, octets, oid, seq, implicit } from '../../core/der/encode.ts';
import { OID } from '../../core/oids.ts';
import type { Identity } from '../cast.ts';
import { hkdf } from '../crypto/kdf.ts';
import { aesKeyWrap } from '../crypto/keywrap.ts';
import { pqEncapsulate, PQ_OID, isKem } from '../crypto/pq.ts';
import type { SeededRandom } from '../random.ts';
import type { RidKind, WrapName } from './recipients.ts';
import { kekBytes, wrapIdentifier } from './recipients.ts';

export interface KemriOptions {
  readonly wrap: Extract<WrapName, 'aes128-wrap' | 'aes192-wrap' | 'aes256-wrap'>;
  readonly rid?: RidKind;
  readonly ukm?: Uint8Array;
  /** Deliberate defects for the invalid corpus: a kekLength other than the wrap key's (the KEK is still derived with the right one). */
  readonly declaredKekLength?: number;
  /** Cut the KEM ciphertext to this many octets. */
  readonly truncateKemct?: number;
}

/** CMSORIforKEMOtherInfo (RFC 9629 5), the HKDF info. */
export function kemOtherInfo(wrap: Uint8Array, kekLength: number, ukm?: Uint8Array): Uint8Array {
  return seq(wrap, int(kekLength), ...(ukm ? [explicit(0, octets(ukm))] : []));
}

export function kemRecipient(r: Identity, cek: Uint8Array, o: KemriOptions, rnd: SeededRandom): Uint8Array {
  const pq = r.pq;
  if (!pq || !isKem(pq.alg)) throw new Error(`${r.id} has no ML-KEM key`);
  const { ct, ss } = pqEncapsulate(pq.alg, pq.publicKey, rnd.fork('kem'));
  const kekLength = kekBytes(o.wrap);
  const wrap = wrapIdentifier(o.wrap);
  const kek = hkdf('sha256', ss, new Uint8Array(), kemOtherInfo(wrap, kekLength, o.ukm), kekLength);
  const rid = o.rid ?? 'issuerAndSerial';
  const kemri = seq(
    int(0), // RFC 9629 3: version is always 0
    rid === 'ski' ? ctxPrimitive(0, r.ski) : r.issuerAndSerial,
    seq(oid(PQ_OID[pq.alg])),
    octets(o.truncateKemct === undefined ? ct : ct.subarray(0, o.truncateKemct)),
    seq(oid(OID.hkdfWithSha256)),
    int(o.declaredKekLength ?? kekLength),
    ...(o.ukm ? [explicit(0, octets(o.ukm))] : []),
    wrap,
    octets(aesKeyWrap(kek, cek)),
  );
  return implicit(4, seq(oid(OID.oriKem), kemri));
}
