import { headerValue } from '../common/headers';
import type { Exchange } from './types';
import { isPowerAutomateHost } from '../macro/target';

/** What Slack's incoming-webhook error bodies mean, in plain words. */
const SLACK_ERRORS: Record<string, string> = {
  invalid_payload:
    'Slack could not read the body as a message: it is not valid JSON, or a field has the wrong type. Open the preview and check the body parses.',
  no_text:
    'Slack needs a "text" (or "blocks") field in the message; the body has neither, or it is empty after rendering.',
  invalid_blocks:
    'Slack rejected the "blocks": a block has a wrong type or field, there are more than 50, or a section text is over 3,000 characters.',
  invalid_blocks_format: 'Slack rejected the "blocks": it must be an array of block objects.',
  msg_too_long:
    'The message text is too long for Slack (over 40,000 characters); shorten it or truncate long tag values.',
  too_many_attachments: 'Slack allows at most 100 attachments in one message.',
  no_service:
    'This Slack webhook is disabled, removed or the URL is wrong: create a new incoming webhook in Slack and store its URL again.',
  no_service_id: 'The Slack webhook URL is incomplete: copy the whole URL from Slack again.',
  no_team: 'The Slack workspace in the webhook URL does not exist or was deleted.',
  team_disabled: 'The Slack workspace for this webhook is disabled.',
  invalid_token: "Slack did not accept the webhook URL's token: the URL is wrong or was revoked; create a new webhook.",
  channel_not_found: 'The channel this webhook posts to no longer exists (or the webhook may not post there).',
  channel_is_archived:
    'The channel this webhook posts to is archived: unarchive it or make a new webhook for another channel.',
  action_prohibited:
    'A Slack admin has restricted posting to this channel; ask them, or use a webhook for another channel.',
  posting_to_general_channel_denied:
    "Only admins may post to this workspace's #general channel; use a webhook for another channel.",
  user_not_found: 'The user this webhook posts to no longer exists.',
  rollup_error: 'Slack had a temporary problem posting the message (rollup_error); try again in a little while.',
};

/**
 * What the response means for the person who wrote the macro, or undefined when it is
 * self-explanatory (a plain 2xx). Network failures carry their own sentence in exchange.error.
 */
export function explainStatus(exchange: Exchange): string | undefined {
  const res = exchange.response;
  if (!res || exchange.error) return undefined;
  const body = res.bodyText.trim();
  const slackCode = /^[a-z_]+$/.test(body) ? body : slackErrorFromJson(body);
  if (slackCode && SLACK_ERRORS[slackCode] && res.status >= 300)
    return `Slack says "${slackCode}": ${SLACK_ERRORS[slackCode]}`;
  const s = res.status;
  if (s === 202 && isPowerAutomateHost(hostOf(exchange.request.url)))
    return "Accepted (202): a Teams Workflow answers before it posts the card, so this does not mean the card arrived. If it does not show up, open the workflow's run history (Teams → Workflows, or make.powerautomate.com): a broken card fails there.";
  if (s >= 200 && s < 300) return undefined;
  if (s >= 300 && s < 400) {
    const loc = headerValue(res.headers, 'location');
    // Following was on, and this redirect could not be followed: say why, not "turn following on".
    const last = exchange.redirects[exchange.redirects.length - 1];
    if (loc && last?.notFollowed) return `The server redirects to ${loc}, which was not followed: ${last.notFollowed}.`;
    return loc
      ? `The server redirects to ${loc}. Redirects are not followed by default; update the macro's URL, or follow them (ccmacro.send.followRedirects, --follow-redirects).`
      : 'The server answered with a redirect but no Location header.';
  }
  if (s === 400)
    return "The server rejected the request as malformed (400): check the body format and required fields against the receiver's documentation.";
  if (s === 401)
    return 'Not authenticated (401): check the Authorization header and that the secret it uses (${secret:…}) holds a valid, unexpired token.';
  if (s === 403)
    return "Forbidden (403): the credentials were accepted but may not do this; check the Authorization header / secret and the token's permissions.";
  if (s === 404) return 'Not found (404): check the URL path; for a webhook, it may have been deleted.';
  if (s === 405)
    return 'Method not allowed (405): the endpoint does not accept this HTTP method; check "method" in the macro.';
  if (s === 408) return 'The server timed out waiting for the request (408): try again.';
  if (s === 410) return 'The endpoint is gone for good (410): stop sending to it and remove or update the macro.';
  if (s === 413)
    return 'The request body is too large for the server (413): shorten it, e.g. long tag values such as descriptions.';
  if (s === 415) return 'Unsupported media type (415): check the Content-Type header and the body format.';
  if (s === 422)
    return 'The server understood the body but rejected its content (422): see the response body for which field.';
  if (s === 429) {
    const retry = headerValue(res.headers, 'retry-after');
    return `Rate limited (429): too many requests${retry ? `; the server asks to wait ${describeRetryAfter(retry)} before trying again` : ''}. Slack allows about one message per second per webhook.`;
  }
  if (s >= 500)
    return `The server failed (${s}): the problem is on the receiver's side, not in the macro; try again later${s === 502 || s === 503 || s === 504 ? ' (it may be down or overloaded)' : ''}.`;
  if (s >= 400) return `The server refused the request (${s}): see the response body for the reason.`;
  return undefined;
}

function slackErrorFromJson(body: string): string | undefined {
  if (!body.startsWith('{')) return undefined;
  try {
    const v = JSON.parse(body) as { ok?: boolean; error?: unknown };
    return v.ok === false && typeof v.error === 'string' ? v.error : undefined;
  } catch {
    return undefined;
  }
}

/** Retry-After is seconds or an HTTP date. Returns ms to wait, or undefined when unreadable. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : Math.max(0, t - now);
}

function describeRetryAfter(value: string): string {
  const ms = parseRetryAfter(value);
  if (ms === undefined) return `"${value}"`;
  const s = Math.ceil(ms / 1000);
  return `${s} second${s === 1 ? '' : 's'}`;
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}
