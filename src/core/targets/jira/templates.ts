import type { TargetTemplate } from '../types';

const AUTH_COMMENT =
  'JIRA_BASIC_AUTH is base64("you@yourcompany.com:API_TOKEN"); set it with "ccmacro: Set Secret", never in this file.';

const HEADERS = {
  'Content-Type': 'application/json',
  Accept: 'application/json',
  Authorization: 'Basic ${secret:JIRA_BASIC_AUTH}',
};

/** The start of a template's empty-file snippet: a manual feedback macro for Jira named `name`. */
function snippetHead(name: string): Record<string, unknown> {
  return {
    version: 1,
    name: `\${1:${name}}`,
    scope: 'feedback',
    feedbackTypes: ['Issue'],
    showInFeedbackManagement: true,
    triggers: ['manual'],
    target: 'jira',
  };
}

/** Create (v3, ADF) and update (PUT with the key the create macro saved): the pair docs/jira.md walks through. */
export const JIRA_TEMPLATES: readonly TargetTemplate[] = [
  {
    kind: 'jira',
    label: 'Create Jira issue from feedback',
    description: 'Create a Jira Cloud issue from the feedback and save its key as Jira Key',
    comment: [
      'Creates a Jira Cloud issue from the feedback (REST API v3: the description is an Atlassian document).',
      'Change the site, project key and issue type to yours. Jira answers {"id", "key", "self"}: the key is saved',
      'as the feedback\'s "Jira Key", which the "Update Jira issue" macro uses.',
      AUTH_COMMENT,
    ],
    statesTarget: true,
    request: {
      method: 'POST',
      url: 'https://yourcompany.atlassian.net/rest/api/3/issue',
      headers: HEADERS,
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
              { type: 'heading', attrs: { level: 3 }, content: [{ type: 'text', text: 'Steps to reproduce' }] },
              { type: 'codeBlock', content: [{ type: 'text', text: 'Severity ((Severity)): ((Steps to Reproduce))' }] },
              {
                type: 'paragraph',
                content: [
                  { type: 'text', text: 'Reported by ((Submitter Name)) in ((Project Name)): ' },
                  {
                    type: 'text',
                    text: 'Centercode feedback #((Feedback ID))',
                    marks: [{ type: 'link', attrs: { href: '((Admin Feedback URL))' } }],
                  },
                ],
              },
            ],
          },
        },
      },
    },
    returnValues: { key: 'Jira Key' },
    snippet: {
      description: 'A feedback macro that creates a Jira issue and saves its key back on the feedback',
      body: {
        ...snippetHead('Create Jira issue'),
        request: {
          method: 'POST',
          url: 'https://${2:yourcompany}.atlassian.net/rest/api/3/issue',
          headers: { 'Content-Type': 'application/json', Authorization: '^"Basic \\${secret:JIRA_BASIC_AUTH}"' },
          body: {
            fields: {
              project: { key: '${3:BETA}' },
              issuetype: { name: 'Bug' },
              summary: '((Title))',
              description: {
                type: 'doc',
                version: 1,
                content: [{ type: 'paragraph', content: [{ type: 'text', text: '((Description))' }] }],
              },
            },
          },
        },
        returnValues: { key: '${4:Jira Key}' },
      },
    },
  },
  {
    kind: 'jira-update',
    label: 'Update Jira issue',
    description: 'Update the Jira issue the create macro saved as Jira Key',
    comment: [
      'Updates the Jira issue whose key the "Create Jira issue from feedback" macro saved as the feedback\'s "Jira Key"',
      '(Centercode sends it with PUT: "Send updates to Jira … using Webhooks\' PUT request type"). Jira answers 204.',
      AUTH_COMMENT,
    ],
    statesTarget: true,
    request: {
      method: 'PUT',
      url: 'https://yourcompany.atlassian.net/rest/api/3/issue/((Jira Key))',
      headers: HEADERS,
      bodyFormat: 'json',
      body: {
        fields: {
          summary: '((Title))',
          priority: { name: '((Priority))' },
        },
        update: {
          labels: [{ add: 'centercode-updated' }],
          comment: [
            {
              add: {
                body: {
                  type: 'doc',
                  version: 1,
                  content: [
                    {
                      type: 'paragraph',
                      content: [
                        { type: 'text', text: 'Centercode: now ((Status)), ((Workflow State)) (((Severity))).' },
                      ],
                    },
                  ],
                },
              },
            },
          ],
        },
      },
    },
    snippet: {
      description:
        'A feedback macro that updates the Jira issue whose key the create macro saved (PUT …/issue/((Jira Key)))',
      body: {
        ...snippetHead('Update Jira issue'),
        request: {
          method: 'PUT',
          url: 'https://${2:yourcompany}.atlassian.net/rest/api/3/issue/((${3:Jira Key}))',
          headers: { 'Content-Type': 'application/json', Authorization: '^"Basic \\${secret:JIRA_BASIC_AUTH}"' },
          body: { fields: { summary: '((Title))' } },
        },
      },
    },
  },
];
