/**
 * Post-quantum algorithms a stack does not know, told apart from a refusal. The host generations
 * of gpgsm (2.2), NSS (3.87), GnuTLS (3.7) and pkijs (4) predate ML-DSA (FIPS 204, RFC 9882),
 * SLH-DSA (FIPS 205, RFC 9814) and ML-KEM (FIPS 203, RFC 9629/9936): each fails on such a message
 * with its own "unknown algorithm" words, which the report counted as a rejection of a valid
 * sample. The decision rests on two facts read from what is really there, never on the sample's
 * name or manifest entry: the stack's own failure text (matched by the adapter, which knows its
 * stack's words) and the algorithm's OID in the message bytes (or named in that text).
 */
import { oid } from '../../core/der/encode.ts';
import { OID } from '../../core/oids.ts';
import type { ConsumeVerdict } from '../verdict.ts';

const SLH_DSA = ['sha2-128s', 'sha2-128f', 'sha2-192s', 'sha2-192f', 'sha2-256s', 'sha2-256f', 'shake-128s', 'shake-128f', 'shake-192s', 'shake-192f', 'shake-256s', 'shake-256f'];

/** The post-quantum OIDs by dotted form: ML-DSA, SLH-DSA (NIST sigAlgs arc 3.20-3.31), ML-KEM, id-ori-kem. */
export const PQ_ALGORITHMS: Readonly<Record<string, string>> = {
  [OID.mlDsa44]: 'ML-DSA-44',
  [OID.mlDsa65]: 'ML-DSA-65',
  [OID.mlDsa87]: 'ML-DSA-87',
  ...Object.fromEntries(SLH_DSA.map((n, i) => [`2.16.840.1.101.3.4.3.${20 + i}`, `SLH-DSA-${n.replace('sha2', 'SHA2').replace('shake', 'SHAKE')}`])),
  [OID.mlKem512]: 'ML-KEM-512',
  [OID.mlKem768]: 'ML-KEM-768',
  [OID.mlKem1024]: 'ML-KEM-1024',
  [OID.oriKem]: 'KEMRecipientInfo (id-ori-kem)',
};

const TLVS = Object.keys(PQ_ALGORITHMS).map((dotted) => ({ dotted, der: Buffer.from(oid(dotted)) }));

/** The post-quantum algorithms whose OBJECT IDENTIFIER (its DER TLV) occurs in the message. */
export function pqAlgorithmsIn(cms: Uint8Array): string[] {
  const b = Buffer.from(cms.buffer, cms.byteOffset, cms.byteLength);
  return TLVS.filter((t) => b.includes(t.der)).map((t) => `${PQ_ALGORITHMS[t.dotted]} (${t.dotted})`);
}

/**
 * `unsupported` when the stack failed with its words for an unknown algorithm (`failure`, the
 * stack's own text) and the message uses a post-quantum algorithm; else null (the failure stays
 * a rejection). `namedOid`: the OID the stack's text names, when it names one: then that OID
 * must be a post-quantum one, so an unknown *other* OID (a mutation's, say) is still a reject.
 */
export function pqUnsupported(stack: string, failure: string, cms: Uint8Array, namedOid?: string): ConsumeVerdict | null {
  if (namedOid !== undefined) {
    const name = PQ_ALGORITHMS[namedOid];
    return name ? { verdict: 'unsupported', reason: `${stack} has no ${name}: ${failure}` } : null;
  }
  const found = pqAlgorithmsIn(cms);
  return found.length ? { verdict: 'unsupported', reason: `${stack} has no ${found.join(', ')}: ${failure}` } : null;
}
