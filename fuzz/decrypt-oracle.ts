/**
 * The decrypt-side oracle table: for every stack that decrypts, what it answers on four kinds of
 * broken ciphertext made from corpus samples with the recipient's real keys:
 *
 * - pkcs1-padding: the key transport block is not PKCS #1 v1.5 type 2 (RFC 8017 7.2.2 step 3),
 * - wrong-key:     the block is well padded but carries another content key (RFC 3218 2.3: a
 *                  receiver should carry on with a random key, so this looks like a CBC error),
 * - cbc-padding:   the right key, but the last plaintext block's padding is wrong (RFC 5652 6.3),
 * - gcm-tag:       an AuthEnvelopedData whose mac does not verify (RFC 5084 2.1).
 *
 * Answers that differ by case (another error message, an accept) are the preconditions of a
 * Bleichenbacher (PKCS #1 v1.5), padding-oracle (CBC) or Efail-style attack, if a caller passes
 * them on. The error class (fuzz/oracles.ts errorClass) is compared, not the raw text, so an
 * offset in a message does not make two cases look different.
 */
import { constants, createCipheriv, createDecipheriv, createPrivateKey, createPublicKey, publicEncrypt, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Adapter } from '../adapters/adapter.ts';
import type { ConsumeVerdict } from '../adapters/verdict.ts';
import { contentOf, readDer, type DerNode } from '../core/der/reader.ts';
import { concat } from '../core/der/encode.ts';
import { replaceContent } from '../generators/mutations/tlv-edit.ts';
import { rsaPkcs1v15Decrypt } from '../generators/crypto/rsa.ts';
import { SeededRandom } from '../generators/random.ts';
import { errorClass } from './oracles.ts';
import { consumeOnce, type Corpus } from './targets.ts';

export const ORACLE_CASES = ['pkcs1-padding', 'wrong-key', 'cbc-padding', 'gcm-tag'] as const;
export type OracleCase = (typeof ORACLE_CASES)[number];

const KTRI_SAMPLE = 'enveloped-data/rsa-pkcs1/aes-128-cbc';
const GCM_SAMPLE = 'auth-enveloped-data/aes-128-gcm';

export interface OracleCell { readonly verdict: ConsumeVerdict['verdict']; readonly answer: string }

export interface OracleRow {
  readonly stack: string;
  /** Missing cases: the stack does not consume that sample. */
  readonly cells: Partial<Record<OracleCase, OracleCell>>;
  /** Groups of cases that give the same answer; more than one group: distinguishable. */
  readonly groups: readonly (readonly OracleCase[])[];
}

/** Fields of an EnvelopedData: its recipientInfos and encryptedContentInfo, by index. */
function envelopedFields(bytes: Uint8Array): { ed: number[]; ris: number; eci: number; node: DerNode } {
  const root = readDer(bytes).root!;
  const ed = root.children[1]!.children[0]!;
  const ris = ed.children.findIndex((c) => c.cls === 'universal' && c.tag === 17);
  return { ed: [1, 0], ris, eci: ris + 1, node: ed };
}

function rsaBlock(pub: KeyObject, k: number, type: number, key: Uint8Array, rnd: SeededRandom): Uint8Array {
  const pad = type === 2 ? rnd.nonZeroBytes(k - 3 - key.length) : new Uint8Array(k - 3 - key.length).fill(0xff);
  return new Uint8Array(publicEncrypt({ key: pub, padding: constants.RSA_NO_PADDING }, concat(Uint8Array.of(0, type), pad, Uint8Array.of(0), key)));
}

/** The three EnvelopedData cases, from the key-transport sample and its recipient's keys. */
function ktriCases(corpus: Corpus): Partial<Record<OracleCase, Uint8Array>> {
  const s = corpus.manifest.samples.find((x) => x.id === KTRI_SAMPLE);
  if (!s?.inputs.recipient) return {};
  const bytes = new Uint8Array(readFileSync(join(corpus.dir, s.file)));
  const priv = createPrivateKey(readFileSync(join(corpus.dir, s.inputs.recipient.key), 'utf8'));
  const pub = createPublicKey(priv);
  const k = (pub.asymmetricKeyDetails?.modulusLength ?? 2048) / 8;
  const f = envelopedFields(bytes);
  const ktri = f.node.children[f.ris]!.children[0]!;
  const ekPath = [...f.ed, f.ris, 0, 3];
  const cek = rsaPkcs1v15Decrypt(priv, contentOf(bytes, ktri.children[3]!));
  const eci = f.node.children[f.eci]!;
  const iv = contentOf(bytes, eci.children[1]!.children[1]!);
  const ciphertext = contentOf(bytes, eci.children[2]!);
  const rnd = new SeededRandom('cmsi-fuzz-oracle-table');
  const plain = createDecipheriv(`aes-${cek.length * 8}-cbc`, cek, iv).setAutoPadding(false).update(ciphertext);
  // The last octet says 0: no valid CBC padding (RFC 5652 6.3 pads with 1..blocksize octets).
  const badPlain = Buffer.from(plain);
  badPlain[badPlain.length - 1] = 0;
  const c = createCipheriv(`aes-${cek.length * 8}-cbc`, cek, iv).setAutoPadding(false);
  const badCipher = new Uint8Array(Buffer.concat([c.update(badPlain), c.final()]));
  return {
    'pkcs1-padding': replaceContent(bytes, ekPath, rsaBlock(pub, k, 1, cek, rnd)),
    'wrong-key': replaceContent(bytes, ekPath, rsaBlock(pub, k, 2, rnd.bytes(cek.length), rnd)),
    'cbc-padding': replaceContent(bytes, [...f.ed, f.eci, 2], badCipher),
  };
}

function gcmCase(corpus: Corpus): Uint8Array | null {
  const s = corpus.manifest.samples.find((x) => x.id === GCM_SAMPLE);
  if (!s) return null;
  const bytes = new Uint8Array(readFileSync(join(corpus.dir, s.file)));
  const aed = readDer(bytes).root!.children[1]!.children[0]!;
  const mac = aed.children.findIndex((c) => c.cls === 'universal' && c.tag === 4);
  if (mac < 0) return null;
  const tag = Uint8Array.from(contentOf(bytes, aed.children[mac]!));
  tag[tag.length - 1]! ^= 0x01;
  return replaceContent(bytes, [1, 0, mac], tag);
}

const answerOf = (v: ConsumeVerdict): string => {
  switch (v.verdict) {
    case 'reject': return errorClass(v.error, true);
    case 'error': return `harness error: ${errorClass(v.error)}`;
    case 'crash': return `crash: ${v.signal}`;
    case 'unsupported': return `unsupported: ${v.reason.slice(0, 60)}`;
    default: return v.verdict;
  }
};

export async function oracleTable(corpus: Corpus, adapters: readonly Adapter[], timeoutMs = 20_000): Promise<OracleRow[]> {
  const ktri = ktriCases(corpus);
  const gcm = gcmCase(corpus);
  const cases: [OracleCase, string, Uint8Array | null | undefined][] = [
    ['pkcs1-padding', KTRI_SAMPLE, ktri['pkcs1-padding']], ['wrong-key', KTRI_SAMPLE, ktri['wrong-key']],
    ['cbc-padding', KTRI_SAMPLE, ktri['cbc-padding']], ['gcm-tag', GCM_SAMPLE, gcm],
  ];
  const rows: OracleRow[] = [];
  for (const a of adapters) {
    const cells: Partial<Record<OracleCase, OracleCell>> = {};
    for (const [name, id, bytes] of cases) {
      const s = corpus.manifest.samples.find((x) => x.id === id);
      if (!s || !bytes || !a.consumes(s).supported) continue;
      // Only where the stack opens the unmodified sample: else every case is the same refusal.
      const asDeployed = { decryptAsDeployed: true };
      if ((await consumeOnce(a, corpus, s, new Uint8Array(readFileSync(join(corpus.dir, s.file))), timeoutMs, asDeployed)).verdict !== 'accept') continue;
      const v = await consumeOnce(a, corpus, s, bytes, timeoutMs, asDeployed);
      const expected = s.inputs.content ? readFileSync(join(corpus.dir, s.inputs.content)) : null;
      const otherContent = v.verdict === 'accept' && expected !== null && (v.content === null || !expected.equals(v.content));
      cells[name] = { verdict: v.verdict, answer: otherContent ? 'accept with other content' : answerOf(v) };
    }
    const groups = new Map<string, OracleCase[]>();
    for (const c of ORACLE_CASES) {
      const cell = cells[c];
      if (cell) groups.set(cell.answer, [...(groups.get(cell.answer) ?? []), c]);
    }
    if (Object.keys(cells).length) rows.push({ stack: a.name, cells, groups: [...groups.values()] });
  }
  return rows;
}

/** The table as Markdown: one row per stack, one column per case, and what can be told apart. */
export function oracleTableMarkdown(rows: readonly OracleRow[]): string {
  const head = `| stack | ${ORACLE_CASES.join(' | ')} | distinguishable |\n|---|${ORACLE_CASES.map(() => '---|').join('')}---|`;
  const lines = rows.map((r) => {
    const cell = (c: OracleCase) => (r.cells[c] ? `${r.cells[c]!.verdict === 'reject' ? '' : `**${r.cells[c]!.verdict}** `}${r.cells[c]!.answer.replace(/\|/g, '/')}` : 'n/a');
    const dist = r.groups.length > 1 ? `yes: ${r.groups.map((g) => g.join(' = ')).join(' / ')}` : 'no';
    return `| ${r.stack} | ${ORACLE_CASES.map(cell).join(' | ')} | ${dist} |`;
  });
  return [head, ...lines].join('\n');
}
