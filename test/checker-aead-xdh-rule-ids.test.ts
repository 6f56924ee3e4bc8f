/**
 * The RFC 5084 3.1/3.2 parameter rules and the RFC 8418 3.2 kari rules were reported under ids
 * built from templates, which `cmsi rules` could not see as automated (it counts quoted ids). Now
 * quoted, each id must still be what the checker reports: a pass on the corpus's own AES-CCM,
 * AES-GCM and X25519 samples, and a fail of exactly that id on a one-edit copy. Edits go through
 * the generators' TLV editor, which re-encodes the enclosing lengths.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../core/catalog.ts';
import { int, oidContent } from '../core/der/encode.ts';
import { checkBytes } from '../checkers/engine.ts';
import type { FileResult } from '../checkers/finding.ts';
import { findPath, nodeAt, removeNode, replaceContent, replaceNode } from '../generators/mutations/tlv-edit.ts';
import { CORPUS } from './helpers/corpus.ts';

const catalog = loadCatalog();
const sample = (rel: string): Uint8Array => new Uint8Array(readFileSync(join(CORPUS, 'samples', rel)));
const check = (b: Uint8Array): FileResult => checkBytes('m.der', b, { catalog, profile: 'current', certs: [], certLabels: [], content: null });
const statuses = (r: FileResult, rule: string): string[] => r.findings.filter((f) => f.rule === rule).map((f) => f.status);

/** Path of the OBJECT IDENTIFIER node with the given value. */
const oidPath = (b: Uint8Array, dotted: string) => {
  const want = Buffer.from(oidContent(dotted));
  return findPath(b, (n) => n.cls === 'universal' && n.tag === 6 && Buffer.from(b.subarray(n.contentOffset, n.end)).equals(want));
};

const AEAD = [
  { mode: 'ccm', file: 'auth-enveloped-data/aes-128-ccm.der', oid: '2.16.840.1.101.3.4.1.7', sec: '3.1' },
  { mode: 'gcm', file: 'auth-enveloped-data/aes-128-gcm.der', oid: '2.16.840.1.101.3.4.1.6', sec: '3.2' },
] as const;

describe('RFC 5084 AES-CCM and AES-GCM parameters', () => {
  for (const { mode, file, oid, sec } of AEAD) {
    const base = sample(file);
    const alg = oidPath(base, oid).slice(0, -1); // the AlgorithmIdentifier
    const rules = ['params-present', 'params-structure', 'icvlen-12', 'icvlen-matches-mac'].map((s) => `rfc5084/${sec}/${mode}-${s}`);

    it(`${file}: every ${mode.toUpperCase()} parameter rule is reported; ICVlen 16 is not the RECOMMENDED 12, a warning`, () => {
      const r = check(base);
      for (const rule of rules) expect(statuses(r, rule), rule).toEqual([rule.endsWith('icvlen-12') ? 'warn' : 'pass']);
    });

    it(`${mode.toUpperCase()} without parameters fails ${mode}-params-present`, () => {
      const r = check(removeNode(base, [...alg, 1]));
      expect(statuses(r, rules[0]!)).toEqual(['fail']);
    });

    it(`${mode.toUpperCase()}Parameters claiming ICVlen 14 beside the sample's 16-octet mac: icvlen-matches-mac fails, the structure holds`, () => {
      // CCMParameters / GCMParameters ::= SEQUENCE { aes-nonce OCTET STRING, aes-ICVlen DEFAULT 12 }
      const params = nodeAt(base, [...alg, 1]);
      const edited = params.children.length === 2
        ? replaceNode(base, [...alg, 1, 1], int(14))
        : replaceContent(base, [...alg, 1], Uint8Array.from([...base.subarray(params.contentOffset, params.end), ...int(14)]));
      const r = check(edited);
      expect(statuses(r, rules[1]!)).toEqual(['pass']);
      expect(statuses(r, rules[2]!)).toEqual(['warn']);
      const mismatch = r.findings.filter((f) => f.rule === rules[3]!);
      expect(mismatch.map((f) => f.status)).toEqual(['fail']);
      expect(mismatch[0]!.message).toBe('aes-ICVlen 14 but the mac has 16 octets');
    });
  }
});

describe('RFC 8418 3.2 X25519 KeyAgreeRecipientInfo', () => {
  const base = sample('enveloped-data/x25519/aes-128-cbc.der');
  const rules = ['kari-version-3', 'originator-key-choice', 'originator-alg-x25519-x448', 'originator-key-raw-octets', 'key-encryption-alg'].map((s) => `rfc8418/3.2/${s}`);

  it('every 3.2 rule is reported on the corpus sample, and passes', () => {
    const r = check(base);
    for (const rule of rules) expect(statuses(r, rule), rule).toEqual(['pass']);
  });

  it('a 31-octet ephemeral key fails originator-key-raw-octets', () => {
    // originatorKey [1] { algorithm, publicKey BIT STRING }: drop the key's last octet.
    const alg = oidPath(base, '1.3.101.110').slice(0, -1);
    const key = [...alg.slice(0, -1), 1];
    const n = nodeAt(base, key);
    expect(base[n.contentOffset]).toBe(0); // no unused bits
    const r = check(replaceContent(base, key, base.slice(n.contentOffset, n.end - 1)));
    expect(statuses(r, rules[3]!)).toEqual(['fail']);
    expect(statuses(r, rules[2]!)).toEqual(['pass']);
  });

  it('a kari of version 2 fails kari-version-3', () => {
    const version = [...oidPath(base, '1.3.101.110').slice(0, -4), 0];
    expect(base[nodeAt(base, version).offset]).toBe(0x02);
    const r = check(replaceNode(base, version, int(2)));
    expect(statuses(r, rules[0]!)).toEqual(['fail']);
  });
});
