/**
 * The attack-class samples of issue 14 that need more than "caught by the rule it names":
 * PBKDF2 work bounds (a count of 2^31-1 is a resource limit the checker stops at, with the flag
 * that raises it, never a MUST failure of PBKDF2-params, which allow 1..MAX; 0 is outside
 * that range). The expected counts are read from the sample bytes here (INTEGER 7fffffff), not
 * from the generator.
 */
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../core/catalog.ts';
import type { Sample } from '../core/manifest.ts';
import { checkBytes, type CheckOptions } from '../checkers/engine.ts';
import { judge } from '../checkers/expectation.ts';
import { CORPUS, loadManifest, readBytes } from './helpers/corpus.ts';
import { cmsi } from './helpers/cmsi-cli.ts';
import { child, decode } from './helpers/asn1.ts';
import { join } from 'node:path';

const catalog = loadCatalog();
const manifest = loadManifest();
const sample = (id: string): Sample => {
  const s = manifest.samples.find((x) => x.id === id);
  if (!s) throw new Error(`no sample ${id}`);
  return s;
};
const withPassword = (s: Sample, extra: Partial<CheckOptions> = {}): CheckOptions => ({ catalog, profile: 'current', certs: [], content: readBytes(CORPUS, s.inputs.content!), password: s.inputs.password!, ...extra });

describe('PBKDF2 iteration counts in a PasswordRecipientInfo', () => {
  const huge = sample('invalid/attack-classes/pbkdf2-iterations-2-31');
  const base = sample('enveloped-data/pwri/aes-128-cbc');

  it('the sample really asks for 2^31-1 iterations', () => {
    expect(Buffer.from(readBytes(CORPUS, huge.file)).includes(Buffer.from([0x02, 0x04, 0x7f, 0xff, 0xff, 0xff]))).toBe(true);
    expect(huge.limit).toBe('pbkdf2-iterations');
  });

  it('stops at the bound at once: unchecked with the limit and its flag, no PBKDF2-params failure', () => {
    const started = Date.now();
    const r = checkBytes(huge.file, readBytes(CORPUS, huge.file), withPassword(huge));
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(r.verdict).toBe('unchecked');
    expect(r.limit).toMatchObject({ limit: 'pbkdf2-iterations', flag: '--max-pbkdf2-iterations', value: 2_000_000 });
    expect(r.findings.filter((f) => f.status === 'fail')).toEqual([]);
    expect(r.findings.find((f) => f.rule === 'rfc3370/4.4.1/pbkdf2-params')?.status).toBe('pass');
    expect(judge(huge, r).matches).toBe(true);
  });

  it('the bound is the flag\'s: below the base\'s 2048 iterations the valid base is unchecked too, at the default it is valid', () => {
    const bytes = readBytes(CORPUS, base.file);
    expect(checkBytes(base.file, bytes, withPassword(base)).verdict).toBe('valid');
    const bounded = checkBytes(base.file, bytes, withPassword(base, { maxPbkdf2Iterations: 1000 }));
    expect(bounded.verdict).toBe('unchecked');
    expect(bounded.limit?.value).toBe(1000);
    expect(bounded.reason).toContain('--max-pbkdf2-iterations');
  });

  it('a limit sample whose check decides anyway does not match the manifest', () => {
    const r = checkBytes(base.file, readBytes(CORPUS, base.file), withPassword(base));
    expect(judge({ ...huge, id: base.id }, r)).toMatchObject({ matches: false });
  });

  it('a count of 0 is outside INTEGER (1..MAX): invalid under rfc3370/4.4.1/pbkdf2-params', () => {
    const zero = sample('invalid/attack-classes/pbkdf2-iterations-zero');
    const r = checkBytes(zero.file, readBytes(CORPUS, zero.file), withPassword(zero));
    expect(r.verdict).toBe('invalid');
    expect(r.findings.filter((f) => f.status === 'fail').map((f) => f.rule)).toEqual(['rfc3370/4.4.1/pbkdf2-params']);
  });

  it('cmsi check takes --max-pbkdf2-iterations N and refuses a bound that is not a positive integer', () => {
    const file = join(CORPUS, base.file);
    const low = cmsi(['check', file, '--password', base.inputs.password!, '--max-pbkdf2-iterations', '1000', '--format', 'json']);
    expect(low.code).toBe(3);
    expect(JSON.parse(low.stdout).results[0].limit).toMatchObject({ limit: 'pbkdf2-iterations', value: 1000, flag: '--max-pbkdf2-iterations' });
    expect(cmsi(['check', file, '--password', base.inputs.password!, '--max-pbkdf2-iterations', '0']).code).toBe(2);
  });
});

describe('S/MIME entities inside a multipart/mixed (MIME wrapping, Efail direct exfiltration)', () => {
  const check = (bytes: Uint8Array, extra: Partial<CheckOptions> = {}) => checkBytes('m.eml', bytes, { catalog, profile: 'current', certs: [], content: null, ...extra });
  const byRule = (r: ReturnType<typeof check>, rule: string) => r.findings.filter((f) => f.rule === rule).map((f) => f.status);
  const eml = (parts: string[], boundary = 'b0undary'): Uint8Array => new Uint8Array(Buffer.from([
    'From: alice@example.com', 'MIME-Version: 1.0', `Content-Type: multipart/mixed; boundary="${boundary}"`, '', 'preamble',
    ...parts.flatMap((p) => [`--${boundary}`, p]), `--${boundary}--`, '',
  ].join('\r\n'), 'latin1'));
  /** The S/MIME part of a corpus sample: its headers and body as they are in the file. */
  const smimePart = (id: string): string => {
    const text = Buffer.from(readBytes(CORPUS, sample(id).file)).toString('latin1');
    return text.slice(text.indexOf('Content-Type:'));
  };
  const html = (body: string) => ['Content-Type: text/html', '', body].join('\r\n');

  it('the wrapped sample\'s signature verifies over the signed part only, and the unsigned text is reported beside it', () => {
    const s = sample('invalid/attack-classes/mime-wrap-signed-beside-unsigned');
    const text = Buffer.from(readBytes(CORPUS, s.file)).toString('latin1');
    expect(text.indexOf('Johnny, you are fired.')).toBeLessThan(text.indexOf('multipart/signed'));
    const r = check(readBytes(CORPUS, s.file), { certs: [readBytes(CORPUS, s.inputs.signerCerts![0]!)] });
    expect(byRule(r, 'cmsi/signature-valid')).toContain('pass');
    expect(byRule(r, 'rfc8551/6/multipart-mixed-separate-origins')).toEqual(['warn']);
    expect(r.findings.find((f) => f.rule === 'rfc8551/6/multipart-mixed-separate-origins')?.message).toMatch(/1 unprotected \(text\/plain\)/);
    expect(r.verdict).toBe('valid'); // a SHOULD: a warning, never a MUST failure of the message
  });

  it('an S/MIME part alone in a multipart/mixed passes the origins rule; a complete HTML document beside it is no finding of html-complete-document', () => {
    const part = smimePart('smime/pkcs7-mime/enveloped-data');
    expect(byRule(check(eml([part])), 'rfc8551/6/multipart-mixed-separate-origins')).toEqual(['pass']);
    const r = check(eml([html('<!DOCTYPE html>\r\n<html><body><p>hi</p></body></html>'), part]));
    expect(byRule(r, 'rfc8551/6/html-complete-document')).toEqual(['pass']);
    expect(byRule(check(eml([html('<p>hi</p>'), part])), 'rfc8551/6/html-complete-document')).toEqual(['fail']);
  });

  it('reads a second S/MIME part as unchecked, never as passed', () => {
    const part = smimePart('smime/pkcs7-mime/enveloped-data');
    const r = check(eml([part, part]));
    expect(byRule(r, 'cmsi/mime-part-unchecked')).toEqual(['unchecked']);
  });

  it('a multipart/mixed without an S/MIME part, or with more than 64 parts, is a clear input error', () => {
    const none = check(eml([html('<html></html>')]));
    expect(none.verdict).toBe('unparseable');
    expect(none.findings[0]?.message).toMatch(/none of them an S\/MIME entity/);
    const many = check(eml(Array.from({ length: 65 }, () => html('x'))));
    expect(many.findings[0]?.message).toMatch(/more than 64 parts/);
  });
});

describe('a back-dated signing time is never the validation time (RFC 8550 6, BC CVE-2026-59641)', () => {
  const s = sample('invalid/attack-classes/signing-time-back-dated');
  const carl = readBytes(CORPUS, 'keys/carl-rsa.cert.pem');
  const ca = { anchors: [{ der: carlDer(carl), label: 'carl' }] };
  const run = (extra: Partial<CheckOptions> = {}) => checkBytes(s.file, readBytes(CORPUS, s.file), { catalog, profile: 'current', certs: [], content: null, ...ca, ...extra });

  it('without --at the path is validated now: the certificate that expired 2025-12-31 fails, whatever the signing-time claims', () => {
    const r = run();
    expect(r.validation?.source).toBe('now');
    expect(r.validation?.claimed).toBe('2025-06-01T12:00:00Z');
    expect(Date.parse(r.validation!.time)).toBeGreaterThan(Date.parse('2025-12-31T23:59:59Z'));
    expect(r.verdict).toBe('invalid');
    expect(r.findings.filter((f) => f.status === 'fail').map((f) => f.rule)).toEqual(['rfc5280/6.1.3/validity-includes-time']);
  });

  it('--at inside the validity (the one way to validate at a past time) makes the same message valid', () => {
    const r = run({ at: { ms: Date.parse('2025-06-01T12:00:00Z'), source: 'at' } });
    expect(r.validation).toEqual({ time: '2025-06-01T12:00:00Z', source: 'at', anchors: 1, claimed: '2025-06-01T12:00:00Z' });
    expect(r.verdict).toBe('valid');
  });
});

/** DER of a PEM certificate. */
function carlDer(pem: Uint8Array): Uint8Array {
  const m = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/.exec(Buffer.from(pem).toString('latin1'));
  return new Uint8Array(Buffer.from(m![1]!.replace(/\s+/g, ''), 'base64'));
}

/**
 * The Efail CBC gadget (Poddebniak et al., USENIX Security 2018) has no corpus sample, and this
 * says why: a CBC ciphertext changed so that a known plaintext block becomes attacker-chosen
 * HTML is a well-formed EnvelopedData of another plaintext. EnvelopedData has no integrity
 * (RFC 8551 6: "Modification of the ciphertext in EnvelopedData can go undetected if
 * authentication is not also used"), so no rule over the message can tell it from a genuine one;
 * only a checker given the original content sees the difference. The same edit on
 * AuthEnvelopedData (AES-GCM) fails its tag, which is RFC 8551 6's answer. The IV is changed in
 * place (IV' = IV xor known xor chosen), so the first block decrypts to the chosen text exactly.
 */
describe('Efail CBC gadget: what a checker can and cannot see', () => {
  const CHOSEN = Buffer.from('<img src="http:/', 'latin1'); // 16 octets: one AES block
  const withKey = (s: Sample, content: Uint8Array | null, onRecovered?: (c: Uint8Array) => void): CheckOptions => ({
    catalog, profile: 'current', certs: [], content,
    keys: [{ key: readBytes(CORPUS, s.inputs.recipient!.key), cert: readBytes(CORPUS, s.inputs.recipient!.cert) }],
    ...(onRecovered ? { onRecovered } : {}),
  });
  /** XORs `mask` into `bytes` where `target` occurs (once); lengths, hence the DER, stay as they are. */
  const xorAt = (bytes: Uint8Array, target: Uint8Array, mask: Uint8Array): Uint8Array => {
    const at = Buffer.from(bytes).indexOf(Buffer.from(target));
    expect(at).toBeGreaterThan(0);
    expect(Buffer.from(bytes).indexOf(Buffer.from(target), at + 1)).toBe(-1);
    const out = Uint8Array.from(bytes);
    mask.forEach((m, i) => { out[at + i]! ^= m; });
    return out;
  };

  it('EnvelopedData (AES-128-CBC): the IV edit yields chosen HTML; only the known original content exposes it', () => {
    const s = sample('enveloped-data/rsa-pkcs1/aes-128-cbc');
    const bytes = readBytes(CORPUS, s.file);
    const content = readBytes(CORPUS, s.inputs.content!);
    const eci = child(child(child(decode(bytes), 1), 0), 2);
    const iv = child(child(eci, 1), 1).value;
    expect(iv.length).toBe(16);
    const mask = Uint8Array.from(CHOSEN, (c, i) => c ^ content[i]!);
    const gadget = xorAt(bytes, iv, mask);
    let recovered: Uint8Array | null = null;
    const blind = checkBytes(s.file, gadget, withKey(s, null, (c) => { recovered = c; }));
    expect(blind.verdict).toBe('valid'); // nothing in the message is wrong
    expect(Buffer.from(recovered!).subarray(0, 16).toString('latin1')).toBe('<img src="http:/');
    expect(Buffer.from(recovered!).subarray(16)).toEqual(Buffer.from(content).subarray(16));
    const knowing = checkBytes(s.file, gadget, withKey(s, content));
    expect(knowing.verdict).toBe('invalid');
    expect(knowing.findings.filter((f) => f.status === 'fail').map((f) => f.rule)).toEqual(['cmsi/content-matches']);
  });

  it('AuthEnvelopedData (AES-128-GCM): the same flip of the first ciphertext block fails the tag', () => {
    const s = sample('auth-enveloped-data/aes-128-gcm');
    const bytes = readBytes(CORPUS, s.file);
    const content = readBytes(CORPUS, s.inputs.content!);
    const aeci = child(child(child(decode(bytes), 1), 0), 2);
    const ciphertext = child(aeci, 2).value;
    const mask = Uint8Array.from(CHOSEN, (c, i) => c ^ content[i]!);
    const r = checkBytes(s.file, xorAt(bytes, ciphertext.subarray(0, 16), mask), withKey(s, null));
    expect(r.verdict).toBe('invalid');
    expect(r.findings.filter((f) => f.status === 'fail').map((f) => f.rule)).toContain('cmsi/decryption');
  });
});
