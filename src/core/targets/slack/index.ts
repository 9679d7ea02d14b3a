import type { Target } from '../types';
import { explainSlackAnswer } from './answers';
import { SLACK_FIELDS } from './escape';
import { SLACK_FLAG, SLACK_FLAG_FIXES } from './legacyFlag';
import { parseSlackPayload, type SlackMessage } from './message';
import { checkSlackBody, SLACK_LIMITS } from './payload';
import { SLACK_RECEIVER } from './receiver';
import { SLACK_TEMPLATES } from './templates';

/** A Slack incoming webhook (docs/slack.md). */
export const slack = {
  id: 'slack',
  name: 'Slack',
  summary: {
    text: "A Slack incoming webhook: values are escaped for Slack's mrkdwn, the message is checked against Slack's rules, and the preview shows the Slack message.",
    markdown:
      "A **Slack** incoming webhook: values are escaped for Slack's mrkdwn, the message is checked against Slack's rules, and the preview shows the Slack message.",
  },
  recognition: {
    // Not shaped like a real webhook URL: secret scanners (vsce's, GitHub's) would flag the packaged extension.
    exampleUrls: ['https://hooks.slack.com/services/EXAMPLE'],
    matches: ({ host }) => host === 'hooks.slack.com',
  },
  legacy: SLACK_FLAG,
  fixes: SLACK_FLAG_FIXES,
  fields: SLACK_FIELDS,
  request: { takers: 'Slack incoming webhooks', methods: ['POST'], bodyFormats: ['json'] },
  limits: SLACK_LIMITS,
  checkPayload: request => Promise.resolve(checkSlackBody(request.contentType, request.bodyText)),
  preview: { tab: 'Slack message', view: ({ bodyText }) => slackMessageView(bodyText) },
  receiver: SLACK_RECEIVER,
  explainAnswer: explainSlackAnswer,
  templates: SLACK_TEMPLATES,
} satisfies Target<'slack'>;

function slackMessageView(bodyText: string): SlackMessage {
  try {
    return parseSlackPayload(JSON.parse(bodyText));
  } catch {
    return {
      textIsFallback: false,
      blocks: [],
      attachments: [],
      notes: ['The body is not valid JSON, so Slack would reject it.'],
    };
  }
}
