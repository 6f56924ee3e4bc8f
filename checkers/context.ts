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

/** RFC 5652 rules whose RFC 2630 statement has another slug (or another version branch). */
export const V3_ALIASES: Readonly<Record<string, string>> = {
  'rfc5652/5.1/version-1-otherwise': 'rfc2630/5.1/version-1-when-plain',
  'rfc5652/5.1/version-3-when-v1-attr-certs-v3-signers-or-non-data': 'rfc2630/5.1/version-3-otherwise',
  'rfc5652/5.3/signed-attrs-der': 'rfc2630/5.3/each-signed-attr-der',
  'rfc5652/11.3/protected-placement-only': 'rfc2630/11.3/signed-placement-only',
};

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

  /**
   * The rule to cite under the active profile: the rule itself when it belongs to the profile
   * (built-in rules always do); under v3, the RFC 2630 statement of an RFC 5652 rule when the v3
   * CMS states the same requirement; else null, and the rule does not apply.
   */
  resolve(rule: string): string | null {
    const e = this.catalog.get(rule);
    if (!e || e.profiles.includes(this.profile)) return rule;
    if (this.profile !== 'v3' || !rule.startsWith('rfc5652/')) return null;
    const v3 = V3_ALIASES[rule] ?? rule.replace('rfc5652/', 'rfc2630/');
    return this.catalog.get(v3)?.profiles.includes('v3') ? v3 : null;
  }

  /** Records the outcome of one rule on one place; returns `ok` for chaining. */
  check(requested: string, ok: boolean, message: string, at: Where): boolean {
    const rule = this.resolve(requested);
    if (!rule) return ok;
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
