/**
 * Catalog mutations (issue 14): a case for each statement the checker automated from RFC 5652,
 * 2634, 5035 and 8551, and the shapes real stacks' advisories name, declared in a few tables.
 */
import type { Mutation } from '../mutation.ts';
import { ATTRIBUTE_PLACEMENT_MUTATIONS } from './attribute-placement.ts';
import { ESS_STATEMENT_MUTATIONS } from './ess-statements.ts';
import { SIGNED_STRUCTURE_MUTATIONS } from './signed-structure.ts';
import { SIGNING_CERTIFICATE_MUTATIONS } from './signing-certificate.ts';
import { SMIME_CONTENT_MUTATIONS } from './smime-content.ts';
import { SIGNED_ATTRIBUTE_MUTATIONS } from './signed-attributes.ts';
import { OTHER_TYPE_MUTATIONS } from './other-types.ts';
import { SMIME_FORM_MUTATIONS } from './smime-form.ts';
import { ALGORITHM_PARAM_MUTATIONS } from './algorithm-params.ts';
import { LAST_STATEMENT_MUTATIONS } from './last-statements.ts';

export const CATALOG_MUTATIONS: readonly Mutation[] = [
  ...ATTRIBUTE_PLACEMENT_MUTATIONS,
  ...SIGNED_STRUCTURE_MUTATIONS,
  ...ESS_STATEMENT_MUTATIONS,
  ...SIGNING_CERTIFICATE_MUTATIONS,
  ...SMIME_CONTENT_MUTATIONS,
  ...SIGNED_ATTRIBUTE_MUTATIONS,
  ...OTHER_TYPE_MUTATIONS,
  ...SMIME_FORM_MUTATIONS,
  ...ALGORITHM_PARAM_MUTATIONS,
  ...LAST_STATEMENT_MUTATIONS,
];
