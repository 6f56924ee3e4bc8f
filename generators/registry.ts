/** Every corpus case, in manifest order. Ids must be unique (checked by the generator and tests). */
import type { CaseDef } from './case.ts';
import { ENVELOPED_DATA_CASES } from './cases/enveloped-data.ts';
import { OTHER_TYPE_CASES } from './cases/other-types.ts';
import { SIGNED_DATA_CASES } from './cases/signed-data.ts';
import { ESS_ATTRIBUTE_CASES } from './cases/ess.ts';
import { ESS_RECEIPT_CASES } from './cases/ess-receipt.ts';
import { SMIME_CASES } from './cases/smime.ts';
import { TRIPLE_WRAP_CASES } from './cases/triple-wrap.ts';
import { RFC4134_CASES } from './cases/rfc4134.ts';
import { POST_QUANTUM_CASES } from './cases/post-quantum.ts';
import { NEAR_MISS_CASES } from './cases/near-miss.ts';
import { loadPqCast } from './pq-cast.ts';
import type { KeySet } from './cast.ts';
import { loadRfc4134Cast } from './rfc4134-cast.ts';

export const ALL_CASES: readonly CaseDef[] = [...SIGNED_DATA_CASES, ...ENVELOPED_DATA_CASES, ...OTHER_TYPE_CASES, ...ESS_RECEIPT_CASES, ...ESS_ATTRIBUTE_CASES, ...SMIME_CASES, ...TRIPLE_WRAP_CASES, ...RFC4134_CASES, ...POST_QUANTUM_CASES, ...NEAR_MISS_CASES];

/** Identities beyond the committed cast that cases use: the RFC 4134 keys (keys/rfc4134/) and the post-quantum cast (keys/pq/). */
export const KEY_SETS: readonly KeySet[] = [loadRfc4134Cast(), loadPqCast()];
