/**
 * The adapter contract: how cms-interop drives a third-party CMS stack. Modelled on a tiny process
 * contract (x509-limbo's harnesses): the adapter says what it is and what it can do, then is given
 * one message at a time. A harness failure is `error`, never `reject`; a stack that dies is
 * `crash`, one that does not answer in time is `hang`. See adapters/README.md.
 */
import type { Manifest, Sample } from '../core/manifest.ts';
import type { ConsumeVerdict } from './verdict.ts';

export type Probe =
  | { readonly installed: true; readonly version: string }
  | { readonly installed: false; readonly reason: string };

export type Support = { readonly supported: true } | { readonly supported: false; readonly reason: string };

/** What a producer can be asked to make, with the cast's keys (corpus/keys). */
export const PRODUCE_FEATURES = [
  'signed-data/attached', 'signed-data/detached', 'signed-data/ecdsa', 'enveloped-data/ktri', 'enveloped-data/kari',
  'enveloped-data/kekri', 'enveloped-data/pwri', 'auth-enveloped-data/gcm', 'digested-data', 'encrypted-data',
  'compressed-data', 'authenticated-data', 'signed-receipt',
  // post-quantum (issue 13): ML-DSA-65 SignedData with signed attributes; ML-KEM-768 KEMRecipientInfo
  'signed-data/ml-dsa', 'enveloped-data/kemri',
] as const;
export type ProduceFeature = (typeof PRODUCE_FEATURES)[number];

export interface ProduceRequest {
  readonly feature: ProduceFeature;
  readonly content: Uint8Array;
  /** Absolute path of the corpus keys folder (cast files: <id>.cert.pem, <id>.key.pem, ...). */
  readonly keysDir: string;
  /** Cast ids to use: the signer, the recipient; fixed KEK and password for those features. */
  readonly signer: string;
  readonly recipient: string;
  readonly kek: { readonly keyId: Uint8Array; readonly key: Uint8Array };
  readonly password: string;
  /** A scratch directory the adapter may use; the harness removes it. */
  readonly workDir: string;
}

export type ProduceResult =
  | { readonly ok: true; readonly bytes: Uint8Array; readonly format: 'der' | 'smime' }
  | { readonly ok: false; readonly verdict: 'unsupported' | 'error' | 'crash' | 'hang'; readonly reason: string };

export interface ConsumeRequest {
  readonly manifest: Manifest;
  /** Directory of the manifest: every path in a Sample is relative to it. */
  readonly dir: string;
  readonly sample: Sample;
  /** The message bytes (the sample's file, or a message another stack produced). */
  readonly bytes: Uint8Array;
  /**
   * Decrypt as a deployed stack does, with its defences against decryption oracles, where an
   * adapter otherwise turns them off for an answer that is the same in every run (OpenSSL's
   * -debug_decrypt: by default a failed key unwrap goes on with a random key). The decrypt-side
   * oracle table (fuzz/decrypt-oracle.ts) asks what an attacker sees, so it sets this.
   */
  readonly decryptAsDeployed?: boolean;
}

export interface Adapter {
  readonly name: string;
  /** The code base it builds on; two stacks of one lineage are not independent implementations. */
  readonly lineage: string;
  probe(): Promise<Probe>;
  /** Whether this stack can consume this sample at all (algorithm, content type, inputs). */
  consumes(sample: Sample): Support;
  consume(request: ConsumeRequest): Promise<ConsumeVerdict>;
  readonly produces: readonly ProduceFeature[];
  produce(request: ProduceRequest): Promise<ProduceResult>;
  /** Stops any persistent process the adapter started. */
  close(): Promise<void>;
}
