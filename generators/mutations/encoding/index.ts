/** Encoding mutations: BER where DER is required, lengths, truncation, tags, time forms. */
import type { Mutation } from '../mutation.ts';
import { trailingGarbage } from './trailing-garbage.ts';
import { truncatedAfterContentType } from './truncated-after-content-type.ts';
import { truncatedInEcontent } from './truncated-in-econtent.ts';
import { truncatedInSignedAttrs } from './truncated-in-signed-attrs.ts';
import { truncatedLastOctet } from './truncated-last-octet.ts';
import { lengthClaim100mb } from './length-claim-100mb.ts';
import { lengthClaim4gb } from './length-claim-4gb.ts';
import { econtentLengthClaim4gb } from './econtent-length-claim-4gb.ts';
import { signedAttrsConstructedMessageDigest } from './signed-attrs-constructed-message-digest.ts';
import { signedAttrsIndefiniteAttribute } from './signed-attrs-indefinite-attribute.ts';
import { signedAttrsIndefiniteSet } from './signed-attrs-indefinite-set.ts';
import { signedAttrsLongFormInAttribute } from './signed-attrs-long-form-in-attribute.ts';
import { signedAttrsNonMinimalInteger } from './signed-attrs-non-minimal-integer.ts';
import { signedAttrsSetLengthLeadingZeros } from './signed-attrs-set-length-leading-zeros.ts';
import { signedAttrsUnsorted } from './signed-attrs-unsorted.ts';
import { contentInfoLongFormLength } from './content-info-long-form-length.ts';
import { econtentTag1 } from './econtent-tag-1.ts';
import { signerInfosSequence } from './signer-infos-sequence.ts';
import { econtentTypeRelativeOid } from './econtent-type-relative-oid.ts';
import { signedDataContextClass } from './signed-data-context-class.ts';
import { contentInfoContentTag1 } from './content-info-content-tag-1.ts';
import { signingTimeGeneralizedFraction } from './signing-time-generalized-fraction.ts';
import { signingTimeGeneralizedInUtcRange } from './signing-time-generalized-in-utc-range.ts';
import { signingTimeGeneralizedNoZulu } from './signing-time-generalized-no-zulu.ts';
import { signingTimeUtcFourDigitYear } from './signing-time-utc-four-digit-year.ts';
import { signingTimeUtcHour24 } from './signing-time-utc-hour-24.ts';
import { signingTimeUtcNoSeconds } from './signing-time-utc-no-seconds.ts';
import { signingTimeUtcOffset } from './signing-time-utc-offset.ts';

export const ENCODING_MUTATIONS: readonly Mutation[] = [
  trailingGarbage,
  truncatedAfterContentType,
  truncatedInEcontent,
  truncatedInSignedAttrs,
  truncatedLastOctet,
  lengthClaim100mb,
  lengthClaim4gb,
  econtentLengthClaim4gb,
  signedAttrsConstructedMessageDigest,
  signedAttrsIndefiniteAttribute,
  signedAttrsIndefiniteSet,
  signedAttrsLongFormInAttribute,
  signedAttrsNonMinimalInteger,
  signedAttrsSetLengthLeadingZeros,
  signedAttrsUnsorted,
  contentInfoLongFormLength,
  econtentTag1,
  signerInfosSequence,
  econtentTypeRelativeOid,
  signedDataContextClass,
  contentInfoContentTag1,
  signingTimeGeneralizedFraction,
  signingTimeGeneralizedInUtcRange,
  signingTimeGeneralizedNoZulu,
  signingTimeUtcFourDigitYear,
  signingTimeUtcHour24,
  signingTimeUtcNoSeconds,
  signingTimeUtcOffset,
];
