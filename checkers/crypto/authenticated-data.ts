/**
 * Crypto rules of AuthenticatedData (RFC 5652 9.2-9.3): the message-digest attribute against the
 * digest of the eContent value octets (no key needed), and, with the MAC key recovered from the
 * RecipientInfos, the HMAC over the DER authAttrs re-tagged SET OF (or over the content when
 * there are no authAttrs) against the mac field. The content is compared with the expected one.
 */
import { createHmac } from 'node:crypto';
import { OID } from '../../core/oids.ts';
import { where, type CheckContext } from '../context.ts';
import { at, content } from '../cms/fields.ts';
import type { AuthenticatedDataView } from '../cms/authenticated-data.ts';
import { HMACS } from '../cms/algorithms.ts';
import { digest } from './algorithms.ts';
import { bytesEqual } from './certificates.ts';
import { compareContent, distinctKeys, retaggedSetOf } from './content.ts';
import type { ContentCryptoOptions } from './enveloped-data.ts';
import { recoverKeys } from './recipients.ts';

export function checkAuthenticatedDataCrypto(ctx: CheckContext, v: AuthenticatedDataView, options: ContentCryptoOptions): void {
  const eci = v.encapContentInfo;
  const data = eci.eContent ?? options.content;
  const md = v.authAttrs?.attrs.find((a) => a.type === OID.messageDigest);
  const mdValue = md?.values[0];
  if (v.authAttrs && md && mdValue && v.digestAlgorithm) {
    const got = data ? digest(v.digestAlgorithm.oid, data) : null;
    if (!data) ctx.unchecked('cmsi/crypto-unverifiable', 'no content to check the message-digest attribute against (eContent absent: pass --content)', where(eci.at));
    else if (!got) ctx.unchecked('cmsi/crypto-unverifiable', `digest algorithm ${v.digestAlgorithm.oid} is not supported`, where(v.digestAlgorithm.at));
    else {
      const same = bytesEqual(got, content(ctx, mdValue));
      ctx.check('rfc5652/9.3/message-digest-attribute-matches', same, same ? 'message-digest matches the digest of the content' : 'message-digest does not match the digest of the content',
        where(at(`${md.at.path}.values[0]`, mdValue)));
    }
  }
  if (eci.eContent && eci.eContentAt) compareContent(ctx, eci.eContent, options.content, eci.eContentAt);
  const keys = recoverKeys(ctx, v.recipientInfos, options, (k) => (k.length ? null : 'an empty MAC key'));
  if (!keys.length) return;
  const hash = HMACS[v.macAlgorithm.oid];
  if (!hash) {
    ctx.unchecked('cmsi/crypto-unverifiable', `MAC algorithm ${v.macAlgorithm.oid} is not supported by this checker`, where(v.macAlgorithm.at));
    return;
  }
  const input = v.authAttrs ? retaggedSetOf(ctx, v.authAttrs.at) : data;
  if (!input) {
    ctx.unchecked('cmsi/crypto-unverifiable', 'no content to compute the MAC over (eContent absent: pass --content)', where(eci.at));
    return;
  }
  for (const k of distinctKeys(keys)) {
    const mac = new Uint8Array(createHmac(hash, k.key).update(input).digest());
    const same = bytesEqual(mac, v.mac);
    const from = k.at.path.replace(/\.encryptedKey$/, '');
    const message = same ? `HMAC-${hash.toUpperCase()} over ${v.authAttrs ? 'authAttrs' : 'the content'} with the key from ${from} equals mac`
      : `HMAC-${hash.toUpperCase()} over ${v.authAttrs ? 'authAttrs' : 'the content'} with the key from ${from} differs from mac`;
    ctx.check('cmsi/mac-valid', same, message, where(v.macAt));
    ctx.check('rfc5652/9.3/mac-matches', same, message, where(v.macAt));
  }
}
