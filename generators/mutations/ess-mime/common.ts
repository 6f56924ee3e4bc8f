/**
 * Shared builders of the ess-mime mutations. Each rebuilds its base case the way the case does
 * (generators/cases/ess.ts, ess-receipt.ts, smime.ts, triple-wrap.ts) with one thing changed, so
 * the signature is computed over the defect and nothing else differs.
 */
import { OID } from '../../../core/oids.ts';
import type { CaseContext } from '../../case.ts';
import { DIGESTS } from '../../cms/algorithms.ts';
import { signingTimeAttr } from '../../cms/attributes.ts';
import { buildEnvelopedData } from '../../cms/enveloped-data.ts';
import { buildSignedData, buildSignedDataDetailed, type SignerSpec } from '../../cms/signed-data.ts';
import type { SignatureChoice } from '../../cms/signers.ts';
import { msgSigDigestAttr, receiptContent, type SecurityLabelSpec } from '../../ess/attributes.ts';
import { boundary, message, MICALG, multipartSigned, pkcs7MimeEntity, type SmimeType } from '../../mime/entity.ts';
import { ktri } from '../../cases/common.ts';
import { POLICY, POLICY_ALT } from '../../cases/ess.ts';
import { originalWithReceiptRequest, RECEIPT_REQUEST_ALL } from '../../cases/ess-receipt.ts';
import { bytesOf, headersFor } from '../../cases/smime-common.ts';

export const RSA256 = { kind: 'rsa-pkcs1-sha', digest: 'sha256' } as const satisfies SignatureChoice;

/** The ESS attribute cases' signer: RSA PKCS #1 v1.5 with SHA-256 and the given signed attributes. */
export function essSigner(ctx: CaseContext, id: string, signedAttrs: readonly Uint8Array[], extra: Partial<SignerSpec> = {}): SignerSpec {
  return { identity: ctx.cast.get(id), signature: RSA256, signedAttrs, ...extra };
}

/** The ESS attribute cases' message: the 'message' content, attached, each signer's certificate included. */
export function essMessage(ctx: CaseContext, signers: readonly SignerSpec[]): Uint8Array {
  return buildSignedData({ content: ctx.content('message'), signers, certificates: signers.map((s) => s.identity.certDer) }, ctx.rnd);
}

// ------------------------------------------------------------------ security labels (cases/ess.ts)

const CATEGORY = '2.25.262182419164151232453768510733522113573';
export const LABEL_PSTRING: SecurityLabelSpec = {
  policy: POLICY, classification: 3, privacyMark: { pString: 'CMSI SAMPLE CONFIDENTIAL' },
  categories: [{ type: CATEGORY, value: 'project cms-interop' }],
};
export const LABEL_UTF8: SecurityLabelSpec = { policy: POLICY, classification: 1, privacyMark: { utf8String: 'cms-interop – unclassified sample' } };
export const LABEL_ALT: SecurityLabelSpec = { policy: POLICY_ALT, classification: 2 };
/** The label of the triple-wrapped cases (cases/triple-wrap.ts). */
export const LABEL_TRIPLE: SecurityLabelSpec = { policy: POLICY, classification: 3, privacyMark: { pString: 'CMSI SAMPLE CONFIDENTIAL' } };

// ------------------------------------------------------------------ receipts (cases/ess-receipt.ts)

export interface ReceiptOptions {
  /** The Receipt content to sign instead of the right one. */
  readonly content?: (right: Uint8Array, original: ReturnType<typeof originalWithReceiptRequest>) => Uint8Array;
  /** The msgSigDigest value instead of the digest of the original's DER signed attributes. */
  readonly msgSigDigest?: (original: ReturnType<typeof originalWithReceiptRequest>) => Uint8Array;
  /** Edits the receipt signer's extra signed attributes (msgSigDigest, signingTime). */
  readonly attrs?: (attrs: Uint8Array[]) => Uint8Array[];
}

/** Erica's signed Receipt for Alice's receipt-requesting original, with one thing changed. */
export function receipt(ctx: CaseContext, o: ReceiptOptions): { bytes: Uint8Array; ownContent: { name: string; bytes: Uint8Array } } {
  const original = originalWithReceiptRequest(ctx);
  const right = receiptContent(OID.data, RECEIPT_REQUEST_ALL.signedContentIdentifier, original.signer.signature);
  const content = o.content ? o.content(right, original) : right;
  const msgSigDigest = o.msgSigDigest ? o.msgSigDigest(original) : DIGESTS.sha256.digest(original.signer.signedAttrsDer!);
  const standard = [msgSigDigestAttr(msgSigDigest), signingTimeAttr('2026-01-15T12:30:00Z')];
  const erica = ctx.cast.get('erica-rsa');
  const built = buildSignedDataDetailed({
    content,
    eContentType: OID.receipt,
    signers: [{ identity: erica, signature: RSA256, signedAttrs: o.attrs ? o.attrs(standard) : standard }],
    certificates: [erica.certDer],
  }, ctx.rnd);
  const same = Buffer.from(content).equals(Buffer.from(right));
  return { bytes: built.bytes, ownContent: { name: same ? 'receipt-erica.der' : `receipt-erica-${shortHash(content)}.der`, bytes: content } };
}

const shortHash = (b: Uint8Array): string => Buffer.from(DIGESTS.sha256.digest(b)).toString('hex').slice(0, 12);

// ------------------------------------------------------------------ S/MIME (cases/smime*.ts, triple-wrap.ts)

/** An application/pkcs7-mime signed-data entity by `signerId` over `content` (a MIME entity). */
export function signedEntity(ctx: CaseContext, signerId: string, content: string, attrs: readonly Uint8Array[], label: string, smimeType: SmimeType = 'signed-data'): string {
  const signer = ctx.cast.get(signerId);
  return pkcs7MimeEntity(buildSignedData({
    content: bytesOf(content),
    signers: [{ identity: signer, signature: RSA256, signedAttrs: attrs }],
    certificates: [signer.certDer],
  }, ctx.rnd.fork(label)), smimeType);
}

/** An application/pkcs7-mime enveloped-data entity (AES-256-CBC, RSA key transport). */
export function envelopedEntity(ctx: CaseContext, content: string, recipients: readonly string[], label: string): string {
  return pkcs7MimeEntity(buildEnvelopedData({
    content: bytesOf(content), cipher: 'aes-256-cbc',
    recipients: recipients.map((id) => ktri(ctx.cast, id, { padding: 'pkcs1' })),
  }, ctx.rnd.fork(label)), 'enveloped-data');
}

export interface MultipartOptions {
  /** The bytes the signature covers, when they are not the signed part as written. */
  readonly signOver?: string;
  readonly signers?: readonly { readonly id: string; readonly choice: SignatureChoice }[];
  /** Rewrites the multipart/signed Content-Type line. */
  readonly header?: (line: string) => string;
  readonly micalg?: string;
  /** Leaves eContent in the detached signature (builds an attached SignedData). */
  readonly attached?: boolean;
}

/** multipart/signed over `signedPart`, as cases/smime-common.ts builds it, with options for one defect. */
export function multipartMessage(ctx: CaseContext, id: string, signedPart: string, o: MultipartOptions = {}): Uint8Array {
  const signers = o.signers ?? [{ id: 'alice-rsa', choice: RSA256 }];
  const sig = buildSignedData({
    content: bytesOf(o.signOver ?? signedPart),
    detached: !o.attached,
    signers: signers.map((s) => ({ identity: ctx.cast.get(s.id), signature: s.choice, signedAttrs: [] })),
    certificates: signers.map((s) => ctx.cast.get(s.id).certDer),
  }, ctx.rnd.fork('multipart-signature'));
  const micalg = o.micalg ?? [...new Set(signers.map((s) => MICALG[s.choice.digest]!))].join(',');
  let entity = multipartSigned({ signedEntity: signedPart, signatureDer: sig, micalg, boundary: boundary(ctx.rnd.fork('boundary')) });
  if (o.header) {
    const end = entity.indexOf('\r\n');
    entity = o.header(entity.slice(0, end)) + entity.slice(end);
  }
  return bytesOf(message(headersFor(ctx, id), entity));
}

/** An RFC 5322 message around an entity, with the sample's headers. */
export const smimeMessage = (ctx: CaseContext, id: string, entity: string): Uint8Array => bytesOf(message(headersFor(ctx, id), entity));

/** Replaces `from` by `to` in a text sample once; throws when `from` is absent (the base changed). */
export function editText(bytes: Uint8Array, from: string, to: string): Uint8Array {
  const text = Buffer.from(bytes).toString('latin1');
  if (!text.includes(from)) throw new Error(`"${from}" not in the base sample`);
  return new Uint8Array(Buffer.from(text.replace(from, to), 'latin1'));
}
