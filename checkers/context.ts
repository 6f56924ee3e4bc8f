/**
 * The state one message is checked in: its bytes, the findings so far, the profile, and the
 * catalog levels. Rules report through `check`, which records a pass or a failure (a warning for
 * SHOULD-level rules), so every rule that ran shows up in the JUnit and SARIF outputs; through
 * `unchecked` when a rule cannot be decided (a missing input, an unsupported algorithm); and a
 * resource bound that stops the check is recorded once with `hitLimit`.
 */
import { MANDATORY_LEVELS, type Catalog, type Level } from '../core/catalog.ts';
import type { DerNode } from '../core/der/reader.ts';
import type { Profile } from '../core/vocabulary.ts';
import type { Layer } from '../core/layers.ts';
import { BUILTIN_RULES } from './builtin-rules.ts';
import type { Finding, LimitHit, Validation, Where } from './finding.ts';
import { layerOf } from './layers.ts';

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

const TWINS = new WeakMap<Catalog, Map<string, string>>();

/** What `check` needs of a requested rule under one profile: the same for every message, so computed once. */
interface RuleInfo {
  /** The rule cited (resolve), or null when it does not apply under the profile. */
  readonly rule: string | null;
  readonly level: string;
  readonly mandatory: boolean;
  readonly mustAccept: boolean;
  readonly layer: Layer;
}

/** Per catalog and profile, requested rule -> RuleInfo (a context lives for one message; this for the run). */
const RULE_INFO = new WeakMap<Catalog, Map<Profile, Map<string, RuleInfo>>>();

/** The v3 RFC 2633 entries by slug (the last part of the id), built once per catalog. */
function v3TwinsOf(catalog: Catalog): Map<string, string> {
  let m = TWINS.get(catalog);
  if (!m) {
    m = new Map();
    for (const e of catalog.entries) {
      if (e.id.startsWith('rfc2633/') && e.profiles.includes('v3')) m.set(e.id.slice(e.id.lastIndexOf('/') + 1), e.id);
    }
    TWINS.set(catalog, m);
  }
  return m;
}

export class CheckContext {
  readonly findings: Finding[] = [];
  /** Content recovered by decrypting or decompressing, and the field it came from (for cmsi inspect). */
  readonly recovered: { readonly content: Uint8Array; readonly at: Where }[] = [];
  /** The first resource limit that stopped the check, if any (the verdict is then unchecked). */
  limit: LimitHit | undefined;
  /** False once the reader found an encoding DER forbids (the input is BER). */
  isDer = true;
  /** The time certification paths were validated at and where it came from (checkers/x509). */
  validation: Validation | undefined;

  constructor(
    readonly bytes: Uint8Array,
    readonly profile: Profile,
    private readonly catalog: Catalog,
    /** --layers: only findings of these layers are recorded (all when undefined). */
    readonly layers?: ReadonlySet<Layer>,
  ) {}

  /** True when the check covers `layer` (see --layers). */
  runs(layer: Layer): boolean {
    return !this.layers || this.layers.has(layer);
  }

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
    if (this.profile !== 'v3') return null;
    const alias = V3_ALIASES[rule];
    if (alias) return this.catalog.get(alias)?.profiles.includes('v3') ? alias : null;
    if (rule.startsWith('rfc5652/')) {
      const v3 = rule.replace('rfc5652/', 'rfc2630/');
      return this.catalog.get(v3)?.profiles.includes('v3') ? v3 : null;
    }
    // RFC 8551's MIME statements kept their slug in RFC 2633 but moved sections (3.5.3.1 was
    // 3.4.3.1): the twin is the v3 RFC 2633 entry with the same slug.
    if (rule.startsWith('rfc8551/')) return v3TwinsOf(this.catalog).get(rule.slice(rule.lastIndexOf('/') + 1)) ?? null;
    return null;
  }

  /**
   * Records the outcome of one rule on one place; returns `ok` for chaining. `layer` overrides
   * the rule's own layer (checkers/layers.ts) for this one finding.
   */
  check(requested: string, ok: boolean, message: string, at: Where, layer?: Layer, beyondTolerance = false): boolean {
    const info = this.ruleInfo(requested);
    const rule = info.rule;
    if (!rule) return ok;
    const level = info.level;
    const status = ok ? 'pass' : info.mandatory ? 'fail' : 'warn';
    // `beyondTolerance`: the rule's receivers must accept one departure (NULL for absent, say),
    // not this one (an OCTET STRING where NULL is required), so the failure binds receivers too.
    const producerOnly = status === 'fail' && !beyondTolerance && info.mustAccept;
    const l = layer ?? info.layer;
    if (!this.runs(l)) return ok;
    this.findings.push({ rule, level, status, layer: l, message, ...at, ...(producerOnly ? { producerOnly: true as const } : {}) });
    return ok;
  }

  /** resolve, levelOf, the catalog's receivers and layerOf of a requested rule, looked up once per run. */
  private ruleInfo(requested: string): RuleInfo {
    let byProfile = RULE_INFO.get(this.catalog);
    if (!byProfile) RULE_INFO.set(this.catalog, (byProfile = new Map()));
    let infos = byProfile.get(this.profile);
    if (!infos) byProfile.set(this.profile, (infos = new Map()));
    let info = infos.get(requested);
    if (!info) {
      const rule = this.resolve(requested);
      // levelOf throws for an unknown rule: nothing is cached then, and every call throws alike.
      const level = rule ? this.levelOf(rule) : '';
      info = rule
        ? { rule, level, mandatory: MANDATORY_LEVELS.has(level as Level), mustAccept: this.catalog.get(rule)?.receivers === 'must-accept', layer: layerOf(rule, this.catalog) }
        : { rule: null, level, mandatory: false, mustAccept: false, layer: 'structure' };
      infos.set(requested, info);
    }
    return info;
  }

  fail(rule: string, message: string, at: Where, layer?: Layer): false {
    this.check(rule, false, message, at, layer);
    return false;
  }

  /** The rule could not be decided here (say why in `message`): neither a pass nor a failure. */
  unchecked(requested: string, message: string, at: Where, layer?: Layer): void {
    const info = this.ruleInfo(requested);
    const rule = info.rule;
    if (!rule) return;
    const l = layer ?? info.layer;
    if (!this.runs(l)) return;
    this.findings.push({ rule, level: info.level, status: 'unchecked', layer: l, message, ...at });
  }

  /** A resource bound stopped the check: the verdict becomes unchecked, whatever else was found. */
  hitLimit(hit: LimitHit): void {
    this.limit ??= hit;
  }

  /** A structural problem: the field is not what the ASN.1 says. */
  structure(message: string, at: Where): null {
    this.check('cmsi/asn1-structure', false, message, at);
    return null;
  }
}
