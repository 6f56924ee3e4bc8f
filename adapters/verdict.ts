/**
 * What a consumer (a third-party stack) made of one message. `accept` carries the recovered content
 * so the harness can compare it byte for byte; `reject` carries the stack's own error text.
 */
export type ConsumeVerdict =
  /** `output`: what the stack printed when it accepted (its verification lines), for the report's drill-down. */
  | { readonly verdict: 'accept'; readonly content: Uint8Array | null; readonly output?: string }
  | { readonly verdict: 'reject'; readonly error: string }
  | { readonly verdict: 'unsupported'; readonly reason: string }
  | { readonly verdict: 'error'; readonly error: string }
  | { readonly verdict: 'crash'; readonly signal: string }
  | { readonly verdict: 'hang' };
