/**
 * Loads the committed cast (corpus/keys/) for the generators: keys as Node KeyObjects (or raw
 * X9.42 DH numbers, which Node cannot use), certificates as DER, and the identifiers CMS needs
 * (IssuerAndSerialNumber, SubjectKeyIdentifier) cut from the certificate bytes themselves.
 */
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { seq } from '../core/der/encode.ts';
import { at, children, contentBytes, encodedOf, readTlv } from '../core/der/tlv.ts';

import type { KeyFamily } from './cast-spec.ts';
import type { PqAlgorithm, PqKey } from './crypto/pq.ts';
import { repoPath } from '../core/paths.ts';

export const CAST_DIR = repoPath('corpus', 'keys') + '/';

/** Key families of the committed cast, plus the 1024-bit RFC 4134 keys (generators/rfc4134-cast.ts). */
export type IdentityFamily = KeyFamily | 'rsa1024' | 'dsa1024' | PqAlgorithm;

export interface Identity {
  readonly id: string;
  readonly family: IdentityFamily;
  readonly email: string | null;
  /** PKCS#8 PEM, as committed. */
  readonly keyPem: string;
  /** Node KeyObject, except for X9.42 DH keys and post-quantum keys (see `pq`). */
  readonly key: KeyObject | null;
  /** A post-quantum key (generators/pq-cast.ts): Node 20 has none, @noble/post-quantum uses raw bytes. */
  readonly pq?: PqKey;
  readonly certDer: Uint8Array;
  readonly issuerAndSerial: Uint8Array;
  readonly ski: Uint8Array;
  /** SubjectPublicKeyInfo DER. */
  readonly spki: Uint8Array;
  /** Relative file names under keys/. */
  readonly certFile: string;
  readonly keyFile: string;
}

export interface Cast {
  readonly dir: string;
  readonly ids: readonly string[];
  get(id: string): Identity;
  readonly crlDer: Uint8Array;
  readonly files: readonly string[];
}

/** TBSCertificate fields: [0] version, serial, signature, issuer, validity, subject, spki, ... */
export function certificateParts(cert: Uint8Array) {
  const tbs = at(cert, [0]);
  const f = children(cert, tbs);
  const offset = f[0]!.tag === 0xa0 ? 1 : 0;
  const serial = encodedOf(cert, f[offset]!);
  const issuer = encodedOf(cert, f[offset + 2]!);
  const spki = encodedOf(cert, f[offset + 5]!);
  let ski: Uint8Array | null = null;
  const extsWrapper = f.find((t) => t.tag === 0xa3);
  if (extsWrapper) {
    const exts = children(cert, children(cert, extsWrapper)[0]!);
    for (const ext of exts) {
      const parts = children(cert, ext);
      const id = contentBytes(cert, parts[0]!);
      if (Buffer.from(id).equals(Buffer.from([0x55, 0x1d, 0x0e]))) {
        const value = contentBytes(cert, parts[parts.length - 1]!);
        ski = contentBytes(value, readTlv(value));
      }
    }
  }
  if (!ski) throw new Error('cast certificate has no subjectKeyIdentifier');
  return { serial, issuer, spki, ski };
}

export function loadCast(dir = CAST_DIR): Cast {
  const index = parse(readFileSync(join(dir, 'cast.yaml'), 'utf8')) as {
    identities: { id: string; family: KeyFamily; email: string | null }[];
  };
  const map = new Map<string, Identity>();
  const files: string[] = ['cast.yaml', 'carl.crl.pem', 'carl.crl.der'];
  for (const e of index.identities) {
    const keyFile = `${e.id}.key.pem`;
    const certFile = `${e.id}.cert.pem`;
    files.push(keyFile, certFile, `${e.id}.cert.der`);
    const keyPem = readFileSync(join(dir, keyFile), 'utf8');
    const certDer = new Uint8Array(readFileSync(join(dir, `${e.id}.cert.der`)));
    const p = certificateParts(certDer);
    map.set(e.id, {
      id: e.id,
      family: e.family,
      email: e.email,
      keyPem,
      key: e.family === 'dh2048' ? null : createPrivateKey(keyPem),
      certDer,
      issuerAndSerial: seq(p.issuer, p.serial),
      ski: p.ski,
      spki: p.spki,
      certFile,
      keyFile,
    });
  }
  return {
    dir,
    ids: [...map.keys()],
    get(id) {
      const v = map.get(id);
      if (!v) throw new Error(`no cast identity "${id}" (have: ${[...map.keys()].join(', ')})`);
      return v;
    },
    crlDer: new Uint8Array(readFileSync(join(dir, 'carl.crl.der'))),
    files,
  };
}


/**
 * Identities and key files that a case set adds to the committed cast (the RFC 4134 keys, see
 * generators/rfc4134-cast.ts). The generator writes `files` under OUT/keys/, adds
 * `trustAnchors` to the manifest, and lets cases and manifest inputs look the identities up.
 */
export interface KeySet {
  readonly identities: readonly Identity[];
  /** Paths relative to OUT/keys/, with their exact bytes. */
  readonly files: readonly { readonly path: string; readonly data: Uint8Array | string }[];
  /** Paths relative to OUT/keys/ of the roots that validate this set's certificates. */
  readonly trustAnchors: readonly string[];
}

/** `cast` plus the identities of `sets`; `files` stays the committed cast's (the ones to copy). */
export function extendCast(cast: Cast, sets: readonly KeySet[]): Cast {
  const extra = new Map<string, Identity>();
  for (const i of sets.flatMap((s) => s.identities)) {
    if (extra.has(i.id) || cast.ids.includes(i.id)) throw new Error(`duplicate identity id ${i.id}`);
    extra.set(i.id, i);
  }
  return {
    ...cast,
    ids: [...cast.ids, ...extra.keys()],
    get: (id) => extra.get(id) ?? cast.get(id),
  };
}
