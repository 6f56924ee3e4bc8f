/** Turns an attribute description into plain JSON for the manifest: bytes become lowercase hex. */
export function describe(value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('hex');
  if (Array.isArray(value)) return value.map(describe);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, describe(v)]));
  }
  return value;
}
