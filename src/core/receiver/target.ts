import { slugify } from '../common/slug';
import { targetById } from '../targets';

/**
 * Where "Send to Local Test Receiver" aims a macro: a macro whose target answers on the receiver goes to that
 * target's path (`/slack/<name>`, `/teams/<name>`), so the receiver checks the body as the service would; others
 * keep their path and query.
 */
export function receiverTargetUrl(receiverUrl: string, originalUrl: string, macroName: string, target: string): string {
  const base = receiverUrl.replace(/\/+$/, '');
  const slug = slugify(macroName, 'macro');
  const t = targetById(target);
  if (t.receiver) return `${base}${t.receiver.path ? t.receiver.path(originalUrl, slug) : `/${t.id}/${slug}`}`;
  try {
    const u = new URL(originalUrl);
    return `${base}${u.pathname}${u.search}`;
  } catch {
    return `${base}/${slug}`;
  }
}
