/**
 * A tiny, bounded DER reader for the few structures the crypto helpers must take apart:
 * PKCS #8 PrivateKeyInfo (RFC 5208 section 5) and SubjectPublicKeyInfo (RFC 5280 section 4.1)
 * for DSA and X9.42 DH keys exported by Node or OpenSSL.
 *
 * It exists because generators may only depend on runtime dependencies (asn1js is a
 * devDependency). It is deliberately minimal: single-byte tags only, definite lengths only
 * (at most 4 length octets), every length checked against the enclosing buffer. Anything else
 * throws an Error naming the offset and the problem.
 */

export interface Tlv {
  /** The identifier octet. */
  readonly tag: number;
  /** Offset of the identifier octet in the buffer that was read. */
  readonly offset: number;
  /** The content octets (a view into the input buffer). */
  readonly content: Uint8Array;
  /** Offset just past the end of this TLV. */
  readonly end: number;
}

/** Reads one TLV at `offset` of `buf`. */
export function readTlv(buf: Uint8Array, offset = 0): Tlv {
  if (offset >= buf.length) throw new Error(`DER: no TLV at offset ${offset} (buffer is ${buf.length} bytes)`);
  const tag = buf[offset] as number;
  if ((tag & 0x1f) === 0x1f) throw new Error(`DER: multi-byte tag at offset ${offset} is not supported`);
  if (offset + 1 >= buf.length) throw new Error(`DER: missing length octet at offset ${offset + 1}`);
  const first = buf[offset + 1] as number;
  let length: number;
  let header = 2;
  if (first < 0x80) {
    length = first;
  } else {
    const n = first & 0x7f;
    if (n === 0) throw new Error(`DER: indefinite length at offset ${offset + 1}`);
    if (n > 4) throw new Error(`DER: ${n} length octets at offset ${offset + 1} (at most 4 supported)`);
    if (offset + 2 + n > buf.length) throw new Error(`DER: truncated length at offset ${offset + 1}`);
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + (buf[offset + 2 + i] as number);
    header += n;
  }
  const start = offset + header;
  const end = start + length;
  if (end > buf.length) {
    throw new Error(`DER: length ${length} at offset ${offset} runs past the end of the buffer (${buf.length} bytes)`);
  }
  return { tag, offset, content: buf.subarray(start, end), end };
}

/** Reads a buffer that must hold exactly one TLV. */
export function readSingle(buf: Uint8Array): Tlv {
  const t = readTlv(buf, 0);
  if (t.end !== buf.length) throw new Error(`DER: ${buf.length - t.end} trailing bytes after the top-level TLV`);
  return t;
}

/** The elements inside a constructed TLV (SEQUENCE, SET, [n] EXPLICIT, ...). */
export function children(t: Tlv): Tlv[] {
  if ((t.tag & 0x20) === 0) throw new Error(`DER: tag 0x${t.tag.toString(16)} at offset ${t.offset} is not constructed`);
  const out: Tlv[] = [];
  for (let at = 0; at < t.content.length; ) {
    const c = readTlv(t.content, at);
    out.push(c);
    at = c.end;
  }
  return out;
}

/** Throws unless `t` exists and has the tag; `what` names the field in the message. */
export function expectTag(t: Tlv | undefined, tag: number, what: string): Tlv {
  if (t === undefined) throw new Error(`DER: ${what} is missing`);
  if (t.tag !== tag) {
    throw new Error(`DER: ${what} has tag 0x${t.tag.toString(16)}, expected 0x${tag.toString(16)}`);
  }
  return t;
}

/** A non-negative INTEGER as a bigint (negative values are rejected: no key field is negative). */
export function readUnsigned(t: Tlv | undefined, what: string): bigint {
  const i = expectTag(t, 0x02, what);
  if (i.content.length === 0) throw new Error(`DER: ${what} INTEGER has no content octets`);
  if (((i.content[0] as number) & 0x80) !== 0) throw new Error(`DER: ${what} INTEGER is negative`);
  return BigInt(`0x${Buffer.from(i.content).toString('hex')}`);
}

/** An OBJECT IDENTIFIER in dotted form. */
export function readOid(t: Tlv | undefined, what: string): string {
  const o = expectTag(t, 0x06, what);
  if (o.content.length === 0) throw new Error(`DER: ${what} OBJECT IDENTIFIER is empty`);
  const arcs: bigint[] = [];
  let v = 0n;
  for (let i = 0; i < o.content.length; i++) {
    const b = o.content[i] as number;
    v = (v << 7n) | BigInt(b & 0x7f);
    if ((b & 0x80) === 0) {
      arcs.push(v);
      v = 0n;
    } else if (i === o.content.length - 1) {
      throw new Error(`DER: ${what} OBJECT IDENTIFIER ends inside an arc`);
    }
  }
  const firstArc = arcs[0] as bigint;
  const head = firstArc < 80n ? [firstArc / 40n, firstArc % 40n] : [2n, firstArc - 80n];
  return [...head, ...arcs.slice(1)].join('.');
}

/**
 * Takes apart a PKCS #8 PrivateKeyInfo whose algorithm parameters are a SEQUENCE of INTEGERs
 * and whose privateKey OCTET STRING wraps one INTEGER (DSA, X9.42 DH):
 *   SEQUENCE { INTEGER version, SEQUENCE { OID, SEQUENCE { INTEGER... } }, OCTET STRING { INTEGER } }
 * Trailing non-INTEGER parameter elements (e.g. DH ValidationParms) are ignored.
 */
export function readPkcs8IntegerKey(der: Uint8Array, expectedOid: string): { params: bigint[]; privateValue: bigint } {
  const top = children(expectTag(readSingle(der), 0x30, 'PrivateKeyInfo'));
  readUnsigned(top[0], 'PrivateKeyInfo.version');
  const alg = children(expectTag(top[1], 0x30, 'PrivateKeyInfo.privateKeyAlgorithm'));
  const oid = readOid(alg[0], 'privateKeyAlgorithm.algorithm');
  if (oid !== expectedOid) throw new Error(`PKCS #8: algorithm is ${oid}, expected ${expectedOid}`);
  const params = children(expectTag(alg[1], 0x30, 'privateKeyAlgorithm.parameters'))
    .filter((t) => t.tag === 0x02)
    .map((t, i) => readUnsigned(t, `parameters[${i}]`));
  const wrapped = expectTag(top[2], 0x04, 'PrivateKeyInfo.privateKey');
  const privateValue = readUnsigned(readSingle(wrapped.content), 'privateKey INTEGER');
  return { params, privateValue };
}

/** The same for a SubjectPublicKeyInfo whose BIT STRING wraps one INTEGER (DSA, X9.42 DH). */
export function readSpkiIntegerKey(der: Uint8Array, expectedOid: string): { params: bigint[]; publicValue: bigint } {
  const top = children(expectTag(readSingle(der), 0x30, 'SubjectPublicKeyInfo'));
  const alg = children(expectTag(top[0], 0x30, 'SubjectPublicKeyInfo.algorithm'));
  const oid = readOid(alg[0], 'algorithm.algorithm');
  if (oid !== expectedOid) throw new Error(`SPKI: algorithm is ${oid}, expected ${expectedOid}`);
  const params = children(expectTag(alg[1], 0x30, 'algorithm.parameters'))
    .filter((t) => t.tag === 0x02)
    .map((t, i) => readUnsigned(t, `parameters[${i}]`));
  const bits = expectTag(top[1], 0x03, 'subjectPublicKey').content;
  if (bits[0] !== 0) throw new Error(`SPKI: subjectPublicKey has ${bits[0] ?? 'no'} unused bits, expected 0`);
  const publicValue = readUnsigned(readSingle(bits.subarray(1)), 'subjectPublicKey INTEGER');
  return { params, publicValue };
}
