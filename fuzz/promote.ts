/**
 * `cmsi fuzz --promote ID`: a finding as the skeleton of an invalid-corpus case, for a person to
 * finish: a mutation file (generators/mutations) with the finding's base, the catalog id the
 * checker failed, a flag guessed from it, and the steps that make the defect, as data. What is left
 * to do (a description, the flag checked, `before` and a proper re-signing when the finding was
 * re-signed) is marked TODO. Nothing is written into the corpus.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FindingRecord } from './findings.ts';

/** The bug class of data/flags.yaml a rule most likely belongs to; the person checks it. */
function guessFlag(f: FindingRecord): string {
  const r = f.rule;
  if (r === 'rfc5652/3/content-info-outer-type' && f.stepsText.includes('trailing')) return 'TrailingData';
  if (/version/.test(r)) return 'WrongVersion';
  if (/same-digest|same-hash/.test(r)) return 'DigestAlgorithmConfusion';
  if (/pss/.test(r) || /pss/.test(f.base) && f.oracle === 'crash') return 'RsaPssParams';
  if (/digest-valid|message-digest/.test(r)) return 'MessageDigestMismatch';
  if (/signature-valid/.test(r)) return 'SignatureOverWrongBytes';
  if (/der-encoded|content-info-outer-type/.test(r)) return 'NonMinimalLength';
  return 'TODO';
}

const camel = (id: string) => `fuzz${id.replace(/[^a-z0-9]/gi, '')}`;

export function promoteFinding(f: FindingRecord, outDir: string): string {
  // The checker's failing catalog ids (cmsi/... rules are the checker's own, not the catalog's).
  const catalogId = [...new Set([f.rule, ...f.checker.failing.map((x) => x.rule)].filter((r) => /^rfc\d{4}\//.test(r)))];
  const text = `/**
 * TODO: the defect in one paragraph, and the implementation mistake that accepts it.
 *
 * Promoted from cmsi fuzz finding ${f.id}: ${f.stack} ${f.stackVersion}, oracle ${f.oracle},
 * checker layer ${f.layer}, rule ${f.rule}.
 * The stack said: ${f.detail.replace(/\*\//g, '* /').slice(0, 300)}
 * The checker said: ${(f.checker.reason ?? f.checker.verdict).replace(/\*\//g, '* /').slice(0, 300)}
 * Steps (fuzz/steps.ts) on ${f.base}: ${f.stepsText}
 * Replay: cmsi fuzz --replay reproducers/${f.id}.json (seed ${f.seed}, path ${f.path})${f.resigned ? `
 * TODO: the finding was re-signed after the steps: make this a \`before\` mutation that builds the
 * defect and signs it (see generators/mutations/signed/common.ts).` : ''}
 */
import type { Mutation } from '../mutation.ts';
import { applySteps, type Step } from '../../../fuzz/steps.ts';

const STEPS: readonly Step[] = ${JSON.stringify(f.steps)};

export const ${camel(f.id)}: Mutation = {
  id: 'invalid/fuzz/${f.id}',
  description: 'TODO: one line: the defect, and the implementation mistake that would accept it',
  stage: 'after',
  base: '${f.base}',
  requirements: ${JSON.stringify(catalogId)}, // TODO: the catalog ids (rfcNNNN/section/slug) the result violates
  flag: '${guessFlag(f)}', // TODO: check against data/flags.yaml
  expected: 'invalid',
  apply: ({ base }) => ({ bytes: applySteps(base, STEPS, { donors: [] }) }),
};
`;
  const dir = join(outDir, 'promoted');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${f.id}.ts`);
  writeFileSync(file, text);
  return file;
}
