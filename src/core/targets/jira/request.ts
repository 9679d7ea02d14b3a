/**
 * Which Jira REST operation a request is, from its method and URL (docs/jira.md, "Operations"): create
 * (`POST …/rest/api/2|3/issue`), update (`PUT …/issue/{key}`), comment (`POST …/issue/{key}/comment`) and transition
 * (`POST …/issue/{key}/transitions`), on Jira Cloud (`https://<site>.atlassian.net`, `api.atlassian.com/ex/jira/<id>`)
 * and Server/Data Center (any host, with or without a context path). Version 3 (Cloud only) takes Atlassian Document
 * Format in rich-text fields; version 2 takes strings (wiki markup).
 */

export type JiraOperation = 'create' | 'update' | 'comment' | 'transition';

export interface JiraCall {
  /** The REST API version in the path: 3 takes ADF, 2 strings. */
  version: 2 | 3;
  /** Undefined when the method and path are no operation a macro can be (e.g. a GET). */
  operation?: JiraOperation;
  /** The issue key or id in the path (`BETA-12`, `10001`, or a `((Jira Key))` still to fill). */
  issue?: string;
}

const API = /\/rest\/api\/([23])\/issue(?:\/([^/?#]+))?(\/[^?#]*)?\/?(?:[?#].*)?$/;

/** The Jira call a method and URL (or a path at the receiver) make; undefined when the path is no Jira issue API. */
export function jiraCall(method: string, url: string): JiraCall | undefined {
  const path = url.replace(/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/]*/, '');
  const m = API.exec(path);
  if (!m) return undefined;
  const version = m[1] === '3' ? 3 : 2;
  const issue = m[2] ? safeDecode(m[2]) : undefined;
  const rest = (m[3] ?? '').replace(/\/+$/, '');
  const verb = method.toUpperCase();
  let operation: JiraOperation | undefined;
  if (!issue && !rest && verb === 'POST') operation = 'create';
  else if (issue && !rest && verb === 'PUT') operation = 'update';
  else if (issue && rest === '/comment' && verb === 'POST') operation = 'comment';
  else if (issue && rest === '/transitions' && verb === 'POST') operation = 'transition';
  return { version, operation, issue };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
