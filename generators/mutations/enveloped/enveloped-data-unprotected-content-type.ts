/**
 * EnvelopedData whose unprotectedAttrs carry a content-type attribute next to contentHints. RFC
 * 5652 11.1: content-type appears only among signed or authenticated attributes. Nothing protects
 * unprotectedAttrs, so a receiver that acts on a content type found there lets anyone on the path
 * relabel the message.
 */
import { oid, seq, utf8 } from '../../../core/der/encode.ts';
import { OID } from '../../../core/oids.ts';
import { attribute, contentTypeAttr } from '../../cms/attributes.ts';
import type { Mutation } from '../mutation.ts';
import { bobEnveloped } from './common.ts';

export const envelopedDataUnprotectedContentType: Mutation = {
  id: 'invalid/enveloped/enveloped-data-unprotected-content-type',
  description: 'content-type attribute in EnvelopedData unprotectedAttrs; a receiver that accepts it there acts on a content type nobody protects',
  stage: 'before',
  base: 'enveloped-data/unprotected-attrs',
  requirements: ['rfc5652/11.1/protected-placement-only'],
  flag: 'ForbiddenAttribute',
  expected: 'invalid',
  apply: ({ ctx }) => ({
    bytes: bobEnveloped(ctx, {
      unprotectedAttrs: [attribute(OID.contentHint, seq(utf8('cms-interop sample message'), oid(OID.data))), contentTypeAttr(OID.data)],
    }),
  }),
};
