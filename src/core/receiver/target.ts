import { slugify } from '../common/slug';
import type { MacroTarget } from '../macro/model';

/**
 * Where "Send to Local Test Receiver" aims a macro: Slack macros go to /slack/<name> and Teams macros to
 * /teams/<name>, so the receiver checks the body as Slack or a Teams Workflow would; others keep their path and query.
 */
export function receiverTargetUrl(
  receiverUrl: string,
  originalUrl: string,
  macroName: string,
  target: MacroTarget,
): string {
  const base = receiverUrl.replace(/\/+$/, '');
  const slug = slugify(macroName, 'macro');
  if (target !== 'generic') return `${base}/${target}/${slug}`;
  try {
    const u = new URL(originalUrl);
    return `${base}${u.pathname}${u.search}`;
  } catch {
    return `${base}/${slug}`;
  }
}
