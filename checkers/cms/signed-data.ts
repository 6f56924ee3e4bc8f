/**
 * A read-only view of SignedData (RFC 5652 5) over the strict reader's tree, with paths. Built
 * once per message; the rules read it. Structural problems are recorded while building and the
 * affected part is left out, so one broken SignerInfo does not hide the others.
 */
import type { DerNode } from '../../core/der/reader.ts';
import { where, type CheckContext, type Located } from '../context.ts';
import {
  algorithmIdentifier, at, attributes, expectUniversal, intValue, isContext, isUniversal, octetsValue, oidValue, UNIVERSAL,
  type AlgorithmIdentifier, type Attribute,
} from './fields.ts';

export interface SignerInfoView {
  readonly at: Located;
  readonly version: number | null;
  readonly sid: { readonly kind: 'issuerAndSerial' | 'ski'; readonly node: DerNode };
  readonly digestAlgorithm: AlgorithmIdentifier;
  /** [0] IMPLICIT SET OF Attribute, with the node (whose bytes, re-tagged 0x31, were signed). */
  readonly signedAttrs: { readonly at: Located; readonly attrs: readonly Attribute[] } | null;
  readonly signatureAlgorithm: AlgorithmIdentifier;
  readonly signature: Uint8Array;
  readonly signatureAt: Located;
  readonly unsignedAttrs: { readonly at: Located; readonly attrs: readonly Attribute[] } | null;
}

export interface SignedDataView {
  readonly at: Located;
  readonly version: number | null;
  readonly versionAt: Located;
  readonly digestAlgorithms: readonly AlgorithmIdentifier[];
  readonly digestAlgorithmsAt: Located;
  readonly eContentType: string;
  readonly eContentTypeAt: Located;
  /** null when detached (or certs-only). */
  readonly eContent: Uint8Array | null;
  readonly eContentAt: Located | null;
  readonly certificates: readonly DerNode[];
  readonly certificatesAt: Located | null;
  readonly crls: readonly DerNode[];
  readonly signerInfos: readonly SignerInfoView[];
  readonly signerInfosAt: Located;
}

export function signerInfo(ctx: CheckContext, l: Located): SignerInfoView | null {
  if (!expectUniversal(ctx, l, UNIVERSAL.SEQUENCE, 'SignerInfo')) return null;
  const f = l.node.children;
  let i = 0;
  const version = f[i] ? intValue(ctx, at(`${l.path}.version`, f[i]!), 'SignerInfo version') : null;
  i++;
  const sidNode = f[i++];
  if (!sidNode) return ctx.structure('SignerInfo ends before sid', where(l));
  let sidKind: 'issuerAndSerial' | 'ski';
  if (isUniversal(sidNode, UNIVERSAL.SEQUENCE)) sidKind = 'issuerAndSerial';
  else if (isContext(sidNode, 0) && !sidNode.constructed) sidKind = 'ski';
  else return ctx.structure('sid is neither IssuerAndSerialNumber nor [0] SubjectKeyIdentifier', where(at(`${l.path}.sid`, sidNode)));
  const dNode = f[i++];
  const digestAlgorithm = dNode ? algorithmIdentifier(ctx, at(`${l.path}.digestAlgorithm`, dNode), 'digestAlgorithm') : null;
  if (!digestAlgorithm) return dNode ? null : ctx.structure('SignerInfo ends before digestAlgorithm', where(l));
  let signedAttrs: SignerInfoView['signedAttrs'] = null;
  const maybeSigned: DerNode | undefined = f[i];
  if (maybeSigned && isContext(maybeSigned, 0) && maybeSigned.constructed) {
    const sl = at(`${l.path}.signedAttrs`, maybeSigned);
    signedAttrs = { at: sl, attrs: attributes(ctx, sl, 'signedAttrs') };
    i++;
  }
  const sNode = f[i++];
  const signatureAlgorithm = sNode ? algorithmIdentifier(ctx, at(`${l.path}.signatureAlgorithm`, sNode), 'signatureAlgorithm') : null;
  if (!signatureAlgorithm) return sNode ? null : ctx.structure('SignerInfo ends before signatureAlgorithm', where(l));
  const sigNode = f[i++];
  const signatureAt = sigNode ? at(`${l.path}.signature`, sigNode) : null;
  const signature = signatureAt ? octetsValue(ctx, signatureAt, 'signature') : null;
  if (!signature || !signatureAt) return sigNode ? null : ctx.structure('SignerInfo ends before signature', where(l));
  let unsignedAttrs: SignerInfoView['unsignedAttrs'] = null;
  const maybeUnsigned: DerNode | undefined = f[i];
  if (maybeUnsigned && isContext(maybeUnsigned, 1) && maybeUnsigned.constructed) {
    const ul = at(`${l.path}.unsignedAttrs`, maybeUnsigned);
    unsignedAttrs = { at: ul, attrs: attributes(ctx, ul, 'unsignedAttrs') };
    i++;
  }
  if (f[i]) ctx.structure('SignerInfo has fields after unsignedAttrs', where(at(l.path, f[i]!)));
  return { at: l, version, sid: { kind: sidKind, node: sidNode }, digestAlgorithm, signedAttrs, signatureAlgorithm, signature, signatureAt, unsignedAttrs };
}

/**
 * RFC 5652 5.1: the content under id-signedData "shall have ASN.1 type SignedData". Every
 * structural failure found while reading it (cmsi/asn1-structure) is also reported under that id.
 */
export function signedDataView(ctx: CheckContext, l: Located): SignedDataView | null {
  const before = ctx.findings.length;
  const view = readSignedData(ctx, l);
  for (const f of ctx.findings.slice(before).filter((x) => x.rule === 'cmsi/asn1-structure')) {
    ctx.fail('rfc5652/5.1/signed-data-asn1-type', `not SignedData: ${f.message}`, { path: f.path, offset: f.offset, length: f.length });
  }
  return view;
}

function readSignedData(ctx: CheckContext, l: Located): SignedDataView | null {
  if (!expectUniversal(ctx, l, UNIVERSAL.SEQUENCE, 'SignedData')) return null;
  const f = l.node.children;
  const [vNode, daNode, encapNode] = f;
  if (!vNode || !daNode || !encapNode) return ctx.structure('SignedData has fewer than version, digestAlgorithms, encapContentInfo', where(l));
  const versionAt = at(`${l.path}.version`, vNode);
  const version = intValue(ctx, versionAt, 'SignedData version');
  const digestAlgorithmsAt = at(`${l.path}.digestAlgorithms`, daNode);
  if (!expectUniversal(ctx, digestAlgorithmsAt, UNIVERSAL.SET, 'digestAlgorithms')) return null;
  const digestAlgorithms = daNode.children.map((c, i) => algorithmIdentifier(ctx, at(`${l.path}.digestAlgorithms[${i}]`, c), 'digestAlgorithm'))
    .filter((a): a is AlgorithmIdentifier => a !== null);
  const encapAt = at(`${l.path}.encapContentInfo`, encapNode);
  if (!expectUniversal(ctx, encapAt, UNIVERSAL.SEQUENCE, 'EncapsulatedContentInfo')) return null;
  const [tNode, cNode] = encapNode.children;
  if (!tNode) return ctx.structure('EncapsulatedContentInfo has no eContentType', where(encapAt));
  const eContentTypeAt = at(`${encapAt.path}.eContentType`, tNode);
  const eContentType = oidValue(ctx, eContentTypeAt, 'eContentType');
  if (eContentType === null) return null;
  let eContent: Uint8Array | null = null;
  let eContentAt: Located | null = null;
  if (cNode) {
    if (!isContext(cNode, 0) || !cNode.constructed || cNode.children.length !== 1) {
      return ctx.structure('eContent is not [0] EXPLICIT OCTET STRING', where(at(`${encapAt.path}.eContent`, cNode)));
    }
    eContentAt = at(`${encapAt.path}.eContent`, cNode.children[0]!);
    eContent = octetsValue(ctx, eContentAt, 'eContent');
    if (eContent === null) return null;
  }
  let i = 3;
  let certificates: DerNode[] = [];
  let certificatesAt: Located | null = null;
  const maybeCerts: DerNode | undefined = f[i];
  if (maybeCerts && isContext(maybeCerts, 0) && maybeCerts.constructed) {
    certificatesAt = at(`${l.path}.certificates`, maybeCerts);
    certificates = [...maybeCerts.children];
    i++;
  }
  let crls: DerNode[] = [];
  const maybeCrls: DerNode | undefined = f[i];
  if (maybeCrls && isContext(maybeCrls, 1) && maybeCrls.constructed) {
    crls = [...maybeCrls.children];
    i++;
  }
  const siNode = f[i];
  if (!siNode) return ctx.structure('SignedData has no signerInfos', where(l));
  const signerInfosAt = at(`${l.path}.signerInfos`, siNode);
  if (!expectUniversal(ctx, signerInfosAt, UNIVERSAL.SET, 'signerInfos')) return null;
  if (f[i + 1]) ctx.structure('SignedData has fields after signerInfos', where(at(l.path, f[i + 1]!)));
  const signerInfos = siNode.children.map((c, k) => signerInfo(ctx, at(`${l.path}.signerInfos[${k}]`, c)))
    .filter((s): s is SignerInfoView => s !== null);
  return { at: l, version, versionAt, digestAlgorithms, digestAlgorithmsAt, eContentType, eContentTypeAt, eContent, eContentAt, certificates, certificatesAt, crls, signerInfos, signerInfosAt };
}
