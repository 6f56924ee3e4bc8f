/**
 * The state one message is checked in: its bytes, the findings so far, the profile, and the
 * catalog levels. Rules report through `check`, which records a pass or a failure (a warning for
 * SHOULD-level rules), so every rule that ran shows up in the JUnit and SARIF outputs.
 */
import { MANDATORY_LEVELS, type Catalog, type Level } from '../core/catalog.ts';
import type { DerNode } from '../core/der/reader.ts';
import type { Profile } from '../core/vocabulary.ts';
import { BUILTIN_RULES } from './builtin-rules.ts';
import type { Finding, Where } from './finding.ts';

export interface Located {
  readonly path: string;
  readonly node: DerNode;
}

export const where = (at: Located): Where => ({ path: at.path, offset: at.node.offset, length: at.node.end - at.node.offset });

export class CheckContext {
  readonly findings: Finding[] = [];

  constructor(
    readonly bytes: Uint8Array,
    readonly profile: Profile,
    private readonly catalog: Catalog,
  ) {}

  levelOf(rule: string): string {
    const e = this.catalog.get(rule);
    if (e) return e.level;
    const b = (BUILTIN_RULES as Record<string, { level: string }>)[rule];
    if (b) return b.level;
    throw new Error(`checker uses rule "${rule}", which is neither in the catalog nor built in`);
  }

  /** Whether a catalog rule belongs to the active profile (built-in rules always do). */
  inProfile(rule: string): boolean {
    const e = this.catalog.get(rule);
    return !e || e.profiles.includes(this.profile);
  }

  /** Records the outcome of one rule on one place; returns `ok` for chaining. */
  check(rule: string, ok: boolean, message: string, at: Where): boolean {
    if (!this.inProfile(rule)) return ok;
    const level = this.levelOf(rule);
    const status = ok ? 'pass' : MANDATORY_LEVELS.has(level as Level) ? 'fail' : 'warn';
    this.findings.push({ rule, level, status, message, ...at });
    return ok;
  }

  fail(rule: string, message: string, at: Where): false {
    this.check(rule, false, message, at);
    return false;
  }

  /** A structural problem: the field is not what the ASN.1 says. */
  structure(message: string, at: Where): null {
    this.check('cmsi/asn1-structure', false, message, at);
    return null;
  }
}
