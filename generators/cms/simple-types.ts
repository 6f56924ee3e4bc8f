/**
 * The content types with no keys: Data (RFC 5652 4), DigestedData (RFC 5652 7) and CompressedData
 * (RFC 3274). Compression uses fflate, a pure-JavaScript zlib, because Node's zlib output may differ
 * between zlib builds and the corpus must be identical on every machine.
 */
import { zlibSync } from 'fflate';
import { ber, int, octets, oid, seq, TAG } from '../../core/der/encode.ts';
import { OID } from '../../core/oids.ts';
import { DIGESTS, type DigestName } from './algorithms.ts';
import { contentInfo, type Encoding } from './content-info.ts';
import { encapContentInfo } from './signed-data.ts';

/**
 * ContentInfo with Data: DER, or BER with indefinite lengths and a constructed OCTET STRING cut
 * into `chunk`-octet pieces or into segments of the listed sizes (RFC 4134 3.1 uses 4 + 24).
 */
export function buildData(content: Uint8Array, encoding: Encoding, chunk: number | readonly number[] = 1024): Uint8Array {
  if (encoding === 'der') return contentInfo(OID.data, octets(content));
  return ber.indefinite(TAG.SEQUENCE, oid(OID.data), ber.indefinite(0xa0, ber.constructedOctets(content, chunk)));
}

/** DigestedData: version 0 when the content is id-data, else 2 (RFC 5652 7). */
export function buildDigestedData(content: Uint8Array, digest: DigestName, eContentType: string = OID.data): Uint8Array {
  const body = seq(
    int(eContentType === OID.data ? 0 : 2),
    DIGESTS[digest].identifier,
    encapContentInfo(eContentType, content, 'der'),
    octets(DIGESTS[digest].digest(content)),
  );
  return contentInfo(OID.digestedData, body);
}

/** CompressedData (RFC 3274 1.1): version 0, zlib with absent parameters (RFC 3274 2). */
export function buildCompressedData(content: Uint8Array, level: 0 | 6 | 9 = 9): Uint8Array {
  const compressed = zlibSync(content, { level });
  const body = seq(int(0), seq(oid(OID.zlibCompress)), encapContentInfo(OID.data, compressed, 'der'));
  return contentInfo(OID.compressedData, body);
}
