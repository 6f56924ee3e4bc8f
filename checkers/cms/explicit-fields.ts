/**
 * The ASN.1 shape RFC 4055 gives both RSASSA-PSS-params (3.1) and RSAES-OAEP-params (4.1, as RFC
 * 3560 3 restates it): a SEQUENCE of [n] EXPLICIT fields, each with a DEFAULT, so any of them may
 * be absent, those present in tag order, each holding exactly one value. One walker reads that
 * shape for both (checkers/cms/pss-params-shape.ts and parseOaepParams in checkers/cms/algorithms.ts),
 * so a repeated, reordered or doubled field is the same finding whichever type it is in; each
 * caller then judges the values.
 */
import type { DerNode } from '../../core/der/reader.ts';

export type ExplicitFields =
  /** `values[tag]` is the one value of field [tag], or undefined when absent (its DEFAULT). */
  | { readonly ok: true; readonly values: readonly (DerNode | undefined)[] }
  | { readonly ok: false; readonly problem: string };

/**
 * Reads `params` as `typeName` ::= SEQUENCE { names[0] [0] EXPLICIT ..., names[1] [1] ..., ... },
 * names like 'hashAlgorithm [0]'. The problem names the type and the field at fault.
 */
export function readExplicitFields(params: DerNode, typeName: string, names: readonly string[]): ExplicitFields {
  if (params.cls !== 'universal' || params.tag !== 16 || !params.constructed) return { ok: false, problem: `the parameters are not an ${typeName} SEQUENCE` };
  const values: (DerNode | undefined)[] = names.map(() => undefined);
  let last = -1;
  for (const f of params.children) {
    if (f.cls !== 'context' || !f.constructed || f.tag >= names.length) return { ok: false, problem: `${typeName} holds a field other than ${names.join(', ')}` };
    if (f.tag <= last) return { ok: false, problem: `${typeName} fields are out of order or repeated (${names[f.tag]})` };
    last = f.tag;
    if (f.children.length !== 1) return { ok: false, problem: `${names[f.tag]} holds ${f.children.length} values, not one (EXPLICIT tagging)` };
    values[f.tag] = f.children[0];
  }
  return { ok: true, values };
}
