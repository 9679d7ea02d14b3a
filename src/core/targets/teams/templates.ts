import type { TargetTemplate } from '../types';
import { ADAPTIVE_CARD_CONTENT_TYPE, TEAMS_CARD_VERSIONS } from './limits';

export const TEAMS_TEMPLATES: readonly TargetTemplate[] = [
  {
    kind: 'teams',
    label: 'Microsoft Teams (Workflow)',
    description: 'Post new feedback as an Adaptive Card to a Teams channel through a Workflow',
    comment: [
      'Posts new feedback to a Microsoft Teams channel as an Adaptive Card.',
      'In Teams, add a workflow to the channel that posts "when a Teams webhook request is received", and copy its URL.',
      'Store that URL once with "ccmacro: Set Secret" as TEAMS_WORKFLOW_URL; it is a password, keep it out of this file.',
    ],
    statesTarget: true,
    request: {
      method: 'POST',
      url: '${secret:TEAMS_WORKFLOW_URL}',
      headers: { 'Content-Type': 'application/json' },
      bodyFormat: 'json',
      body: {
        type: 'message',
        attachments: [
          {
            contentType: ADAPTIVE_CARD_CONTENT_TYPE,
            content: {
              type: 'AdaptiveCard',
              version: TEAMS_CARD_VERSIONS.safe,
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
    snippet: {
      description:
        'A feedback macro that posts an Adaptive Card to a Microsoft Teams channel through a Workflow URL kept as a secret',
      body: {
        version: 1,
        name: '${1:Post to Teams}',
        description: '${2:Posts the feedback to a Teams channel.}',
        scope: 'feedback',
        feedbackTypes: ['${3:Issue}'],
        triggers: ['${4|submit,manual,modify|}'],
        target: 'teams',
        request: {
          method: 'POST',
          url: '^"\\${secret:${5:TEAMS_WORKFLOW_URL}}"',
          headers: { 'Content-Type': 'application/json' },
          body: {
            type: 'message',
            attachments: [
              {
                contentType: ADAPTIVE_CARD_CONTENT_TYPE,
                content: {
                  type: 'AdaptiveCard',
                  version: TEAMS_CARD_VERSIONS.safe,
                  body: [
                    {
                      type: 'TextBlock',
                      text: 'New ((Feedback Type)): ((Title))',
                      weight: 'Bolder',
                      size: 'Medium',
                      wrap: true,
                    },
                    { type: 'TextBlock', text: '((Description))', wrap: true },
                  ],
                  actions: [{ type: 'Action.OpenUrl', title: 'Open in Centercode', url: '((Feedback URL))' }],
                },
              },
            ],
          },
        },
      },
    },
  },
];
