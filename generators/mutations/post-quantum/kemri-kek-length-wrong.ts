/**
 * KEMRecipientInfo whose kekLength says 16 while wrap is id-aes256-wrap (a 32-octet KEK). RFC 9629
 * 3: implementations MUST confirm kekLength is consistent with the wrap algorithm; RFC 9936
 * 2.2.1 repeats it for ML-KEM. The KEK is derived (and the CEK wrapped) with the right length, so
 * only a receiver that trusts kekLength without the check behaves differently.
 */
import type { Mutation } from '../mutation.ts';
import { mlKem768Enveloped } from './common.ts';

export const kemriKekLengthWrong: Mutation = {
  id: 'invalid/post-quantum/kemri-kek-length-wrong',
  description: 'ML-KEM-768 KEMRecipientInfo with kekLength 16 for id-aes256-wrap (RFC 9629 3: receivers confirm it); a receiver that skips the check derives a KEK of the wrong size',
  stage: 'before',
  base: 'enveloped-data/ml-kem-768/aes-256-cbc',
  requirements: ['rfc9629/3/kek-length-consistent-with-wrap', 'rfc9936/2.2.1/confirm-kek-length'],
  flag: 'WrongKey',
  expected: 'invalid',
  apply: ({ ctx }) => ({ bytes: mlKem768Enveloped(ctx, { declaredKekLength: 16 }) }),
};
