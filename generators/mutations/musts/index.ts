/**
 * Cases for the automated MUST statements that had none (issue 14 item 2; the list
 * test/catalog-automation.test.ts prints): certificate and revocation choices with the versions
 * they call for, the S/MIME certificate profile, recipient certificates, authenticated attributes.
 */
import type { Mutation } from '../mutation.ts';
import { AUTHENTICATED_DATA_MUST_MUTATIONS } from './authenticated-data.ts';
import { CERTIFICATE_CHOICE_MUTATIONS } from './certificate-choices.ts';
import { RECIPIENT_CERTIFICATE_MUTATIONS } from './recipient-certificates.ts';
import { SMIME_CERTIFICATE_PROFILE_MUTATIONS } from './smime-certificate-profile.ts';

export const MUST_MUTATIONS: readonly Mutation[] = [
  ...CERTIFICATE_CHOICE_MUTATIONS,
  ...SMIME_CERTIFICATE_PROFILE_MUTATIONS,
  ...RECIPIENT_CERTIFICATE_MUTATIONS,
  ...AUTHENTICATED_DATA_MUST_MUTATIONS,
];
