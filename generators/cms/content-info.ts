/** ContentInfo (RFC 5652 3) in DER, or BER with indefinite lengths. */
import { ber, explicit, oid, seq, TAG } from '../../core/der/encode.ts';

export type Encoding = 'der' | 'ber';

export function contentInfo(contentType: string, content: Uint8Array, encoding: Encoding = 'der'): Uint8Array {
  if (encoding === 'der') return seq(oid(contentType), explicit(0, content));
  return ber.indefinite(TAG.SEQUENCE, oid(contentType), ber.indefinite(0xa0, content));
}
