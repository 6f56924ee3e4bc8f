/**
 * The fuzzer's parts without the stacks: mutation steps (each edits what it names and nothing
 * else, never throws, same steps same octets), the re-signer (checked by the checker and, for RSA
 * PKCS #1 v1.5, which is deterministic, by giving back the corpus sample itself), and the oracles'
 * decision table on hand-written verdicts (no stack is involved, so nothing here claims interop).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkBytes } from '../checkers/engine.ts';
import { loadCatalog } from '../core/catalog.ts';
import type { CheckerAnswer } from '../fuzz/checker-client.ts';
import { fuzzInput } from '../fuzz/arbitrary.ts';
import { errorClass, observe } from '../fuzz/oracles.ts';
import { inputAt } from '../fuzz/replay.ts';
import { applySteps } from '../fuzz/steps.ts';
import { loadCorpus, targetOf } from '../fuzz/targets.ts';
import { decode, oidOf, child } from './helpers/asn1.ts';
import { CORPUS } from './helpers/corpus.ts';

const corpus = loadCorpus(CORPUS, ['signed-data/rsa-sha256/attached', 'signed-data/rsa-pss-sha256/attached', 'digested-data/sha256']);
const base = (id: string) => corpus.bases.find((b) => b.sample.id === id)!;
const ctx = { donors: corpus.bases.map((b) => b.bytes) };
const catalog = loadCatalog();

describe('mutation steps', () => {
  it('trailing appends exactly its octets', () => {
    const b = base('signed-data/rsa-sha256/attached').bytes;
    const out = applySteps(b, [{ op: 'trailing', bytes: [1, 2, 3] }], ctx);
    expect(Buffer.from(out.subarray(0, b.length)).equals(Buffer.from(b))).toBe(true);
    expect([...out.subarray(b.length)]).toEqual([1, 2, 3]);
  });

  it('an OID swap stays in the OID\'s family: the DigestedData digest algorithm becomes another digest', () => {
    const b = base('digested-data/sha256').bytes;
    // pick 0 of the OIDs outside certificates is contentType (id-digestedData); 1 the digestAlgorithm.
    const out = applySteps(b, [{ op: 'oid', pick: 1, oid: 0 }], ctx);
    const dd = child(child(decode(out), 1), 0);
    expect(oidOf(child(child(dd, 1), 0))).toBe('1.3.14.3.2.26'); // sha1, the first other digest
    expect(out.length).toBe(b.length - 4); // sha-1's OID is four octets shorter; the lengths follow
  });

  it('any step sequence applies to any base without throwing, and the same steps give the same octets', () => {
    const arb = fuzzInput(corpus.bases.length, 3);
    fc.assert(fc.property(arb, (input) => {
      const b = corpus.bases[input.base]!;
      const once = applySteps(b.bytes, input.steps, ctx, input.resign ? b.resign : undefined);
      const twice = applySteps(b.bytes, input.steps, ctx, input.resign ? b.resign : undefined);
      return Buffer.from(once).equals(Buffer.from(twice));
    }), { seed: 11, numRuns: 150 });
  });

  it('{seed, path} gives back the input fast-check generated there', () => {
    const arb = fuzzInput(corpus.bases.length, 3);
    const seen: unknown[] = [];
    fc.check(fc.property(arb, (i) => { seen.push(i); return true; }), { seed: 5, numRuns: 8 });
    expect(inputAt(5, '7', corpus.bases.length, 3)).toEqual(seen[7]);
  });
});

describe('generated messages (--generated)', () => {
  it('come back identical from {seed, path}, and are judged with the corpus sample of their algorithm', () => {
    const found = Array.from({ length: 40 }, (_, i) => inputAt(3, String(i), corpus.bases.length, 3, true)).find((x) => x?.fresh);
    expect(found?.fresh, 'a quarter of the inputs are generated').toBeTruthy();
    const path = String(Array.from({ length: 40 }, (_, i) => inputAt(3, String(i), corpus.bases.length, 3, true)).findIndex((x) => x?.fresh));
    const again = inputAt(3, path, corpus.bases.length, 3, true)!;
    expect(Buffer.from(again.fresh!.bytes).equals(Buffer.from(found!.fresh!.bytes))).toBe(true);
    const t = targetOf(corpus, again)!;
    expect(t.sample.id).toBe(`signed-data/${again.fresh!.algorithm}/attached`);
    expect(checkBytes(t.sample.file, t.bytes, { catalog, profile: 'current', certs: [], content: null }).verdict, 'a generated message is valid before any step').toMatch(/^(valid|acceptable)$/);
  });
});

describe('the re-signer', () => {
  const judge = (id: string, bytes: Uint8Array) => {
    const s = base(id).sample;
    return checkBytes(s.file, bytes, { catalog, profile: 'current', certs: [], content: null });
  };

  it('gives back the corpus sample itself for an unchanged RSA PKCS #1 v1.5 SignedData (deterministic signature)', () => {
    const b = base('signed-data/rsa-sha256/attached');
    expect(Buffer.from(b.resign(b.bytes)).equals(Buffer.from(b.bytes))).toBe(true);
  });

  it('re-signs an RSASSA-PSS SignedData so that the checker finds it valid again after a content edit', () => {
    const b = base('signed-data/rsa-pss-sha256/attached');
    // Tamper the content (one octet of eContent), then re-sign: message-digest and signature follow.
    const tampered = Uint8Array.from(b.bytes);
    const at = Buffer.from(b.bytes).indexOf(Buffer.from('This is the cms-interop sample message'));
    expect(at).toBeGreaterThan(0);
    tampered[at]! ^= 0x20;
    expect(judge(b.sample.id, tampered).verdict).toBe('invalid');
    expect(judge(b.sample.id, b.resign(tampered)).verdict).toBe('valid');
  });
});

describe('the oracles', () => {
  const invalidAt = (layer: string, rule: string): CheckerAnswer => ({ ok: true, verdict: 'invalid', failing: [{ rule, layer }], reason: `${layer} (x)`, contentSha256: null });
  const valid: CheckerAnswer = { ok: true, verdict: 'valid', failing: [], reason: null, contentSha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' }; // sha256("test")
  const accept = (text: string) => ({ verdict: 'accept' as const, content: new TextEncoder().encode(text) });

  it('accepting a MUST-level structure failure is accepts-invalid; a certificate-layer one is differential', () => {
    expect(observe(invalidAt('structure', 'rfc5652/5.1/v'), [{ stack: 's', verdict: accept('test') }]).map((o) => o.oracle)).toEqual(['accepts-invalid']);
    expect(observe(invalidAt('certificate', 'rfc5280/x'), [{ stack: 's', verdict: accept('test') }]).map((o) => o.oracle)).toEqual(['differential']);
  });

  it('rejecting a valid message is differential only when another stack accepts it', () => {
    expect(observe(valid, [{ stack: 'a', verdict: { verdict: 'reject', error: 'bad 12' } }])).toEqual([]);
    const o = observe(valid, [{ stack: 'a', verdict: { verdict: 'reject', error: 'bad 12' } }, { stack: 'b', verdict: accept('test') }]);
    expect(o.map((x) => `${x.stack} ${x.oracle} ${x.rule}`)).toEqual(['a differential rejects: bad N']);
  });

  it('other content from a valid message is wrong-content; a crash and a hang are their own oracles; unsupported and harness errors are nothing', () => {
    expect(observe(valid, [{ stack: 's', verdict: accept('tesT') }]).map((o) => o.oracle)).toEqual(['wrong-content']);
    expect(observe(valid, [{ stack: 's', verdict: accept('test') }])).toEqual([]);
    expect(observe(valid, [{ stack: 's', verdict: { verdict: 'crash', signal: 'SIGSEGV' } }, { stack: 't', verdict: { verdict: 'hang' } }]).map((o) => `${o.oracle} ${o.rule}`)).toEqual(['crash signal SIGSEGV', 'hang timeout']);
    expect(observe(valid, [{ stack: 's', verdict: { verdict: 'unsupported', reason: 'x' } }, { stack: 't', verdict: { verdict: 'error', error: 'spawn' } }])).toEqual([]);
  });

  it('error classes drop numbers, hex and quoted parts', () => {
    expect(errorClass('80CB3D32907F0000:error:1700007F:CMS routines:x:no content:../c.c:123')).toBe(errorClass('80AB3D32907F1111:error:1700007F:CMS routines:x:no content:../c.c:456'));
    expect(errorClass('signer0 ("Alice") status=BadSignature')).toBe('signerN (_) status=BadSignature');
  });
});
