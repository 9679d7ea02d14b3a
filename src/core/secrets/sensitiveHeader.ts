/**
 * Header names whose whole value is a credential. Kept apart from mask.ts (which builds its default masker when
 * loaded) so the editor's checks can ask without loading the masker at activation.
 */
const SENSITIVE_HEADER =
  /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key|api-key|apikey|x-auth-token|x-access-token|private-token|x-csrf-token|x-xsrf-token)$|token|secret|passw|api[-_]?key|signature|credential|session/i;

export function isSensitiveHeader(name: string): boolean {
  return SENSITIVE_HEADER.test(name);
}
