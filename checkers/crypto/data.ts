/** Data (RFC 5652 4) has no cryptography: its octets are compared with the expected content, when given. */
import type { CheckContext } from '../context.ts';
import type { DataView } from '../cms/data.ts';
import { compareContent } from './content.ts';

export function checkDataContent(ctx: CheckContext, v: DataView, expected: Uint8Array | null): void {
  compareContent(ctx, v.content, expected, v.at);
}
