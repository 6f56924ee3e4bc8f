/** Shared pieces of the S/MIME entity cases: the inner entity, message headers, signing helpers. */
import { OID } from '../../core/oids.ts';
import type { CaseContext } from '../case.ts';
import { buildSignedData, type SignerSpec } from '../cms/signed-data.ts';
import { message, multipartSigned, boundary, MICALG, textEntity, type MediaNames } from '../mime/entity.ts';
import type { SignatureChoice } from '../cms/signers.ts';

/** The MIME entity every S/MIME sample protects (RFC 8551 3.1: prepared, canonical CRLF). */
export const INNER_TEXT = [
  'This is the cms-interop S/MIME sample.',
  'It is a text/plain entity in canonical form: CRLF line ends, 7bit.',
  '',
].join('\r\n');

export const innerEntity = (): string => textEntity(INNER_TEXT);
export const INNER_ENTITY_FILE = 'smime-inner-entity.txt';
export const bytesOf = (s: string): Uint8Array => new TextEncoder().encode(s);

export function headersFor(ctx: CaseContext, id: string, from = 'alice@example.com', to = 'bob@example.com') {
  return {
    from, to,
    subject: `cms-interop sample ${id}`,
    date: 'Thu, 15 Jan 2026 12:00:00 +0000',
    messageId: `${Buffer.from(ctx.rnd.fork('message-id').bytes(8)).toString('hex')}@cms-interop.example`,
  };
}

export function toMessage(ctx: CaseContext, id: string, entity: string): Uint8Array {
  return bytesOf(message(headersFor(ctx, id), entity));
}

/** A multipart/signed entity over `signed` by `signerId`, the signature detached, DER. */
export function multipartSignedEntity(ctx: CaseContext, signed: string, signerId: string, choice: SignatureChoice,
  extraAttrs: readonly Uint8Array[] = [], names: MediaNames = 'current'): string {
  const signer: SignerSpec = { identity: ctx.cast.get(signerId), signature: choice, signedAttrs: extraAttrs };
  const sig = buildSignedData({ content: bytesOf(signed), detached: true, signers: [signer], certificates: [ctx.cast.get(signerId).certDer] }, ctx.rnd.fork('multipart-signature'));
  const micalg = MICALG[choice.digest];
  if (!micalg) throw new Error(`no micalg for ${choice.digest}`);
  return multipartSigned({ signedEntity: signed, signatureDer: sig, micalg, boundary: boundary(ctx.rnd.fork('boundary')), names });
}

export const DATA = OID.data;
