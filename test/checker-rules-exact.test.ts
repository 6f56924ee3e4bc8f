/**
 * Issue 14 item 4: two checker rules that fired on a consequence of another defect now test
 * exactly their statement, and still fail what their statement forbids.
 * - RFC 5652 5.4 (the signature covers the DER SET OF signed attributes): a DSA/ECDSA signature
 *   over those bytes made with a hash its signatureAlgorithm does not name keeps 5.4; the failure
 *   is the signature's (cmsi/signature-valid) and the identifier rules'.
 * - RFC 5652 6.1 (EnvelopedData version by contents): versions 0 and 2 depend on every
 *   RecipientInfo's version, so with one unreadable the version is not judged.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../core/catalog.ts';
import { checkManifest } from '../cli/check.ts';
import type { Finding } from '../checkers/finding.ts';
import { CORPUS, loadManifest } from './helpers/corpus.ts';

const manifest = loadManifest();
const { results } = checkManifest(join(CORPUS, 'manifest.yaml'), loadCatalog(), 'current');
const findingsOf = (id: string): readonly Finding[] => {
  const s = manifest.samples.find((x) => x.id === id);
  if (!s) throw new Error(`no sample ${id}`);
  return results.find((r) => r.file === s.file)!.findings;
};
const statusOf = (id: string, rule: string): string[] => findingsOf(id).filter((f) => f.rule === rule).map((f) => f.status);
const SET_OF = 'rfc5652/5.4/signed-attrs-digest-set-of-tag';

describe('RFC 5652 5.4 blames only a signature that is not over the signed attributes', () => {
  it('passes a DSA signature over the SET OF hashed with SHA-256 under id-dsa-with-sha1, and says so in the signature failure', () => {
    const id = 'invalid/catalog/dsa-sha1-oid-with-sha256-digest';
    expect(statusOf(id, SET_OF)).toEqual(['pass']);
    const sig = findingsOf(id).filter((f) => f.rule === 'cmsi/signature-valid');
    expect(sig.map((f) => f.status)).toEqual(['fail']);
    expect(sig[0]!.message).toMatch(/over the DER SET OF signed attributes, hashed with sha256/);
    expect(statusOf(id, 'rfc3370/3.1/dsa-with-sha1-only')).toEqual(['fail']);
  });

  it('still fails a signature over the content instead, and a tampered one', () => {
    expect(statusOf('invalid/signed/signature-over-content-not-attrs', SET_OF)).toEqual(['fail']);
    expect(statusOf('invalid/signed/tampered-signature', SET_OF)).toEqual(['fail']);
  });
});

describe('RFC 5652 6.1 judges the EnvelopedData version only from RecipientInfos it could read', () => {
  const versionFindings = (id: string) => findingsOf(id).filter((f) => f.rule.startsWith('rfc5652/6.1/version-'));

  it('does not judge version 2 when the KeyAgreeRecipientInfo is unreadable (its structure failure stands)', () => {
    const id = 'invalid/catalog/kari-without-recipient-encrypted-keys';
    expect(versionFindings(id)).toEqual([]);
    expect(statusOf(id, 'rfc5652/6.1/enveloped-data-asn1-type')).toEqual(['fail']);
  });

  it('still passes version 2 beside a readable KARI and fails a plain EnvelopedData of version 2', () => {
    expect(statusOf('enveloped-data/ecdh-p256/aes-128-cbc', 'rfc5652/6.1/version-2-otherwise')).toEqual(['pass']);
    expect(statusOf('invalid/enveloped/enveloped-data-v2-plain', 'rfc5652/6.1/version-0-when-plain')).toEqual(['fail']);
  });
});
