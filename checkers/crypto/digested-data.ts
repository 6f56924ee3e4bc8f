/** Crypto rules of DigestedData (RFC 5652 7): the digest field against the digest of the eContent value octets. */
import { where, type CheckContext } from '../context.ts';
import type { DigestedDataView } from '../cms/digested-data.ts';
import { digest } from './algorithms.ts';
import { bytesEqual } from './certificates.ts';
import { compareContent } from './content.ts';

export function checkDigestedDataCrypto(ctx: CheckContext, v: DigestedDataView, expected: Uint8Array | null): void {
  const eci = v.encapContentInfo;
  const data = eci.eContent ?? expected;
  if (!data) {
    ctx.unchecked('cmsi/crypto-unverifiable', 'no content to digest (eContent absent: pass --content)', where(eci.at));
    return;
  }
  const got = digest(v.digestAlgorithm.oid, data);
  if (!got) {
    ctx.unchecked('cmsi/crypto-unverifiable', `digest algorithm ${v.digestAlgorithm.oid} is not supported`, where(v.digestAlgorithm.at));
    return;
  }
  const same = bytesEqual(got, v.digest);
  const message = same ? 'digest equals the digest of the content' : 'digest does not match the digest of the content';
  ctx.check('cmsi/digest-valid', same, message, where(v.digestAt));
  ctx.check('rfc5652/7/digest-matches-content', same, message, where(v.digestAt));
  if (eci.eContent && eci.eContentAt) compareContent(ctx, eci.eContent, expected, eci.eContentAt);
}
