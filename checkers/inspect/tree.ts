/**
 * What `cmsi inspect` produces: a tree of nodes (tag, offset, length, field name and type from the
 * ASN.1, decoded value, the checker's findings at the node they concern) inside layers (the file,
 * a PEM block or MIME entity, content found inside a message or recovered by decrypting it), each
 * layer with its own offsets. Plain data, so `--format json` is this tree as it is.
 */
import type { FindingStatus, Layer, Verdict } from '../finding.ts';

export interface InspectFinding {
  readonly rule: string;
  readonly level: string;
  readonly status: FindingStatus;
  readonly layer: Layer;
  readonly message: string;
  readonly path: string;
  readonly offset: number;
  readonly length: number;
}

export interface InspectNode {
  /** The field name from the ASN.1 (`version`, `signerInfos`, `signerInfos[0]`), or `?` when unknown. */
  readonly name: string;
  /** The ASN.1 type (`CMSVersion`, `SignerInfo`, `AlgorithmIdentifier`), or the universal type. */
  readonly type: string;
  /** For a CHOICE: the alternative this node is (`issuerAndSerialNumber`, `ktri`). */
  readonly choice?: string;
  /** The tag as written: `SEQUENCE`, `INTEGER`, `[0]`, `[1] IMPLICIT` (class and number, X.690 8.1.2). */
  readonly tag: string;
  readonly offset: number;
  readonly headerLength: number;
  readonly length: number;
  readonly end: number;
  readonly constructed: boolean;
  /** The decoded value: an OID with its name, a time, an integer, a string, octets in hex. */
  readonly value?: string;
  /** A one-line digest of a constructed node: a Name as CN=..., an algorithm by name. */
  readonly summary?: string;
  readonly oid?: string;
  /** The text of a string value, unquoted (for summaries). */
  readonly text?: string;
  /** True when the schema does not say what this node is (an unexpected field, an ANY of an unknown OID). */
  readonly unknown?: true;
  /** Why the node is unknown, or what is odd about its value. */
  readonly note?: string;
  readonly children: readonly InspectNode[];
  /** The checker's findings about exactly this node (or the innermost node holding their offset). */
  readonly findings: InspectFinding[];
  /** A message inside this node (eContent) or recovered from it (decrypted, decompressed). */
  layer?: InspectLayer;
}

export interface InspectLayer {
  /** der, pem, base64, smime: how the CMS was found; content: bytes that are not CMS. */
  readonly kind: 'der' | 'pem' | 'base64' | 'smime' | 'content';
  /** What this layer is, in words: "S/MIME application/pkcs7-mime (smime-type=enveloped-data)". */
  readonly label: string;
  /** Where its bytes are in the enclosing layer or file: "base64 body at file bytes 251-3120". */
  readonly from: string;
  readonly size: number;
  readonly verdict?: Verdict;
  readonly reason?: string | null;
  readonly counts?: { readonly failed: number; readonly warnings: number; readonly unchecked: number; readonly passed: number };
  /** Findings about the layer as a whole (MIME headers), or with no node to hold them. */
  readonly findings: InspectFinding[];
  readonly root: InspectNode | null;
  /** For content that is not CMS: its first characters, or why it could not be read. */
  readonly preview?: string;
  readonly error?: string;
  /** multipart/signed: the signed first part, as a layer of its own. */
  readonly signedPart?: InspectLayer;
}
