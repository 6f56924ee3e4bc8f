/**
 * What real-world mail needs from the checker (issue 15), on corpus messages changed the way real
 * mail differs from them: a PEM or PGP armour block in the text, a binary signature part (AS2),
 * an attached signature of other text beside the signed part (Thunderbird's mismatch-econtent
 * case) under both profiles, producer faults receivers must accept, missing keys, and a closed
 * stdout. Each expected value comes from the RFC text cited beside it, not from the checker.
 */
import { constants, createHash, privateEncrypt } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../core/catalog.ts';
import { checkBytes, type CheckOptions } from '../checkers/engine.ts';
import type { FileResult } from '../checkers/finding.ts';
import { CORPUS, readBytes, REPO } from './helpers/corpus.ts';
import { CMSI } from './helpers/cmsi-cli.ts';
import { nul, octets, oid, seq } from '../core/der/encode.ts';
import { OID } from '../core/oids.ts';
import { loadCast } from '../generators/cast.ts';
import { buildSignedData, type SignerSpec } from '../generators/cms/signed-data.ts';
import { SeededRandom } from '../generators/random.ts';

const catalog = loadCatalog();
const opts: CheckOptions = { catalog, profile: 'current', certs: [], content: null };
const sample = (rel: string) => readBytes(CORPUS, `samples/${rel}`);
const text = (b: Uint8Array) => Buffer.from(b).toString('latin1');
const bytes = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));
const nonPass = (r: FileResult, rule: string) => r.findings.filter((f) => f.rule === rule && f.status !== 'pass');
const MULTIPART = 'smime/multipart-signed/rsa-sha256.eml';
const ARMOUR = '-----BEGIN PGP PUBLIC KEY BLOCK-----\r\n\r\nmQENBFzAbCdEFgh=\r\n-----END PGP PUBLIC KEY BLOCK-----\r\n';

/** The multipart/signed sample with its signature part replaced by `part` (headers and body). */
function withSignaturePart(eml: string, part: string): string {
  const i = eml.indexOf('Content-Type: application/pkcs7-signature');
  const boundary = /boundary="([^"]+)"/.exec(eml)![1]!;
  const end = eml.indexOf(`\r\n--${boundary}--`, i);
  return eml.slice(0, i) + part + eml.slice(end);
}

function signatureDer(eml: string): Buffer {
  const i = eml.indexOf('Content-Type: application/pkcs7-signature');
  const body = eml.slice(eml.indexOf('\r\n\r\n', i) + 4, eml.indexOf('\r\n--', i));
  return Buffer.from(body.replace(/\s+/g, ''), 'base64');
}

describe('input detection reads MIME first (issue 15)', () => {
  it('a PGP armour block in the preamble of a multipart/signed is text, and the message stays valid', () => {
    const eml = text(sample(MULTIPART)).replace('This is an S/MIME signed message.', `This is an S/MIME signed message.\r\n${ARMOUR}`);
    const r = checkBytes('x.eml', bytes(eml), opts);
    expect(r.origin).toBe('smime');
    expect(r.verdict).toBe('valid');
  });
  it('an mbox "From " separator line before the headers still reads as MIME', () => {
    const eml = `From alice@example.com Thu Jan 15 12:00:00 2026\r\n${text(sample(MULTIPART)).replace('This is an S/MIME signed message.', `This is an S/MIME signed message.\r\n${ARMOUR}`)}`;
    const r = checkBytes('x.eml', bytes(eml), opts);
    expect(r.origin).toBe('smime');
    expect(r.verdict).toBe('valid');
  });
  it('a PEM block in the signed text is part of what was signed: parsed as S/MIME, and the digest then differs', () => {
    const eml = text(sample(MULTIPART)).replace('It is a text/plain entity', `${ARMOUR}It is a text/plain entity`);
    const r = checkBytes('x.eml', bytes(eml), opts);
    expect(r.origin).toBe('smime');
    expect(nonPass(r, 'rfc5652/5.6/message-digest-attribute-matches').map((f) => f.status)).toEqual(['fail']);
  });
  it('a binary application/pkcs7-signature part (AS2, RFC 4130) is read as DER, not base64-decoded', () => {
    const eml = text(sample(MULTIPART));
    const der = signatureDer(eml).toString('latin1');
    const binary = withSignaturePart(eml, `Content-Type: application/pkcs7-signature; name=smime.p7s\r\nContent-Transfer-Encoding: binary\r\n\r\n${der}`);
    const r = checkBytes('x.eml', bytes(binary), opts);
    expect(r.verdict).toBe('valid');
    expect(r.findings.find((f) => f.rule === 'cmsi/signature-valid')?.status).toBe('pass');
  });
});

describe('multipart/signed with an eContent beside the signed part (Thunderbird mismatch-econtent)', () => {
  // The signature is an attached SignedData over content/message.txt; the visible first part is
  // the corpus's other text. RFC 8551 3.5.3: the signature covers the first part, so the digest
  // must be compared with it (and fail); 3.5.3.1 (2633 3.4.3.1): the signature must be detached.
  const eml = text(sample(MULTIPART));
  const attached = Buffer.from(sample('signed-data/rsa-sha256/attached.der')).toString('base64').replace(/.{76}/g, '$&\r\n');
  const mixed = bytes(withSignaturePart(eml, `Content-Type: application/pkcs7-signature; name=smime.p7s\r\nContent-Transfer-Encoding: base64\r\n\r\n${attached}`));
  it.each([
    ['current', 'rfc5652/5.6/message-digest-attribute-matches', 'rfc8551/3.5.3.1/detached-no-econtent'],
    ['v3', 'rfc2630/5.6/message-digest-attribute-matches', 'rfc2633/3.4.3.1/detached-no-econtent'],
  ] as const)('under --profile %s: invalid, the digest over the signed part fails and the eContent is reported', (profile, digestRule, mimeRule) => {
    const r = checkBytes('x.eml', mixed, { ...opts, profile });
    expect(r.verdict).toBe('invalid');
    expect(nonPass(r, digestRule).map((f) => f.status)).toEqual(['fail']);
    expect(nonPass(r, mimeRule).map((f) => f.status)).toEqual(['fail']);
  });
});

describe('producer faults receivers must accept, and what could not be checked', () => {
  it('NULL SHA-256 parameters (RFC 5754 2: generate absent, accept NULL) make the message acceptable, with the producer finding', () => {
    const r = checkBytes('x.der', sample('invalid/signed/sha2-digest-null-params.der'), { ...opts, certs: [readBytes(CORPUS, 'keys/alice-rsa.cert.der')] });
    expect(r.verdict).toBe('acceptable');
    const f = nonPass(r, 'rfc5754/2/sha2-generate-absent-params');
    expect(f.length).toBe(2);
    expect(f.every((x) => x.status === 'fail' && x.producerOnly === true)).toBe(true);
  });
  it('an EnvelopedData checked without its key is unchecked, not valid; with the key it is valid', () => {
    const der = sample('enveloped-data/rsa-oaep-sha256/aes-256-cbc.der');
    expect(checkBytes('x.der', der, opts).verdict).toBe('unchecked');
    const keys = [{ key: readBytes(CORPUS, 'keys/bob-rsa.key.pem'), cert: readBytes(CORPUS, 'keys/bob-rsa.cert.pem') }];
    expect(checkBytes('x.der', der, { ...opts, keys }).verdict).toBe('valid');
  });
});

describe('a closed stdout ends the command quietly (EPIPE)', () => {
  const run = (pipeline: string) => spawnSync('bash', ['-c', `set -o pipefail; ${pipeline}`], { cwd: REPO, encoding: 'utf8', timeout: 120_000 });
  it('cmsi check FILE... | head -1: no stack trace, the exit code of the check', () => {
    // Enough output (every rule that passed, for many files) to fill the pipe after head exits.
    const r = run(`node ${CMSI} check --passes corpus/samples/signed-data/*/*.der corpus/samples/signed-data/*/*.der | head -1`);
    expect(r.stdout.split('\n').filter(Boolean).length).toBe(1);
    expect(r.stderr).not.toMatch(/EPIPE|at .*\.js:\d+|Error/);
    expect([0, 1, 3]).toContain(r.status);
  });
  it('cmsi rules --format json | head: no stack trace, exit 0', () => {
    const r = run(`node ${CMSI} rules --format json | head -3`);
    expect(r.stderr).not.toMatch(/EPIPE|at .*\.js:\d+|Error/);
    expect(r.status).toBe(0);
  });
});

describe('findings name the field that is wrong; what the checker does not know is unchecked', () => {
  const alice = loadCast().get('alice-rsa');
  const content = new TextEncoder().encode('issue 15\r\n');
  const RSA_ENCRYPTION = seq(oid(OID.rsaEncryption), nul());
  const signed = (extra: Partial<SignerSpec>) => buildSignedData({
    content, certificates: [alice.certDer],
    signers: [{ identity: alice, signature: { kind: 'rsa-pkcs1-sha', digest: 'sha256' }, signedAttrs: [], ...extra }],
  }, new SeededRandom('real-mail'));

  it('a digestAlgorithm holding a signature OID is named as such, on digestAlgorithm, and is unchecked', () => {
    const r = checkBytes('x.der', signed({ digestAlgorithm: seq(oid(OID.sha256WithRSAEncryption), nul()), defects: { signatureAlgorithm: RSA_ENCRYPTION } }), opts);
    expect(r.verdict).toBe('unchecked');
    const u = r.findings.filter((f) => f.status === 'unchecked');
    expect(u.length).toBeGreaterThan(0);
    expect(u.every((f) => f.path === 'signedData.signerInfos[0].digestAlgorithm' && /is a signature algorithm, not a digest algorithm/.test(f.message))).toBe(true);
  });
  it('an MD2 digestAlgorithm (not supported here) is unchecked, never a MUST failure', () => {
    const r = checkBytes('x.der', signed({ digestAlgorithm: seq(oid('1.2.840.113549.2.2'), nul()), defects: { signatureAlgorithm: RSA_ENCRYPTION } }), opts);
    expect(r.verdict).toBe('unchecked');
    expect(r.findings.filter((f) => f.status === 'fail')).toEqual([]);
  });
  it('an RSA signature whose DigestInfo lacks the NULL is reported under RFC 5754 2, not as a signature over other bytes', () => {
    // No signed attributes: the signature is over the content (RFC 5652 5.4); its DigestInfo is
    // written by hand with SHA-256 and no parameters, then the RSA private key applied.
    const digestInfo = seq(seq(oid(OID.sha256)), octets(new Uint8Array(createHash('sha256').update(content).digest())));
    const signatureValue = new Uint8Array(privateEncrypt({ key: alice.keyPem, padding: constants.RSA_PKCS1_PADDING }, digestInfo));
    const r = checkBytes('x.der', signed({ signedAttrs: null, signatureValue }), opts);
    expect(r.verdict).toBe('invalid');
    expect(nonPass(r, 'rfc5754/2/pkcs1-digestinfo-null-params').map((f) => f.status)).toEqual(['fail']);
    expect(nonPass(r, 'rfc5652/5.4/no-signed-attrs-sign-content-digest')).toEqual([]);
  });
  it('the SHA-1 "generate absent" statement (RFC 3370 2.1, SHOULD) runs for SignedData too: NULL is a warning, not a failure', () => {
    const r = checkBytes('x.der', buildSignedData({
      content, certificates: [alice.certDer],
      signers: [{ identity: alice, signature: { kind: 'rsa-pkcs1-sha', digest: 'sha1' }, signedAttrs: [], digestAlgorithm: seq(oid(OID.sha1), nul()) }],
    }, new SeededRandom('real-mail')), opts);
    expect(nonPass(r, 'rfc3370/2.1/sha1-generate-absent-params').map((f) => [f.status, f.path])).toEqual([
      ['warn', 'signedData.digestAlgorithms[0]'], ['warn', 'signedData.signerInfos[0].digestAlgorithm'],
    ]);
    expect(r.findings.filter((f) => f.status === 'fail')).toEqual([]);
  });
  it('a GOST signatureAlgorithm (not supported here) is unchecked, never a MUST failure', () => {
    const r = checkBytes('x.der', signed({ defects: { signatureAlgorithm: seq(oid('1.2.643.7.1.1.3.2')) } }), opts);
    expect(r.verdict).toBe('unchecked');
    expect(r.findings.filter((f) => f.status === 'fail')).toEqual([]);
    expect(r.findings.find((f) => f.status === 'unchecked')?.path).toBe('signedData.signerInfos[0].signatureAlgorithm');
  });
  it('a certificate 30 06 30 00 30 00 30 00 among the SignedData certificates is caught', () => {
    const der = buildSignedData({
      content, certificates: [alice.certDer, Uint8Array.of(0x30, 0x06, 0x30, 0x00, 0x30, 0x00, 0x30, 0x00)],
      signers: [{ identity: alice, signature: { kind: 'rsa-pkcs1-sha', digest: 'sha256' }, signedAttrs: [] }],
    }, new SeededRandom('real-mail'));
    const r = checkBytes('x.der', der, opts);
    expect(r.verdict).toBe('invalid');
    expect(nonPass(r, 'rfc5280/4.1/certificate-syntax').map((f) => f.status)).toContain('fail');
  });
  it('JSON origin says ber for a BER file and der for a DER one', () => {
    expect(checkBytes('x.ber', sample('signed-data/rsa-sha256/ber-indefinite.ber'), opts).origin).toBe('ber');
    expect(checkBytes('x.der', sample('signed-data/rsa-sha256/attached.der'), opts).origin).toBe('der');
  });
  it('an unknown outer content type (PKCS #7 signedAndEnvelopedData) is unchecked, not valid', () => {
    const der = seq(oid('1.2.840.113549.1.7.4'), Uint8Array.of(0xa0, 0x02, 0x30, 0x00));
    const r = checkBytes('x.der', der, opts);
    expect(r.verdict).toBe('unchecked');
    expect(r.findings.find((f) => f.rule === 'cmsi/unknown-content-type')?.status).toBe('unchecked');
  });
});
