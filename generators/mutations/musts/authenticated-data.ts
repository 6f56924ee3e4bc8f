/**
 * RFC 5652 9.1 on the authenticated attributes: they are required when the content is not
 * id-data (the MAC must bind the content type), and they are DER even in a BER message. Both
 * are built for Bob with HMAC-SHA256 as authenticated-data/hmac-sha256/* are, and MACed over
 * exactly the bytes the message carries, so only the statement under test is broken.
 */
import { derSort, setUnsorted } from '../../../core/der/encode.ts';
import { OID } from '../../../core/oids.ts';
import { buildAuthenticatedData } from '../../cms/auth-data.ts';
import { ktri } from '../../cases/common.ts';
import { bobAuthenticated } from '../enveloped/common.ts';
import type { Mutation } from '../mutation.ts';
import { digestedDataContent } from '../signed/common.ts';
import { signingTimeAttr } from '../../cms/attributes.ts';

export const AUTHENTICATED_DATA_MUST_MUTATIONS: readonly Mutation[] = [
  {
    id: 'invalid/enveloped/authenticated-data-non-data-without-auth-attrs',
    description: 'AuthenticatedData over a DigestedData (eContentType id-digestedData) with no authAttrs, the MAC directly over the content, where RFC 5652 9.1 requires authAttrs for any type but id-data; the MAC then does not bind the content type, and a receiver that accepts it can be handed the same octets under another type',
    stage: 'before',
    base: 'authenticated-data/hmac-sha256/no-auth-attrs',
    requirements: ['rfc5652/9.1/auth-attrs-when-not-data'],
    flag: 'AuthAttrsUnboundContent',
    expected: 'invalid',
    apply: ({ ctx }) => {
      const content = digestedDataContent(ctx);
      return {
        bytes: buildAuthenticatedData({
          content, contentType: OID.digestedData, mac: 'hmac-sha256', authAttrs: null,
          recipients: [ktri(ctx.cast, 'bob-rsa', { padding: 'pkcs1' })],
        }, ctx.rnd),
        ownContent: { name: 'authenticated-digested-data.der', bytes: content },
      };
    },
  },
  {
    id: 'invalid/enveloped/authenticated-data-auth-attrs-unsorted',
    description: 'AuthenticatedData whose authAttrs (content-type, message-digest, signing-time) are not in DER SET OF order, the MAC over those very bytes; RFC 5652 9.1 requires DER, and a receiver that re-encodes (sorts) before MACing fails a MAC that a receiver taking the bytes as sent accepts',
    stage: 'before',
    base: 'authenticated-data/hmac-sha256/auth-attrs',
    requirements: ['rfc5652/9.1/auth-attrs-der'],
    flag: 'BerInSignedAttrs',
    expected: 'invalid',
    apply: ({ ctx }) => ({
      bytes: bobAuthenticated(ctx, true, {
        attrs: (a) => [...a, signingTimeAttr('2026-01-15T12:00:00Z')],
        encodeAttrs: (attrs) => setUnsorted(...derSort(attrs).reverse()),
      }),
    }),
  },
];
