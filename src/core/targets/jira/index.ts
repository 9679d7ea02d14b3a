import type { Target } from '../types';
import { JIRA_FIELDS } from './fields';
import { JIRA_FIXES } from './fix';
import { checkJiraRequest, JIRA_LIMITS } from './payload';
import { JIRA_RECEIVER } from './receiver';
import { jiraCall } from './request';
import { JIRA_TEMPLATES } from './templates';
import { jiraIssueView, type JiraIssueView } from './view';

/** Jira's REST API: create, edit, comment on and transition issues (docs/jira.md). */
export const jira = {
  id: 'jira',
  name: 'Jira',
  summary: {
    text: "Jira's REST API (Cloud v3 and v2, Server/Data Center): the description is checked against Atlassian's ADF schema, values are kept as text (escaped for wiki markup in v2), required fields and the summary's limits are checked, and the preview shows the issue.",
    markdown:
      "**Jira**'s REST API (Cloud v3 and v2, Server/Data Center): the description is checked against Atlassian's ADF schema, values are kept as text (escaped for wiki markup in v2), required fields and the summary's limits are checked, and the preview shows the issue.",
  },
  recognition: {
    exampleUrls: [
      'https://yourcompany.atlassian.net/rest/api/3/issue',
      'https://yourcompany.atlassian.net/rest/api/2/issue/BETA-12/comment',
      'https://jira.example.com/jira/rest/api/2/issue',
    ],
    matches: ({ parsed }) => {
      const r = parsed.macro?.request;
      // An operation a macro makes (create, update, comment, transition); a GET of …/issue/createmeta is not one.
      const url = typeof r?.url === 'string' ? r.url : '';
      return jiraCall(typeof r?.method === 'string' ? r.method : 'POST', url)?.operation !== undefined;
    },
  },
  fixes: JIRA_FIXES,
  fields: JIRA_FIELDS,
  request: { takers: "Jira's REST API", methods: ['POST', 'PUT'], bodyFormats: ['json'] },
  limits: JIRA_LIMITS,
  checkPayload: request => checkJiraRequest(request),
  preview: {
    tab: 'Jira issue',
    view: ({ bodyText, method, url }): JiraIssueView =>
      jiraIssueView(bodyText, url !== undefined ? jiraCall(method ?? 'POST', url) : undefined),
  },
  receiver: JIRA_RECEIVER,
  templates: JIRA_TEMPLATES,
} satisfies Target<'jira'>;
