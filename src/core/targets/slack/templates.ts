import type { TargetTemplate } from '../types';

export const SLACK_TEMPLATES: readonly TargetTemplate[] = [
  {
    kind: 'slack',
    label: 'Slack message',
    description: 'Post new feedback to a Slack channel through an incoming webhook',
    comment: [
      'Posts new feedback to a Slack channel.',
      'Store the incoming-webhook URL once with "ccmacro: Set Secret" as SLACK_WEBHOOK_URL; it is a password, keep it out of this file.',
    ],
    statesTarget: true,
    request: {
      method: 'POST',
      url: '${secret:SLACK_WEBHOOK_URL}',
      headers: { 'Content-Type': 'application/json' },
      bodyFormat: 'json',
      body: {
        text: '((Severity)) feedback #((Feedback ID)) in ((Project Name)): ((Title))',
        blocks: [
          { type: 'section', text: { type: 'mrkdwn', text: '*<((Feedback URL))|((Title))>*\n((Description))' } },
          {
            type: 'context',
            elements: [{ type: 'mrkdwn', text: 'Severity: ((Severity)) · Submitted by ((Submitter Name))' }],
          },
        ],
      },
    },
    snippet: {
      description: 'A feedback macro that posts a Slack message to a webhook URL kept as a secret',
      body: {
        version: 1,
        name: '${1:Escalate to Slack}',
        description: '${2:Posts the feedback to a Slack channel.}',
        scope: 'feedback',
        feedbackTypes: ['${3:Issue}'],
        triggers: ['${4|submit,manual,modify|}'],
        target: 'slack',
        request: {
          method: 'POST',
          url: '^"\\${secret:${5:SLACK_WEBHOOK_URL}}"',
          headers: { 'Content-Type': 'application/json' },
          body: {
            text: 'New ((Feedback Type)): ((Title))',
            blocks: [
              { type: 'section', text: { type: 'mrkdwn', text: '*<((Feedback URL))|((Title))>*\n((Description))' } },
            ],
          },
        },
      },
    },
  },
];
