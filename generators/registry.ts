/** Every corpus case, in manifest order. Ids must be unique (checked by the generator and tests). */
import type { CaseDef } from './case.ts';
import { ENVELOPED_DATA_CASES } from './cases/enveloped-data.ts';
import { OTHER_TYPE_CASES } from './cases/other-types.ts';
import { SIGNED_DATA_CASES } from './cases/signed-data.ts';

export const ALL_CASES: readonly CaseDef[] = [...SIGNED_DATA_CASES, ...ENVELOPED_DATA_CASES, ...OTHER_TYPE_CASES];
