/**
 * Crypto-side rules of CompressedData (RFC 3274 2): the eContent inflates as a ZLIB stream (RFC
 * 1950) within a bound on the output, so a decompression bomb is a finding rather than an
 * exhausted checker, and the result is compared with the expected content.
 */
import { inflateSync } from 'node:zlib';
import { OID } from '../../core/oids.ts';
import { where, type CheckContext } from '../context.ts';
import type { CompressedDataView } from '../cms/compressed-data.ts';
import { compareContent } from './content.ts';

/** The largest decompressed content the checker produces: 64 MiB. */
export const MAX_INFLATED = 64 * 1024 * 1024;

export function checkCompressedDataCrypto(ctx: CheckContext, v: CompressedDataView, expected: Uint8Array | null): void {
  const eci = v.encapContentInfo;
  if (v.compressionAlgorithm.oid !== OID.zlibCompress) {
    ctx.unchecked('cmsi/crypto-unverifiable', `compression algorithm ${v.compressionAlgorithm.oid} is not supported by this checker`, where(v.compressionAlgorithm.at));
    return;
  }
  if (!eci.eContent || !eci.eContentAt) {
    ctx.unchecked('cmsi/crypto-unverifiable', 'eContent is absent: nothing to decompress', where(eci.at));
    return;
  }
  let out: Uint8Array | null = null;
  let why = '';
  try {
    out = new Uint8Array(inflateSync(eci.eContent, { maxOutputLength: MAX_INFLATED }));
  } catch (e) {
    const code = (e as { code?: string }).code;
    why = code === 'ERR_BUFFER_TOO_LARGE' ? `it inflates to more than ${MAX_INFLATED} octets (a decompression bomb, or content beyond the checker's bound)` : 'it is not a complete ZLIB (RFC 1950) stream';
  }
  ctx.check('cmsi/decompression', !!out, out ? `eContent inflates to ${out.length} octets` : `eContent does not decompress: ${why}`, where(eci.eContentAt));
  // RFC 3274 2: id-alg-zlibCompress is ZLIB (RFC 1950/1951); a stream that is not complete ZLIB is
  // not what the identifier names. A bomb is complete ZLIB beyond the checker's bound: not cited.
  if (out || why.startsWith('it is not')) ctx.check('rfc3274/2/support-zlib', !!out, out ? 'eContent is a complete ZLIB stream' : 'eContent under id-alg-zlibCompress is not a complete ZLIB (RFC 1950) stream', where(eci.eContentAt));
  if (out) compareContent(ctx, out, expected, eci.eContentAt);
}
