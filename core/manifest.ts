/**
 * The corpus manifest (version 1): what every sample is, and everything a consumer needs to process
 * it. Shared by generators (which write it), checkers and adapters (which read it). The JSON Schema
 * below is the contract; tests validate every manifest against it.
 */
import { ALGORITHMS, CONTENT_TYPE_NAMES, FEATURES, PROFILES, type Algorithm, type ContentTypeName, type Feature, type Profile } from './vocabulary.ts';

export interface RecipientInput {
  readonly id: string;
  readonly cert: string;
  readonly key: string;
}

export interface SampleInputs {
  /** The exact content a consumer should recover or verify (path relative to the manifest). */
  readonly content?: string;
  /** True when the content is not in the message and must be supplied (detached signature). */
  readonly detached?: boolean;
  /** Certificates of the signers, for consumers that need them outside the message. */
  readonly signerCerts?: readonly string[];
  /** CRLs a verifier is given beside the message (cmsi check --crl), relative to the manifest. */
  readonly crls?: readonly string[];
  readonly recipient?: RecipientInput;
  /** KEK (with its KEKIdentifier) for KEKRecipientInfo, or the bare key of an EncryptedData. */
  readonly kek?: { readonly keyId?: string; readonly key: string; readonly wrap: string };
  readonly password?: string;
  /**
   * The operations that open the sample, outermost first, when it is more than one layer or not
   * the obvious one: e.g. [verify, decrypt, verify] for a triple-wrapped message.
   */
  readonly layers?: readonly Layer[];
  /** For a signed receipt: the sample id of the original message whose signature it acknowledges. */
  readonly receiptFor?: string;
}

export type Layer = 'verify' | 'decrypt' | 'verify-receipt';

export interface Sample {
  readonly id: string;
  readonly file: string;
  readonly sha256: string;
  /** der/ber: a CMS ContentInfo; smime: an RFC 5322 message with S/MIME entities (.eml). */
  readonly format: 'der' | 'ber' | 'smime';
  readonly contentType: ContentTypeName;
  /** valid; invalid (must be rejected); acceptable (the RFCs let a receiver go either way). */
  readonly expected: 'valid' | 'invalid' | 'acceptable';
  readonly description: string;
  readonly features: readonly Feature[];
  readonly algorithms: readonly Algorithm[];
  /**
   * Valid samples: the RFC sections they exercise (rfcNNNN/section). Invalid samples: the catalog
   * ids they violate (rfcNNNN/section/slug).
   */
  readonly requirements: readonly string[];
  /** Invalid samples: the bug classes (data/flags.yaml), the base sample, the mutation, and whether
   * the defect was signed/encrypted again (so only the defect is wrong). */
  readonly flags?: readonly string[];
  readonly base?: string;
  readonly mutation?: string;
  readonly resigned?: boolean;
  /**
   * The resource limit a checker reaches before it can judge the sample (checkers/finding.ts
   * LimitHit.limit, e.g. pbkdf2-iterations). `expected` still says what a receiver that does all
   * the work finds; `cmsi check --manifest` expects unchecked at this limit (a bound is never a
   * pass or a MUST failure).
   */
  readonly limit?: string;
  /**
   * v3: every algorithm is one an S/MIME v3 agent (RFC 2630-2633) processes; current: no algorithm
   * RFC 8551 dropped or marks historic. Empty for samples between the two (DSA with SHA-256).
   */
  readonly profiles: readonly Profile[];
  readonly inputs: SampleInputs;
  /**
   * What went into the ESS and S/MIME attributes, keyed by attribute name, bytes as hex: a test
   * decodes each attribute independently and compares it with this record.
   */
  readonly attributes?: Readonly<Record<string, unknown>>;
}

export interface Manifest {
  readonly version: 1;
  readonly seed: string;
  readonly generator: string;
  /** The instant at which certificates are to be validated (no wall clock anywhere). */
  readonly validationTime: string;
  readonly trustAnchors: readonly string[];
  readonly samples: readonly Sample[];
}

const pathString = { type: 'string', pattern: '^[A-Za-z0-9._/-]+$', not: { pattern: '(^/|\\.\\.)' } } as const;

export const MANIFEST_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://cms-interop.invalid/schema/manifest-v1.json',
  type: 'object',
  additionalProperties: false,
  required: ['version', 'seed', 'generator', 'validationTime', 'trustAnchors', 'samples'],
  properties: {
    version: { const: 1 },
    seed: { type: 'string', minLength: 1 },
    generator: { type: 'string' },
    validationTime: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z$' },
    trustAnchors: { type: 'array', minItems: 1, items: pathString },
    samples: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'file', 'sha256', 'format', 'contentType', 'expected', 'description', 'features', 'algorithms', 'requirements', 'profiles', 'inputs'],
        properties: {
          id: { type: 'string', pattern: '^[a-z0-9][a-z0-9.-]*(/[a-z0-9][a-z0-9.-]*)+$' },
          file: pathString,
          sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
          format: { enum: ['der', 'ber', 'smime'] },
          contentType: { enum: [...CONTENT_TYPE_NAMES] },
          expected: { enum: ['valid', 'invalid', 'acceptable'] },
          flags: { type: 'array', minItems: 1, items: { type: 'string' } },
          base: { type: 'string' },
          mutation: { type: 'string' },
          resigned: { type: 'boolean' },
          limit: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' },
          description: { type: 'string', minLength: 10, pattern: '^[^\\n]+$' },
          features: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: Object.keys(FEATURES) } },
          algorithms: { type: 'array', uniqueItems: true, items: { enum: Object.keys(ALGORITHMS) } },
          requirements: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string', pattern: '^rfc\\d{4}/[0-9A-Z][0-9.]*(/[a-z0-9]+(-[a-z0-9]+)*)?$' } },
          // Empty for samples that neither profile sends (e.g. DSA with SHA-256, from S/MIME 3.2).
          profiles: { type: 'array', uniqueItems: true, items: { enum: [...PROFILES] } },
          attributes: { type: 'object' },
          inputs: {
            type: 'object',
            additionalProperties: false,
            properties: {
              content: pathString,
              detached: { type: 'boolean' },
              signerCerts: { type: 'array', items: pathString },
              crls: { type: 'array', items: pathString },
              recipient: {
                type: 'object', additionalProperties: false, required: ['id', 'cert', 'key'],
                properties: { id: { type: 'string' }, cert: pathString, key: pathString },
              },
              kek: {
                type: 'object', additionalProperties: false, required: ['key', 'wrap'],
                properties: { keyId: { type: 'string', pattern: '^[0-9a-f]+$' }, key: { type: 'string', pattern: '^[0-9a-f]+$' }, wrap: { type: 'string' } },
              },
              password: { type: 'string' },
              layers: { type: 'array', minItems: 1, items: { enum: ['verify', 'decrypt', 'verify-receipt'] } },
              receiptFor: { type: 'string' },
            },
          },
        },
      },
    },
  },
} as const;
