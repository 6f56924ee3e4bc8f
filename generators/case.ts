/**
 * A corpus case: a small registered unit with a stable id, a one-line description, the closed
 * vocabulary of what it shows, and a build function that returns the message bytes and what a
 * consumer needs to open it. The generator forks a seeded stream per case id, so a case's bytes
 * depend only on the seed and its own id.
 */
import type { Layer } from '../core/manifest.ts';
import type { Algorithm, ContentTypeName, Feature, Profile } from '../core/vocabulary.ts';
import type { Cast } from './cast.ts';
import type { SeededRandom } from './random.ts';

export interface CaseContext {
  readonly cast: Cast;
  readonly rnd: SeededRandom;
  /** Bytes of a named content (see generators/contents.ts). */
  content(name: ContentName): Uint8Array;
}

export type ContentName = 'ex-content' | 'message' | 'large';

export interface BuiltCase {
  readonly bytes: Uint8Array;
  /** The content a consumer must recover or verify against (none for certs-only). */
  readonly content?: ContentName;
  /** A content of the case's own (e.g. a Receipt), written to content/<name> instead. */
  readonly ownContent?: { readonly name: string; readonly bytes: Uint8Array };
  readonly detached?: boolean;
  readonly signers?: readonly string[]; // cast ids
  readonly recipient?: string; // cast id whose key opens the message
  readonly kek?: { readonly keyId: Uint8Array; readonly key: Uint8Array; readonly wrap: string };
  readonly password?: string;
  readonly layers?: readonly Layer[];
  readonly receiptFor?: string;
  /** The ESS / S/MIME attribute values put in, for the manifest (bytes as hex). */
  readonly attributes?: Readonly<Record<string, unknown>>;
}

export interface CaseDef {
  readonly id: string;
  readonly description: string;
  readonly contentType: ContentTypeName;
  readonly format?: 'der' | 'ber' | 'smime';
  readonly features: readonly Feature[];
  readonly algorithms: readonly Algorithm[];
  readonly requirements: readonly string[];
  readonly profiles: readonly Profile[];
  /**
   * For a faithful reproduction of a published message that breaks a rule (RFC 4134 4.10): the
   * message is kept as published, listed as invalid with the catalog ids it violates and a flag.
   */
  readonly publishedDefect?: { readonly violates: readonly string[]; readonly flag: string };
  build(ctx: CaseContext): BuiltCase;
}
