/** A header as sent or received: name as written, value as text. */
interface NamedHeader {
  name: string;
  value: string;
}

/** The value of the first header named `name`, compared as HTTP compares names (case-insensitively). */
export function headerValue(headers: readonly NamedHeader[], name: string): string | undefined {
  const lower = name.toLowerCase();
  return headers.find(h => h.name.toLowerCase() === lower)?.value;
}
