/**
 * The post-quantum cast (issue 13): Alice signs with ML-DSA-44/65/87 and SLH-DSA, Bob receives
 * with ML-KEM-512/768/1024. Each key comes from a fixed seed (SHA-512 of a label naming the
 * identity), so the keys, certificates and every sample made with them are the same on any
 * machine; the CA is the committed cast's Carl (RSA), so the manifest's trust anchor validates
 * them. Files go to OUT/keys/pq/: the certificate (DER and PEM) and the private key as PKCS #8
 * with the seed-only form that RFC 9881 6 (ML-DSA) and RFC 9935 6 (ML-KEM) recommend, and the raw
 * SLH-DSA private key of RFC 9909 6. SPKI algorithm identifiers have absent parameters (RFC 9881 4,
 * RFC 9909 3, RFC 9935 4); keyUsage is digitalSignature (+ nonRepudiation) for signing keys and
 * keyEncipherment alone for ML-KEM (RFC 9935 5).
 */
import { createHash } from 'node:crypto';
import { bitString, ctxPrimitive, int, octets, oid, seq } from '../core/der/encode.ts';
import { certificateParts, loadCast, type Identity, type KeySet } from './cast.ts';
import { isKem, pqKeygen, pqSeedLength, PQ_OID, type PqAlgorithm } from './crypto/pq.ts';
import { buildCertificate, toPem } from './x509/certificate.ts';
import { encodeName } from './x509/name.ts';

export const PQ_KEY_DIR = 'pq';

interface Entry { readonly id: string; readonly alg: PqAlgorithm; readonly person: 'alice' | 'bob'; readonly label: string }

const ENTRIES: readonly Entry[] = [
  { id: 'alice-ml-dsa-44', alg: 'ml-dsa-44', person: 'alice', label: 'ML-DSA-44' },
  { id: 'alice-ml-dsa-65', alg: 'ml-dsa-65', person: 'alice', label: 'ML-DSA-65' },
  { id: 'alice-ml-dsa-87', alg: 'ml-dsa-87', person: 'alice', label: 'ML-DSA-87' },
  { id: 'alice-slh-dsa-sha2-128f', alg: 'slh-dsa-sha2-128f', person: 'alice', label: 'SLH-DSA-SHA2-128f' },
  { id: 'bob-ml-kem-512', alg: 'ml-kem-512', person: 'bob', label: 'ML-KEM-512' },
  { id: 'bob-ml-kem-768', alg: 'ml-kem-768', person: 'bob', label: 'ML-KEM-768' },
  { id: 'bob-ml-kem-1024', alg: 'ml-kem-1024', person: 'bob', label: 'ML-KEM-1024' },
];

const label = (id: string, what: string, n: number): Uint8Array =>
  new Uint8Array(createHash('sha512').update(`cms-interop post-quantum cast v1 ${id} ${what}`).digest()).subarray(0, n);

/** PKCS #8 OneAsymmetricKey v1: seed-only [0] for ML-DSA / ML-KEM, the raw key for SLH-DSA. */
function pkcs8(alg: PqAlgorithm, seed: Uint8Array, secretKey: Uint8Array): Uint8Array {
  const privateKey = alg.startsWith('slh-dsa') ? secretKey : ctxPrimitive(0, seed);
  return seq(int(0), seq(oid(PQ_OID[alg])), octets(privateKey));
}

let cached: KeySet | undefined;

export function loadPqCast(): KeySet {
  if (cached) return cached;
  const carl = loadCast().get('carl-rsa');
  const carlKey = carl.key;
  if (!carlKey) throw new Error('carl-rsa has no key');
  const carlName = certificateParts(carl.certDer).issuer;
  const files: { path: string; data: Uint8Array | string }[] = [];
  const identities = ENTRIES.map((e): Identity => {
    const key = pqKeygen(e.alg, label(e.id, 'seed', pqSeedLength(e.alg)));
    const spki = seq(seq(oid(PQ_OID[e.alg])), bitString(key.publicKey));
    const serial = label(e.id, 'serial', 16);
    serial[0] = (serial[0]! & 0x7f) | 0x40;
    const name = e.person === 'alice' ? 'Alice' : 'Bob';
    const certDer = buildCertificate({
      serial, issuer: carlName, subject: encodeName({ commonName: `${name} (${e.label})` }),
      notBefore: '2025-01-01T00:00:00Z', notAfter: '2099-12-31T23:59:59Z', spki, ca: false,
      keyUsage: isKem(e.alg) ? ['keyEncipherment'] : ['digitalSignature', 'nonRepudiation'],
      email: `${e.person}@example.com`, emailProtection: true, authorityKeyId: carl.ski,
    }, carlKey);
    const p = certificateParts(certDer);
    const keyDer = pkcs8(e.alg, key.seed, key.secretKey);
    const keyPem = toPem('PRIVATE KEY', keyDer);
    const certFile = `${PQ_KEY_DIR}/${e.id}.cert.pem`;
    const keyFile = `${PQ_KEY_DIR}/${e.id}.key.pem`;
    files.push({ path: certFile, data: toPem('CERTIFICATE', certDer) }, { path: `${PQ_KEY_DIR}/${e.id}.cert.der`, data: certDer }, { path: keyFile, data: keyPem });
    return {
      id: e.id, family: e.alg, email: `${e.person}@example.com`, keyPem, key: null, pq: key, certDer,
      issuerAndSerial: seq(p.issuer, p.serial), ski: p.ski, spki: p.spki, certFile, keyFile,
    };
  });
  cached = { identities, files, trustAnchors: [] };
  return cached;
}
