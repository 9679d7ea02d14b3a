/**
 * Starting points for "ccmacro: New Webhook Macro…": one feedback macro per common receiver.
 * Each validates with no errors as written; secrets are `${secret:NAME}` placeholders, never values.
 */

import type { MacroTarget } from '../macro/model';

export type MacroTemplateKind = 'slack' | 'teams' | 'jira' | 'salesforce' | 'generic';

export interface MacroTemplateInfo {
  kind: MacroTemplateKind;
  label: string;
  description: string;
}

export const MACRO_TEMPLATES: readonly MacroTemplateInfo[] = [
  {
    kind: 'slack',
    label: 'Slack message',
    description: 'Post new feedback to a Slack channel through an incoming webhook',
  },
  {
    kind: 'teams',
    label: 'Microsoft Teams (Workflow)',
    description: 'Post new feedback as an Adaptive Card to a Teams channel through a Workflow',
  },
  { kind: 'jira', label: 'Jira issue', description: 'Create a Jira Cloud issue from the feedback' },
  { kind: 'salesforce', label: 'Salesforce case', description: 'Open a Salesforce case for the feedback' },
  { kind: 'generic', label: 'Generic JSON webhook', description: 'POST the feedback as JSON to any HTTPS endpoint' },
];

interface TemplateParts {
  comment: string[];
  request: Record<string, unknown>;
  returnValues?: Record<string, string>;
  target?: MacroTarget;
}

const PARTS: Record<MacroTemplateKind, TemplateParts> = {
  slack: {
    comment: [
      'Posts new feedback to a Slack channel.',
      'Store the incoming-webhook URL once with "ccmacro: Set Secret" as SLACK_WEBHOOK_URL; it is a password, keep it out of this file.',
    ],
    target: 'slack',
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
  },
  teams: {
    comment: [
      'Posts new feedback to a Microsoft Teams channel as an Adaptive Card.',
      'In Teams, add a workflow to the channel that posts "when a Teams webhook request is received", and copy its URL.',
      'Store that URL once with "ccmacro: Set Secret" as TEAMS_WORKFLOW_URL; it is a password, keep it out of this file.',
    ],
    target: 'teams',
    request: {
      method: 'POST',
      url: '${secret:TEAMS_WORKFLOW_URL}',
      headers: { 'Content-Type': 'application/json' },
      bodyFormat: 'json',
      body: {
        type: 'message',
        attachments: [
          {
            contentType: 'application/vnd.microsoft.card.adaptive',
            content: {
              type: 'AdaptiveCard',
              version: '1.4',
              body: [
                {
                  type: 'TextBlock',
                  text: '((Severity)) feedback #((Feedback ID)): ((Title))',
                  size: 'Medium',
                  weight: 'Bolder',
                  wrap: true,
                },
                { type: 'TextBlock', text: '((Description))', wrap: true },
                {
                  type: 'FactSet',
                  facts: [
                    { title: 'Project', value: '((Project Name))' },
                    { title: 'Submitted by', value: '((Submitter Name))' },
                  ],
                },
              ],
              actions: [{ type: 'Action.OpenUrl', title: 'Open in Centercode', url: '((Feedback URL))' }],
            },
          },
        ],
      },
    },
  },
  jira: {
    comment: [
      'Creates a Jira Cloud issue from the feedback. Change the project key and issue type to yours.',
      'JIRA_BASIC_AUTH is base64("you@yourcompany.com:API_TOKEN"); set it with "ccmacro: Set Secret".',
    ],
    request: {
      method: 'POST',
      url: 'https://yourcompany.atlassian.net/rest/api/3/issue',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/json',
        Authorization: 'Basic ${secret:JIRA_BASIC_AUTH}',
      },
      bodyFormat: 'json',
      body: {
        fields: {
          project: { key: 'BETA' },
          issuetype: { name: 'Bug' },
          summary: '((Title))',
          labels: ['centercode'],
          description: {
            type: 'doc',
            version: 1,
            content: [
              { type: 'paragraph', content: [{ type: 'text', text: '((Description))' }] },
              {
                type: 'paragraph',
                content: [
                  {
                    type: 'text',
                    text: 'Severity ((Severity)), reported by ((Submitter Name)) in ((Project Name)): ((Feedback URL))',
                  },
                ],
              },
            ],
          },
        },
      },
    },
    returnValues: { key: 'Jira Key' },
  },
  salesforce: {
    comment: [
      'Opens a Salesforce case for the feedback. Change the instance URL to yours.',
      'Set SALESFORCE_ACCESS_TOKEN with "ccmacro: Set Secret".',
    ],
    request: {
      method: 'POST',
      url: 'https://yourcompany.my.salesforce.com/services/data/v60.0/sobjects/Case',
      headers: {
        'Content-Type': 'application/json',
        Authorization: 'Bearer ${secret:SALESFORCE_ACCESS_TOKEN}',
      },
      bodyFormat: 'json',
      body: {
        Subject: '[((Project Name))] ((Title))',
        Description:
          '((Description))\n\nSeverity: ((Severity))\nCentercode feedback #((Feedback ID)): ((Feedback URL))',
        Origin: 'Centercode',
        Status: 'New',
        SuppliedName: '((Submitter Name))',
      },
    },
    returnValues: { id: 'Salesforce Case ID' },
  },
  generic: {
    comment: ['Sends the feedback as JSON to your endpoint. Change the URL; set API_TOKEN with "ccmacro: Set Secret".'],
    request: {
      method: 'POST',
      url: 'https://example.com/hooks/centercode',
      headers: {
        'Content-Type': 'application/json',
        Authorization: 'Bearer ${secret:API_TOKEN}',
      },
      bodyFormat: 'json',
      body: {
        id: '((Feedback ID))',
        title: '((Title))',
        description: '((Description))',
        severity: '((Severity))',
        submitter: '((Submitter Name))',
        url: '((Feedback URL))',
        project: '((Project Name))',
      },
    },
  },
};

/** The text of a new macro file of `kind` named `name` (JSON with a comment on top, 2-space indent). */
export function macroTemplate(kind: MacroTemplateKind, name: string): string {
  const parts = PARTS[kind];
  const info = MACRO_TEMPLATES.find(t => t.kind === kind)!;
  const macro: Record<string, unknown> = {
    version: 1,
    name,
    description: info.description + '.',
    scope: 'feedback',
    feedbackTypes: ['Issue'],
    showInFeedbackManagement: true,
    triggers: ['manual'],
  };
  if (parts.target) macro.target = parts.target;
  macro.request = parts.request;
  if (parts.returnValues) macro.returnValues = parts.returnValues;
  const comment = parts.comment.map(line => `// ${line}`).join('\n');
  return `${comment}\n${formatCompact(macro, '')}\n`;
}

/** JSON with 2-space indent, except that short arrays and objects of plain values stay on one line. */
function formatCompact(value: unknown, indent: string): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const plain = (v: unknown) => v === null || typeof v !== 'object';
  const inner = indent + '  ';
  if (Array.isArray(value)) {
    const oneLine = `[${value.map(v => JSON.stringify(v)).join(', ')}]`;
    if (value.every(plain) && oneLine.length + indent.length <= 80) return oneLine;
    return `[\n${value.map(v => inner + formatCompact(v, inner)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  const oneLine = `{ ${entries.map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(', ')} }`;
  if (entries.every(([, v]) => plain(v)) && oneLine.length + indent.length <= 80) return oneLine;
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${formatCompact(v, inner)}`).join(',\n')}\n${indent}}`;
}
