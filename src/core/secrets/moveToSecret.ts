import { fail, ok, type Result } from '../common/result';
import type { OffsetRange } from '../common/text';

export interface MoveToSecretPlan {
  /** The secret's value: the literal with JSON escapes decoded. */
  value: string;
  /** Replace this source range with newText (`${secret:NAME}`). */
  edit: { range: OffsetRange; newText: string };
}

/**
 * How "Move to secret storage" rewrites a literal secret found at `range` in the macro source.
 * The range may cover the string contents or the whole string including its quotes.
 * Returns a plain-words reason when the range does not hold a string literal.
 */
export function planMoveToSecret(text: string, range: OffsetRange, name: string): Result<MoveToSecretPlan> {
  let { start, end } = range;
  if (end - start >= 2 && text[start] === '"' && text[end - 1] === '"') {
    start++;
    end--;
  }
  const raw = text.slice(start, end);
  if (!raw) return fail('There is no text here to move to secret storage.');
  let value: string;
  try {
    value = JSON.parse(`"${raw}"`) as string;
  } catch {
    return fail('This text is not a complete JSON string, so it cannot be moved to secret storage automatically.');
  }
  return ok({ value, edit: { range: { start, end }, newText: `\${secret:${name}}` } });
}

/** A secret name for a literal when the check did not suggest one. */
export function suggestSecretName(value: string): string {
  if (/hooks\.slack\.com\//i.test(value)) return 'SLACK_WEBHOOK_URL';
  if (/^\s*bearer\s/i.test(value)) return 'API_TOKEN';
  if (/^\s*basic\s/i.test(value)) return 'BASIC_AUTH';
  return 'API_KEY';
}
