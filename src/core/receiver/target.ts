import { slugify } from '../common/slug';

/**
 * Where "Send to Local Test Receiver" aims a macro: Slack macros go to /slack/<name> so the receiver checks the
 * body as Slack would; others keep their path and query.
 */
export function receiverTargetUrl(
  receiverUrl: string,
  originalUrl: string,
  macroName: string,
  isSlack: boolean,
): string {
  const base = receiverUrl.replace(/\/+$/, '');
  const slug = slugify(macroName, 'macro');
  if (isSlack) return `${base}/slack/${slug}`;
  try {
    const u = new URL(originalUrl);
    return `${base}${u.pathname}${u.search}`;
  } catch {
    return `${base}/${slug}`;
  }
}
