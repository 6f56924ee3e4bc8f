/**
 * The checker takes a Node Buffer as it takes a Uint8Array (the API and the interop harness pass
 * readFileSync's Buffer): same findings. A Buffer's slice() is a view, not a copy, so a rule that
 * retagged a slice (SMIMEEncryptionKeyPreference's [0] IMPLICIT IssuerAndSerialNumber) wrote into
 * the message, and the signature over it no longer verified.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { manifestTasks } from '../cli/check.ts';
import { checkBytes } from '../checkers/engine.ts';
import { loadCatalog } from '../core/catalog.ts';
import { CORPUS } from './helpers/corpus.ts';

const catalog = loadCatalog();

describe('Buffer input', () => {
  it('gives the findings of a Uint8Array input, and leaves the bytes as they were', () => {
    const made = manifestTasks(join(CORPUS, 'manifest.yaml'), 'current');
    const ids = ['ess/encryption-key-preference/issuer-serial', 'invalid/catalog/key-preference-certificate-not-carried', 'signed-data/rsa-sha256/attached', 'enveloped-data/originator-info'];
    for (const id of ids) {
      const t = made.tasks[made.samples.findIndex((s) => s.id === id)]!;
      const buffer = readFileSync(t.path);
      const before = Buffer.from(buffer);
      const fromBuffer = checkBytes(t.name, buffer, { catalog, ...t.options });
      const fromArray = checkBytes(t.name, new Uint8Array(readFileSync(t.path)), { catalog, ...t.options });
      expect(fromBuffer.findings, id).toEqual(fromArray.findings);
      expect(fromBuffer.verdict, id).toBe(made.samples.find((s) => s.id === id)!.expected === 'valid' ? 'valid' : fromArray.verdict);
      expect(buffer.equals(before), id).toBe(true);
    }
  });
});
