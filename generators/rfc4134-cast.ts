/**
 * The RFC 4134 cast: the keys, certificates and CRLs that RFC 4134 ("Examples of S/MIME
 * Messages") embeds, read from the vendored spec/rfc/rfc4134.txt through core/rfc4134.ts and
 * shaped as Identities, so the ordinary CMS builders can sign and encrypt with them.
 *
 * Why: the rfc4134/* cases reproduce the RFC's messages, and a message can only equal the RFC's
 * bytes if it is made with the RFC's keys (the PKCS #1 v1.5 signatures of 4.2 and 4.5 are then
 * deterministic). The same files are written into the corpus (OUT/keys/rfc4134/) so a consumer
 * can open those samples: every RFC file under its RFC name (DER, byte for byte) plus a PEM copy.
 *
 * All seven .pri files carry their DSA domain parameters (Diane's carries CarlDSS's p, q, g, which
 * her certificate only inherits), so Node loads every private key as it is.
 */
import { createPrivateKey } from 'node:crypto';
import { seq } from '../core/der/encode.ts';
import { loadRfc4134 } from '../core/rfc4134.ts';
import { certificateParts, type Identity, type IdentityFamily, type KeySet } from './cast.ts';

/** Where the RFC 4134 files go, relative to OUT/keys/. */
export const RFC4134_KEY_DIR = 'rfc4134';

interface Entry {
  readonly id: string;
  readonly family: IdentityFamily;
  readonly key: string;
  readonly cert: string;
  /** rfc822Name of the certificate's subjectAltName (Carl's certificates have none). */
  readonly email: string | null;
}

/** Each private key with the certificate of the same person and key type (RFC 4134 section 2). */
const ENTRIES: readonly Entry[] = [
  { id: 'rfc4134-alice-dss', family: 'dsa1024', key: 'AlicePrivDSSSign.pri', cert: 'AliceDSSSignByCarlNoInherit.cer', email: 'AliceDSS@example.com' },
  { id: 'rfc4134-alice-rsa', family: 'rsa1024', key: 'AlicePrivRSASign.pri', cert: 'AliceRSASignByCarl.cer', email: 'AliceRSA@example.com' },
  { id: 'rfc4134-bob-rsa', family: 'rsa1024', key: 'BobPrivRSAEncrypt.pri', cert: 'BobRSASignByCarl.cer', email: 'BobRSA@example.com' },
  { id: 'rfc4134-carl-dss', family: 'dsa1024', key: 'CarlPrivDSSSign.pri', cert: 'CarlDSSSelf.cer', email: null },
  { id: 'rfc4134-carl-rsa', family: 'rsa1024', key: 'CarlPrivRSASign.pri', cert: 'CarlRSASelf.cer', email: null },
  { id: 'rfc4134-diane-dss', family: 'dsa1024', key: 'DianePrivDSSSign.pri', cert: 'DianeDSSSignByCarlInherit.cer', email: 'DianeDSS@example.com' },
  { id: 'rfc4134-diane-rsa', family: 'rsa1024', key: 'DianePrivRSASignEncrypt.pri', cert: 'DianeRSASignByCarl.cer', email: 'DianeRSA@example.com' },
];

/** The six CRLs of RFC 4134 section 2.3. */
const CRLS = [
  'CarlDSSCRLEmpty.crl', 'CarlDSSCRLForAll.crl', 'CarlDSSCRLForCarl.crl',
  'CarlRSACRLEmpty.crl', 'CarlRSACRLForAll.crl', 'CarlRSACRLForCarl.crl',
] as const;

export type Rfc4134Crl = (typeof CRLS)[number];

const PEM_LABEL: Record<string, string> = { '.cer': 'CERTIFICATE', '.pri': 'PRIVATE KEY', '.crl': 'X509 CRL' };

/** PEM with 64-column base64 (RFC 7468 section 2), LF line ends. */
export function toPem(label: string, der: Uint8Array): string {
  const b64 = Buffer.from(der).toString('base64');
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

const pemName = (rfcName: string): string => rfcName.replace(/\.[a-z]+$/, '.pem');

export interface Rfc4134Cast extends KeySet {
  get(id: string): Identity;
  /** A file of RFC 4134 by its RFC name (certificates, keys, CRLs, ExContent.bin, messages). */
  file(name: string): Uint8Array;
  crl(name: Rfc4134Crl): Uint8Array;
}

let cached: Rfc4134Cast | undefined;

/** Loads (once) the RFC 4134 identities and the key files to write under OUT/keys/rfc4134/. */
export function loadRfc4134Cast(): Rfc4134Cast {
  if (cached) return cached;
  const rfc = loadRfc4134();
  const file = (name: string): Uint8Array => {
    const b = rfc.get(name);
    if (!b) throw new Error(`RFC 4134 has no file ${name}`);
    return b;
  };
  const path = (name: string) => `${RFC4134_KEY_DIR}/${name}`;
  const identities = ENTRIES.map((e): Identity => {
    const keyDer = file(e.key);
    const certDer = file(e.cert);
    const p = certificateParts(certDer);
    const keyPem = toPem('PRIVATE KEY', keyDer);
    return {
      id: e.id,
      family: e.family,
      email: e.email,
      keyPem,
      key: createPrivateKey({ key: Buffer.from(keyDer), format: 'der', type: 'pkcs8' }),
      certDer,
      issuerAndSerial: seq(p.issuer, p.serial),
      ski: p.ski,
      spki: p.spki,
      certFile: path(pemName(e.cert)),
      keyFile: path(pemName(e.key)),
    };
  });
  const byId = new Map(identities.map((i) => [i.id, i]));
  const names = [...ENTRIES.flatMap((e) => [e.cert, e.key]), ...CRLS].sort();
  const files = names.flatMap((n) => {
    const label = PEM_LABEL[n.slice(n.lastIndexOf('.'))] as string;
    return [{ path: path(n), data: file(n) }, { path: path(pemName(n)), data: toPem(label, file(n)) }];
  });
  cached = {
    identities,
    files,
    trustAnchors: [path('CarlRSASelf.pem'), path('CarlDSSSelf.pem')],
    get(id) {
      const v = byId.get(id);
      if (!v) throw new Error(`no RFC 4134 identity "${id}" (have: ${[...byId.keys()].join(', ')})`);
      return v;
    },
    file,
    crl: (name) => file(name),
  };
  return cached;
}
