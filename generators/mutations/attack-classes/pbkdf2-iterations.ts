/**
 * PasswordRecipientInfos whose PBKDF2 iterationCount is edited in the finished message (issue 14,
 * the resource-exhaustion class): 2^31-1, the largest count a signed 32-bit field holds, and 0,
 * which PBKDF2-params' INTEGER (1..MAX) forbids. RFC 3211 2.1 and RFC 3370 4.4.1 put no upper
 * bound on the count, so 2^31-1 breaks no parameter rule: a receiver that runs PBKDF2 for it
 * spends hours of HMAC before the key unwrap can fail (the wrapped key was made with the base's
 * 2048 iterations). The checker stops at its own bound (--max-pbkdf2-iterations): the manifest
 * records that limit as what `cmsi check` must report (unchecked), never a MUST failure.
 */
import { int } from '../../../core/der/encode.ts';
import type { Mutation } from '../mutation.ts';
import { nodeAt, replaceNode, type Path } from '../tlv-edit.ts';
import { recipientInfoPath } from '../enveloped/common.ts';

/** PwriRecipientInfo [3] { version, [0] keyDerivationAlgorithm { id-PBKDF2, PBKDF2-params { salt, iterationCount, ... } }, ... }. */
function iterationCountPath(bytes: Uint8Array): Path {
  const ri = recipientInfoPath(bytes, 0);
  const r = nodeAt(bytes, ri);
  if (r.cls !== 'context' || r.tag !== 3) throw new Error('pbkdf2 mutation: recipientInfos[0] is not a PasswordRecipientInfo');
  const k = r.children.findIndex((c) => c.cls === 'context' && c.tag === 0);
  const path = [...ri, k, 1, 1];
  const n = nodeAt(bytes, path);
  if (n.cls !== 'universal' || n.tag !== 2) throw new Error('pbkdf2 mutation: no iterationCount INTEGER');
  return path;
}

const withCount = (bytes: Uint8Array, count: number): Uint8Array => replaceNode(bytes, iterationCountPath(bytes), int(count));

export const PBKDF2_ITERATION_MUTATIONS: readonly Mutation[] = [
  {
    id: 'invalid/attack-classes/pbkdf2-iterations-2-31',
    description: 'PasswordRecipientInfo whose PBKDF2 iterationCount is 2147483647 (2^31-1; legal, RFC 3211 2.1 sets no maximum) over a key wrapped with 2048: a receiver without a work bound runs PBKDF2 for hours before the unwrap fails (denial of service)',
    stage: 'after',
    base: 'enveloped-data/pwri/aes-128-cbc',
    requirements: ['rfc3211/2.2/support-pwri-kek'],
    flag: 'Pbkdf2IterationExhaustion',
    expected: 'invalid',
    limit: 'pbkdf2-iterations',
    apply: ({ base }) => ({ bytes: withCount(base, 2 ** 31 - 1) }),
  },
  {
    id: 'invalid/attack-classes/pbkdf2-iterations-zero',
    description: 'PasswordRecipientInfo whose PBKDF2 iterationCount is 0, outside PBKDF2-params\' INTEGER (1..MAX) (RFC 3370 4.4.1); a receiver that takes 0 as "no iterations" derives a KEK that is one HMAC of the password, or loops on an unsigned count',
    stage: 'after',
    base: 'enveloped-data/pwri/aes-128-cbc',
    requirements: ['rfc3370/4.4.1/pbkdf2-params'],
    flag: 'Pbkdf2IterationExhaustion',
    expected: 'invalid',
    apply: ({ base }) => ({ bytes: withCount(base, 0) }),
  },
];
