/** A view of Data (RFC 5652 4): the OCTET STRING content, primitive or BER constructed. */
import { stringContent } from '../../core/der/reader.ts';
import type { CheckContext, Located } from '../context.ts';
import { expectUniversal, UNIVERSAL } from './fields.ts';

export interface DataView {
  readonly at: Located;
  readonly content: Uint8Array;
}

/** Data ::= OCTET STRING (primitive, or BER constructed segments). */
export function dataView(ctx: CheckContext, l: Located): DataView | null {
  if (!expectUniversal(ctx, l, UNIVERSAL.OCTET_STRING, 'Data (OCTET STRING)')) return null;
  return { at: l, content: stringContent(ctx.bytes, l.node) };
}
