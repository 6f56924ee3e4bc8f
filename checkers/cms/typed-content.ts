/**
 * RFC 5652 6.1, 7, 8 and 9.1: the content under each content type "shall have ASN.1 type" of
 * its structure. Every structural failure found while building a view (cmsi/asn1-structure) is
 * also reported under the statement of that type, as signedDataView does for SignedData (5.1).
 */
import type { CheckContext } from '../context.ts';

export function typedView<T>(ctx: CheckContext, rule: string, what: string, build: () => T): T {
  const before = ctx.findings.length;
  const view = build();
  for (const f of ctx.findings.slice(before).filter((x) => x.rule === 'cmsi/asn1-structure')) {
    ctx.fail(rule, `not ${what}: ${f.message}`, { path: f.path, offset: f.offset, length: f.length });
  }
  return view;
}
