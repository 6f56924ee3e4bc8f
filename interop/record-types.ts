/**
 * The shapes of interop results (version 1, JSON Schema in docs/results-schema-v1.json): run.json
 * describes the run, and one record per stack x sample x role goes into a JSON lines file. Every
 * record is stamped with its run, the cmsi that wrote it and the corpus it ran over, so results of
 * two runs or two corpora are never mixed unnoticed.
 */
import type { Layer } from '../core/layers.ts';

export const RECORD_VERSION = 1;

/** What binds a record to its run and corpus. */
export interface RunIdentity {
  readonly runId: string;
  /** The cmsi version that wrote it. */
  readonly cmsi: string;
  /** SHA-256 of the corpus's manifest.yaml, and the manifest's seed. */
  readonly manifestSha256: string;
  readonly seed: string;
}

export interface Stamp extends RunIdentity {
  readonly recordVersion: typeof RECORD_VERSION;
}

/** run.json. `running` stays on disk when a run is killed hard. */
export interface RunHeader extends Stamp {
  readonly kind: 'run';
  readonly samples: number;
  /** The stacks of the run, in registry order; a resume may add some. */
  readonly stacks: readonly string[];
  readonly state: 'running' | 'interrupted' | 'finished';
  readonly invocations: number;
}

export interface StackRecord extends Stamp {
  readonly kind: 'stack';
  readonly stack: string;
  readonly lineage: string;
  /** local: run by this cmsi; submitted: results an implementer sent in. */
  readonly source: 'local' | 'submitted';
  readonly installed: boolean;
  readonly version: string | null;
  readonly reason?: string;
  /** The features the stack was asked to produce: one produce record each. */
  readonly produces: readonly string[];
}

export type Verdict = 'accept' | 'reject' | 'unsupported' | 'error' | 'crash' | 'hang';

export interface ConsumeRecord extends Stamp {
  readonly kind: 'consume';
  readonly stack: string;
  readonly version: string;
  readonly lineage: string;
  readonly sample: string;
  /** SHA-256 of the bytes the stack was given. */
  readonly sampleSha256: string;
  readonly expected: 'valid' | 'invalid' | 'acceptable';
  readonly contentType: string;
  readonly features: readonly string[];
  readonly flags: readonly string[];
  readonly requirements: readonly string[];
  readonly verdict: Verdict;
  /** For accept: whether the recovered content equals the expected content (null: none expected). */
  readonly contentMatch: boolean | null;
  readonly detail: string;
  readonly ms: number;
  /**
   * cmsi check's judgement of the sample (with its manifest inputs): the layer an invalid sample
   * is broken in, so reports tell a missed certificate check from an accepted malformed message.
   * Absent from records written before it existed and from submitted results.
   */
  readonly check?: ProducedCheck;
}

/** cmsi check's judgement of a produced message: verdict, failed rules, status per layer, reason. */
export interface ProducedCheck {
  readonly verdict: 'valid' | 'acceptable' | 'invalid' | 'unchecked' | 'unparseable';
  readonly failed: readonly string[];
  readonly layers: Readonly<Partial<Record<Layer, 'pass' | 'warn' | 'acceptable' | 'fail' | 'unchecked' | 'none'>>>;
  readonly reason: string | null;
}

export interface ProduceRecord extends Stamp {
  readonly kind: 'produce';
  readonly stack: string;
  readonly version: string;
  readonly lineage: string;
  readonly feature: string;
  readonly verdict: 'produced' | 'unsupported' | 'error' | 'crash' | 'hang';
  readonly detail: string;
  readonly check: ProducedCheck | null;
  readonly file: string | null;
  /** SHA-256 of the produced message. */
  readonly sampleSha256: string | null;
  readonly ms: number;
}

export interface CrossRecord extends Stamp {
  readonly kind: 'cross';
  readonly producer: string;
  readonly consumer: string;
  readonly consumerVersion: string;
  readonly feature: string;
  /** SHA-256 of the produced message consumed. */
  readonly sampleSha256: string;
  readonly verdict: Verdict;
  readonly contentMatch: boolean | null;
  readonly detail: string;
  readonly ms: number;
}

export type ResultRecord = StackRecord | ConsumeRecord | ProduceRecord | CrossRecord;

/** A record before the writer stamps it. */
export type Unstamped<R extends ResultRecord> = R extends unknown ? Omit<R, keyof Stamp> : never;

/** One record per key in a run: the key of the task it is the result of. */
export const recordKey = (r: Unstamped<ResultRecord> | ResultRecord): string => {
  switch (r.kind) {
    case 'stack': return `stack|${r.stack}`;
    case 'consume': return `consume|${r.stack}|${r.sample}`;
    case 'produce': return `produce|${r.stack}|${r.feature}`;
    case 'cross': return `cross|${r.producer}|${r.consumer}|${r.feature}`;
  }
};

export const RECORD_FILES: Readonly<Record<ResultRecord['kind'], string>> = {
  stack: 'stacks.jsonl', consume: 'consume.jsonl', produce: 'produce.jsonl', cross: 'cross.jsonl',
};
export const RUN_FILE = 'run.json';
