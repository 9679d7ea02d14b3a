/** A JSON object: not null, not a list. What a parsed payload must be before its properties are read. */
export function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
