/** Encoding mutations: BER where DER is required, lengths, truncation, tags, time forms. */
import type { Mutation } from '../mutation.ts';
import { trailingGarbage } from './trailing-garbage.ts';

export const ENCODING_MUTATIONS: readonly Mutation[] = [trailingGarbage];
