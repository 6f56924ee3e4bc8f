/**
 * Every sample of the corpus parses with an independent decoder: pkijs (ContentInfo, then the class
 * for the content type) where pkijs has one, and asn1js plus pkijs component classes, checked by
 * hand against the RFC ASN.1, where it has none (DigestedData, AuthenticatedData,
 * AuthEnvelopedData and CompressedData are not in pkijs 4). The content type OID must be the one
 * the manifest names. Nothing from generators/ is used here.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { describe, expect, it } from 'vitest';
import { CORPUS, loadValidManifest, readBytes } from './helpers/corpus.ts';
import { cmsBytes } from './helpers/smime.ts';

const manifest = loadValidManifest();

/** Content type OIDs, from RFC 5652 14, RFC 5083 1.1 and RFC 3274 1.1. */
const CONTENT_TYPE_OID: Record<string, string> = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  envelopedData: '1.2.840.113549.1.7.3',
  digestedData: '1.2.840.113549.1.7.5',
  encryptedData: '1.2.840.113549.1.7.6',
  authData: '1.2.840.113549.1.9.16.1.2',
  authEnvelopedData: '1.2.840.113549.1.9.16.1.23',
  compressedData: '1.2.840.113549.1.9.16.1.9',
};
const ID_ALG_ZLIB_COMPRESS = '1.2.840.113549.1.9.16.3.8'; // RFC 3274 1.1

// ---------------------------------------------------------------------------------------------
// asn1js helpers

type Block = asn1js.AsnType & { idBlock: { tagClass: number; tagNumber: number; isConstructed: boolean }; valueBeforeDecodeView: Uint8Array };

const blocks = (n: asn1js.AsnType): Block[] => ((n as unknown as { valueBlock: { value?: Block[] } }).valueBlock.value ?? []);
const isTag = (n: Block, cls: number, tag: number): boolean => n.idBlock.tagClass === cls && n.idBlock.tagNumber === tag;
const UNIVERSAL = 1;
const CONTEXT = 3;

/** The encoding of an IMPLICITly tagged constructed node with the tag replaced by SEQUENCE (0x30). */
function asSequence(n: Block): ArrayBuffer {
  const raw = new Uint8Array(n.valueBeforeDecodeView);
  const out = new Uint8Array(raw.length);
  out.set(raw);
  if ((raw[0]! & 0x1f) === 0x1f) throw new Error('multi-byte tag not expected here');
  out[0] = 0x30;
  return out.buffer;
}

/** The field, which must be there (pkijs classes build an empty object, silently, from no schema). */
function need(n: Block | undefined, what: string): Block {
  if (!n) throw new Error(`missing ${what}`);
  return n;
}

function expectInteger(n: Block | undefined, what: string): number {
  expect(n, what).toBeDefined();
  expect(n instanceof asn1js.Integer, `${what} is an INTEGER`).toBe(true);
  return (n as asn1js.Integer).valueBlock.valueDec;
}

/** Octets of an OCTET STRING, primitive or (BER) constructed. */
function octets(n: asn1js.AsnType): Uint8Array {
  const b = n as unknown as Block & { valueBlock: { isConstructed?: boolean; valueHexView: Uint8Array } };
  if (b.idBlock.isConstructed) return Buffer.concat(blocks(b).map((c) => octets(c)));
  return new Uint8Array(b.valueBlock.valueHexView);
}

/** SEQUENCE { contentType, [0] EXPLICIT eContent OPTIONAL } through pkijs. */
function encapsulated(n: Block | undefined): pkijs.EncapsulatedContentInfo {
  if (!n) throw new Error('no EncapsulatedContentInfo');
  return new pkijs.EncapsulatedContentInfo({ schema: n });
}

/** Attribute ::= SEQUENCE { attrType, attrValues SET OF } for each element of an [n] IMPLICIT SET OF. */
function attributes(n: Block): pkijs.Attribute[] {
  expect(n.idBlock.isConstructed).toBe(true);
  return blocks(n).map((a) => new pkijs.Attribute({ schema: a }));
}

// ---------------------------------------------------------------------------------------------
// Content types pkijs does not have, walked by hand with pkijs component classes

/** RFC 5652 7: DigestedData ::= SEQUENCE { version, digestAlgorithm, encapContentInfo, digest }. */
function parseDigestedData(content: asn1js.AsnType): void {
  const f = blocks(content);
  expect(f).toHaveLength(4);
  expectInteger(f[0], 'version');
  new pkijs.AlgorithmIdentifier({ schema: need(f[1], 'digestAlgorithm') });
  encapsulated(f[2]);
  expect(f[3] instanceof asn1js.OctetString, 'digest is an OCTET STRING').toBe(true);
}

/**
 * RFC 5652 9.1: AuthenticatedData ::= SEQUENCE { version, originatorInfo [0] IMPLICIT OPTIONAL,
 * recipientInfos SET, macAlgorithm, digestAlgorithm [1] OPTIONAL, encapContentInfo,
 * authAttrs [2] IMPLICIT OPTIONAL, mac OCTET STRING, unauthAttrs [3] IMPLICIT OPTIONAL }
 */
function parseAuthenticatedData(content: asn1js.AsnType): void {
  const f = blocks(content);
  let i = 0;
  expectInteger(f[i++], 'version');
  if (f[i] && isTag(f[i]!, CONTEXT, 0)) pkijs.OriginatorInfo.fromBER(asSequence(f[i++]!));
  const ris = need(f[i++], 'recipientInfos');
  expect(isTag(ris, UNIVERSAL, 17), 'recipientInfos is a SET').toBe(true);
  expect(blocks(ris).length).toBeGreaterThan(0);
  for (const ri of blocks(ris)) new pkijs.RecipientInfo({ schema: ri });
  new pkijs.AlgorithmIdentifier({ schema: need(f[i++], 'macAlgorithm') });
  if (f[i] && isTag(f[i]!, CONTEXT, 1)) pkijs.AlgorithmIdentifier.fromBER(asSequence(f[i++]!));
  encapsulated(f[i++]);
  if (f[i] && isTag(f[i]!, CONTEXT, 2)) attributes(f[i++]!);
  expect(f[i++] instanceof asn1js.OctetString, 'mac is an OCTET STRING').toBe(true);
  if (f[i] && isTag(f[i]!, CONTEXT, 3)) attributes(f[i++]!);
  expect(i, 'no trailing fields').toBe(f.length);
}

/**
 * RFC 5083 2.1: AuthEnvelopedData ::= SEQUENCE { version, originatorInfo [0] IMPLICIT OPTIONAL,
 * recipientInfos, authEncryptedContentInfo EncryptedContentInfo, authAttrs [1] IMPLICIT OPTIONAL,
 * mac, unauthAttrs [2] IMPLICIT OPTIONAL }
 */
function parseAuthEnvelopedData(content: asn1js.AsnType): void {
  const f = blocks(content);
  let i = 0;
  expectInteger(f[i++], 'version');
  if (f[i] && isTag(f[i]!, CONTEXT, 0)) pkijs.OriginatorInfo.fromBER(asSequence(f[i++]!));
  const ris = need(f[i++], 'recipientInfos');
  expect(isTag(ris, UNIVERSAL, 17), 'recipientInfos is a SET').toBe(true);
  expect(blocks(ris).length).toBeGreaterThan(0);
  for (const ri of blocks(ris)) new pkijs.RecipientInfo({ schema: ri });
  new pkijs.EncryptedContentInfo({ schema: need(f[i++], 'authEncryptedContentInfo') });
  if (f[i] && isTag(f[i]!, CONTEXT, 1)) attributes(f[i++]!);
  expect(f[i++] instanceof asn1js.OctetString, 'mac is an OCTET STRING').toBe(true);
  if (f[i] && isTag(f[i]!, CONTEXT, 2)) attributes(f[i++]!);
  expect(i, 'no trailing fields').toBe(f.length);
}

/**
 * RFC 3274 1.1: CompressedData ::= SEQUENCE { version CMSVersion, compressionAlgorithm
 * CompressionAlgorithmIdentifier, encapContentInfo EncapsulatedContentInfo }; version 0; zlib's
 * AlgorithmIdentifier has absent parameters (RFC 3274 2).
 */
function parseCompressedData(content: asn1js.AsnType): void {
  const f = blocks(content);
  expect(f).toHaveLength(3);
  expect(expectInteger(f[0], 'version')).toBe(0);
  const alg = new pkijs.AlgorithmIdentifier({ schema: need(f[1], 'compressionAlgorithm') });
  expect(alg.algorithmId).toBe(ID_ALG_ZLIB_COMPRESS);
  expect(alg.algorithmParams, 'zlib parameters are absent').toBeUndefined();
  const eci = encapsulated(f[2]);
  expect(eci.eContent, 'the compressed content is present').toBeDefined();
  expect(octets(eci.eContent!).length).toBeGreaterThan(0);
}

// ---------------------------------------------------------------------------------------------

describe('pkijs parses every sample of the corpus', () => {
  it('covers every content type the manifest uses', () => {
    for (const s of manifest.samples) expect(Object.keys(CONTENT_TYPE_OID), s.id).toContain(s.contentType);
  });

  for (const s of manifest.samples) {
    it(`${s.id} (${s.contentType})`, () => {
      const bytes = cmsBytes(s);
      const ci = pkijs.ContentInfo.fromBER(bytes.slice().buffer);
      expect(ci.contentType).toBe(CONTENT_TYPE_OID[s.contentType]);
      // The whole input is the ContentInfo: nothing after it.
      expect(asn1js.fromBER(bytes).offset).toBe(bytes.length);
      const content = ci.content as asn1js.AsnType;
      switch (s.contentType) {
        case 'data': {
          expect(content instanceof asn1js.OctetString).toBe(true);
          if (s.inputs.content) expect(Buffer.from(octets(content)).equals(Buffer.from(readBytes(CORPUS, s.inputs.content)))).toBe(true);
          break;
        }
        case 'signedData': {
          const sd = new pkijs.SignedData({ schema: content });
          expect(sd.encapContentInfo.eContentType).toMatch(/^\d+(\.\d+)+$/);
          for (const si of sd.signerInfos) expect(si.signature.valueBlock.valueHexView.length).toBeGreaterThan(0);
          if (!s.features.includes('certs-only')) expect(sd.signerInfos.length).toBeGreaterThan(0);
          break;
        }
        case 'envelopedData': {
          const ed = new pkijs.EnvelopedData({ schema: content });
          expect(ed.recipientInfos.length).toBeGreaterThan(0);
          expect(ed.encryptedContentInfo.encryptedContent).toBeDefined();
          break;
        }
        case 'encryptedData': {
          const ed = new pkijs.EncryptedData({ schema: content });
          expect(ed.encryptedContentInfo.encryptedContent).toBeDefined();
          break;
        }
        case 'digestedData': parseDigestedData(content); break;
        case 'authData': parseAuthenticatedData(content); break;
        case 'authEnvelopedData': parseAuthEnvelopedData(content); break;
        case 'compressedData': parseCompressedData(content); break;
        default: throw new Error(`no parser for ${s.contentType}`);
      }
    });
  }
});
