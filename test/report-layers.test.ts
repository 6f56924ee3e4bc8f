/**
 * Issue 10, verdicts by layer in the report: an unexpected outcome is labelled with the layer cmsi
 * check found the sample broken in, read from the consume record (interop writes cmsi check's
 * judgement of each sample into it), never recomputed by the report: a record that does not carry
 * it says so, whatever its sample. So an accepted sample broken only in its certificate is not
 * counted with accepted malformed ones, and a rejected valid sample is an interop failure.
 */
import { describe, expect, it } from 'vitest';
import type { ConsumeRecord, ProducedCheck, StackRecord } from '../interop/records.ts';
import { renderMarkdown } from '../reports/markdown.ts';
import { acceptedByLayer, buildModel } from '../reports/model.ts';

const stamp = { recordVersion: 1 as const, runId: '00000000-0000-4000-8000-000000000000', cmsi: '0.1.0', manifestSha256: '0'.repeat(64), seed: '1' };
const stack: StackRecord = { ...stamp, kind: 'stack', stack: 'somestack', lineage: 'somestack', source: 'local', installed: true, version: '1.0', produces: [] };

const layers = (over: ProducedCheck['layers']): ProducedCheck['layers'] =>
  ({ encoding: 'pass', structure: 'pass', crypto: 'pass', certificate: 'pass', path: 'none', policy: 'pass', mime: 'none', ...over });

function consume(sample: string, expected: ConsumeRecord['expected'], verdict: ConsumeRecord['verdict'], check?: ProducedCheck): ConsumeRecord {
  return {
    ...stamp, kind: 'consume', stack: 'somestack', version: '1.0', lineage: 'somestack', sample, sampleSha256: '1'.repeat(64), expected,
    contentType: 'envelopedData', features: ['enveloped-data'], flags: [], requirements: ['rfc8550/1/validate-public-key-before-use'], verdict,
    contentMatch: null, detail: verdict === 'reject' ? 'the stack said no' : '', ms: 1, ...(check ? { check } : {}),
  };
}

const certificateBroken: ProducedCheck = { verdict: 'invalid', failed: ['rfc8550/1/validate-public-key-before-use'], layers: layers({ certificate: 'fail', crypto: 'unchecked' }), reason: 'certificate (recipient certificate: ...)' };
const malformed: ProducedCheck = { verdict: 'invalid', failed: ['cmsi/asn1-structure'], layers: layers({ structure: 'fail', certificate: 'fail' }), reason: 'structure (...)' };
const valid: ProducedCheck = { verdict: 'valid', failed: [], layers: layers({}), reason: null };

describe('unexpected outcomes by layer', () => {
  const records = [
    stack,
    consume('invalid/certificates/recipient-rsa-exponent-one', 'invalid', 'accept', certificateBroken),
    consume('invalid/structure/broken', 'invalid', 'accept', malformed),
    consume('invalid/old/no-check-recorded', 'invalid', 'accept'),
    consume('enveloped-data/rsa-pkcs1/aes-128-cbc', 'valid', 'reject', valid),
  ];
  const m = buildModel(records);

  it('takes each layer from the record: the first failing one, none for a valid sample, null when unrecorded', () => {
    expect(m.unexpected.map((u) => [u.record.sample, u.outcome, u.layer])).toEqual([
      ['enveloped-data/rsa-pkcs1/aes-128-cbc', 'false-reject', 'none'],
      ['invalid/certificates/recipient-rsa-exponent-one', 'false-accept', 'certificate'],
      ['invalid/old/no-check-recorded', 'false-accept', null],
      ['invalid/structure/broken', 'false-accept', 'structure'],
    ]);
    // structure comes before certificate in reading order: the malformed sample counts as structure only.
    expect(acceptedByLayer(m.unexpected)).toBe('structure 1, certificate 1, unrecorded 1');
  });

  it('labels the full list and splits the brief table by layer', () => {
    const full = renderMarkdown(m);
    expect(full).toContain('false-accept `invalid/certificates/recipient-rsa-exponent-one` [broken in certificate]');
    expect(full).toContain('false-accept `invalid/structure/broken` [broken in structure]');
    expect(full).toContain('false-accept `invalid/old/no-check-recorded` [layer not recorded]');
    expect(full).toContain('false-reject `enveloped-data/rsa-pkcs1/aes-128-cbc` [valid in every layer]');
    const brief = renderMarkdown(m, { brief: true });
    expect(brief).toContain('| stack | invalid accepted | by layer of the defect | valid rejected |');
    expect(brief).toContain('| somestack | 3 | structure 1, certificate 1, unrecorded 1 | 1 |');
  });
});
