import type { ReceivedRequestView, ReceiverAnswer, TargetReceiver } from '../types';
import { checkJiraRequest, JIRA_LIMITS } from './payload';
import { jiraCall } from './request';

/**
 * Jira's REST API as far as a macro meets it (docs/jira.md, "Answers"): a good create gets 201 `{"id", "key",
 * "self"}` (so a `returnValues` of the create macro saves a key, and the update macro's `((Jira Key))` can be tried
 * with it), an update or a transition 204 with no body, a comment 201; what Jira would refuse gets 400
 * `{"errorMessages": [], "errors": {field: message}}`, the payload check's errors keyed by the field they are about.
 */
export const JIRA_RECEIVER: TargetReceiver = {
  describe:
    'like Jira\'s REST API (…/rest/api/2|3/issue): a good create gets 201 {"id","key","self"} with a key a return value can save, an update 204, and what Jira would refuse 400 {"errorMessages":[],"errors":{field: message}}.',
  path: (macroUrl, slug) => {
    const m = /\/rest\/api\/[23]\/issue[^?#]*(?:\?[^#]*)?/.exec(macroUrl);
    return m ? `/jira${m[0]}` : `/jira/${slug}`;
  },
  answer: answerLikeJira,
};

const json = (status: number, body: unknown): ReceiverAnswer => ({
  status,
  body: JSON.stringify(body),
  contentType: 'application/json;charset=UTF-8',
});

/** A number from the body's text, so the same request gets the same key (no state between requests). */
function issueNumber(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return 100 + ((h >>> 0) % 9900);
}

async function answerLikeJira(r: ReceivedRequestView): Promise<ReceiverAnswer> {
  if (r.bodyBytes > JIRA_LIMITS.bodyBytes)
    return json(413, { errorMessages: ['The request body is too large'], errors: {} });
  const call = jiraCall(r.method, r.path);
  if (call && !call.operation)
    return json(405, {
      errorMessages: [`${r.method} is not one of the operations a macro makes on ${r.path.replace(/\?.*/, '')}`],
      errors: {},
    });
  const findings = await checkJiraRequest({
    method: r.method,
    url: r.path,
    contentType: r.contentType,
    bodyText: r.bodyText,
  });
  const errors = findings.filter(f => f.severity === 'error');
  if (errors.length) {
    const byField: Record<string, string> = {};
    const messages: string[] = [];
    for (const f of errors) {
      if (f.field !== undefined && !(f.field in byField)) byField[f.field] = f.message;
      else if (f.field === undefined) messages.push(f.message);
    }
    return json(400, { errorMessages: messages, errors: byField });
  }
  const notes = findings.map(f => f.message);
  const note = notes.length ? notes.join('; ') : undefined;
  const answer = (a: ReceiverAnswer): ReceiverAnswer => (note ? { ...a, note } : a);
  const op = call?.operation ?? (r.method === 'PUT' ? 'update' : 'create');
  const n = issueNumber(r.bodyText);
  const base = 'http://127.0.0.1/jira/rest/api/' + String(call?.version ?? 3);
  if (op === 'create') {
    const body = JSON.parse(r.bodyText) as { fields?: { project?: { key?: unknown } } };
    const project = typeof body.fields?.project?.key === 'string' ? body.fields.project.key : 'TEST';
    const id = String(10000 + n);
    return answer(json(201, { id, key: `${project}-${n}`, self: `${base}/issue/${id}` }));
  }
  if (op === 'comment')
    return answer(
      json(201, { id: String(10000 + n), self: `${base}/issue/${call?.issue ?? ''}/comment/${10000 + n}` }),
    );
  return answer({ status: 204, body: '' });
}
