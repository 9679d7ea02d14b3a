import type { ServiceAnswer } from '../types';

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

/** An error answer in Slack's words (a bare code such as `no_text`, or `{"ok": false, "error": …}`), explained. */
export function explainSlackAnswer(answer: ServiceAnswer): string | undefined {
  if (answer.status < 300) return undefined;
  const body = answer.bodyText.trim();
  const code = /^[a-z_]+$/.test(body) ? body : errorFromJson(body);
  return code && SLACK_ERRORS[code] ? `Slack says "${code}": ${SLACK_ERRORS[code]}` : undefined;
}

function errorFromJson(body: string): string | undefined {
  if (!body.startsWith('{')) return undefined;
  try {
    const v = JSON.parse(body) as { ok?: boolean; error?: unknown };
    return v.ok === false && typeof v.error === 'string' ? v.error : undefined;
  } catch {
    return undefined;
  }
}
