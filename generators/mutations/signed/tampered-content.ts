/**
 * One word of the attached content changed after signing ("sample" became "simple"). The
 * message-digest attribute no longer matches (RFC 5652 5.6). A receiver that verifies the
 * signature over the attributes but never recomputes the content digest accepts the forgery.
 */
import type { Mutation } from '../mutation.ts';
import { nodeAt, replaceContent } from '../tlv-edit.ts';
import { E_CONTENT } from './common.ts';

export function tamper(bytes: Uint8Array, path: readonly number[]): Uint8Array {
  const n = nodeAt(bytes, path);
  const text = Buffer.from(bytes.subarray(n.contentOffset, n.contentOffset + n.length)).toString('latin1');
  if (!text.includes('sample')) throw new Error('tamper: no "sample" in the content');
  return replaceContent(bytes, path, new Uint8Array(Buffer.from(text.replace('sample', 'simple'), 'latin1')));
}

export const tamperedContent: Mutation = {
  id: 'invalid/signed/tampered-content',
  description: 'Attached content changed after signing, message-digest left as signed (RFC 5652 5.6); a receiver that verifies the signature but not the content digest accepts the forgery',
  stage: 'after',
  base: 'signed-data/rsa-sha256/attached',
  requirements: ['rfc5652/5.6/message-digest-attribute-matches'],
  flag: 'TamperedContent',
  expected: 'invalid',
  apply: ({ base }) => ({ bytes: tamper(base, E_CONTENT) }),
};
