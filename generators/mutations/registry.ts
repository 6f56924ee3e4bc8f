/**
 * Every mutation, by category. Each category's index file lists its mutation files; ids must be
 * unique across all of them (checked by the generator and the contract test).
 */
import type { Mutation } from './mutation.ts';
import { ENCODING_MUTATIONS } from './encoding/index.ts';
import { SIGNED_MUTATIONS } from './signed/index.ts';
import { ENVELOPED_MUTATIONS } from './enveloped/index.ts';
import { ESS_MIME_MUTATIONS } from './ess-mime/index.ts';
import { CERTIFICATE_MUTATIONS } from './certificates/index.ts';
import { CATALOG_MUTATIONS } from './catalog/index.ts';
import { POST_QUANTUM_MUTATIONS } from './post-quantum/index.ts';
import { ATTACK_CLASS_MUTATIONS } from './attack-classes/index.ts';
import { MUST_MUTATIONS } from './musts/index.ts';

export const ALL_MUTATIONS: readonly Mutation[] = [...ENCODING_MUTATIONS, ...SIGNED_MUTATIONS, ...ENVELOPED_MUTATIONS, ...ESS_MIME_MUTATIONS, ...CERTIFICATE_MUTATIONS, ...CATALOG_MUTATIONS, ...POST_QUANTUM_MUTATIONS, ...ATTACK_CLASS_MUTATIONS, ...MUST_MUTATIONS];
