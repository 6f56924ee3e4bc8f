/**
 * The DER of a value read leniently: a node of the BER reader (core/der/reader.ts) re-encoded with
 * minimal identifier and definite, minimal length octets, its content kept. What it is for:
 * comparing identifiers by value, not by bytes. RFC 5652 10.2.4 says an IssuerAndSerialNumber
 * identifies a certificate "by the distinguished name of the certificate issuer and an
 * issuer-specific certificate serial number": the values, which a long-form length does not
 * change. A matcher that compared raw bytes would call a certificate with a BER length in its
 * issuer "not found", a wrong diagnosis (the encoding defect is reported where it is, by the
 * strict readers).
 *
 * Only lengths and tag forms are normalized: a constructed string would need its chunks joined,
 * and the Name and INTEGER fields this serves are primitive (checkers/x509/fields.ts rejects a
 * constructed Name value). Cost is linear in the node's size; no recursion deeper than the
 * reader's own bound (the node comes from a bounded read).
 */
import { contentOf, type DerNode } from './reader.ts';

const CLASS_BITS = { universal: 0x00, application: 0x40, context: 0x80, private: 0xc0 } as const;

function identifier(n: DerNode): number[] {
  const first = CLASS_BITS[n.cls] | (n.constructed ? 0x20 : 0);
  if (n.tag < 31) return [first | n.tag];
  const tail: number[] = [];
  for (let t = n.tag; t > 0; t = Math.floor(t / 128)) tail.unshift((t % 128) | (tail.length ? 0x80 : 0));
  return [first | 0x1f, ...tail];
}

function lengthOctets(length: number): number[] {
  if (length < 0x80) return [length];
  const out: number[] = [];
  for (let v = length; v > 0; v = Math.floor(v / 256)) out.unshift(v % 256);
  return [0x80 | out.length, ...out];
}

function join(list: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(list.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const part of list) { out.set(part, at); at += part.length; }
  return out;
}

/** The node re-encoded with minimal tags and definite minimal lengths (equal to its bytes when already DER). */
export function canonicalEncoding(bytes: Uint8Array, n: DerNode): Uint8Array {
  const body = n.constructed ? join(n.children.map((c) => canonicalEncoding(bytes, c))) : contentOf(bytes, n);
  return join([Uint8Array.from([...identifier(n), ...lengthOctets(body.length)]), body]);
}
