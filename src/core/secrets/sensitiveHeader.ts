/**
 * Header names whose whole value is a credential. Kept apart from mask.ts (which builds its default masker when
 * loaded) so a check can ask without building a masker.
 */
const SENSITIVE_HEADER =
  /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key|api-key|apikey|x-auth-token|x-access-token|private-token|x-csrf-token|x-xsrf-token)$|token|secret|passw|api[-_]?key|signature|credential|session/i;

export function isSensitiveHeader(name: string): boolean {
  return SENSITIVE_HEADER.test(name);
}
