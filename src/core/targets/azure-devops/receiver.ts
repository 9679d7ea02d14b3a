import { formatJsonPath } from '../../common/jsonPath';
import { isObject } from '../../common/objects';
import type { ReceivedRequestView, ReceiverAnswer, TargetReceiver } from '../types';
import { fieldOfPath } from './fields';
import { AZURE_DEVOPS_LIMITS } from './limits';
import { checkWorkItemRequest, operationOf, type AzureDevOpsFinding } from './patch';
import { safeDecode, workItemAddress } from './url';

const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * Azure DevOps' work item API, as far as a macro meets it: a create (POST …/workitems/$Type) or update (PATCH
 * …/workitems/{id}) that passes the check (the one `ccmacro validate` runs) gets 200 with the work item, whose `id`
 * a create macro's `returnValues` saves (`{"id": "Work Item ID"}`); what the check refuses gets the service's
 * error shape (`$id`, `innerException`, `message`, `typeName`, `typeKey`, `errorCode`, `eventId`) with its status:
 * 415 for another Content-Type, 400 TF401320 for a missing title, 400 TF401324 for a long one. Stateless: a create's
 * id is made from its body, so the same request gets the same id.
 */
export const AZURE_DEVOPS_RECEIVER: TargetReceiver = {
  describe:
    'like Azure DevOps work items (a JSON Patch document as application/json-patch+json, POST …/workitems/$Type to create, PATCH …/workitems/{id} to update, api-version in the query): 200 with the work item and its id, or the service\'s error answer, e.g. 415 for another Content-Type or 400 "TF401320: Rule Error for field Title".',
  path: receiverPath,
  answer: r => Promise.resolve(answerLikeAzureDevOps(r)),
};

/** The macro's own path and query under /azure-devops (the address says create or update, and the api-version). */
function receiverPath(macroUrl: string, slug: string): string {
  try {
    const u = new URL(macroUrl);
    if (workItemAddress(u.pathname).isWorkItemApi) return `/azure-devops${u.pathname}${u.search}`;
  } catch {
    /* a ${secret:…} address: the method says create or update */
  }
  return `/azure-devops/${slug}`;
}

function answerLikeAzureDevOps(r: ReceivedRequestView): ReceiverAnswer {
  if (r.bodyBytes > AZURE_DEVOPS_LIMITS.bodyBytes)
    return errorAnswer(413, 'The request body is too large.', 'RequestContentTooLargeException');
  const findings = checkWorkItemRequest({
    method: r.method,
    url: r.path,
    contentType: r.contentType,
    headers: r.headers,
    bodyText: r.bodyText,
  });
  const errors = findings.filter(f => f.severity === 'error');
  const warnings = findings.filter(f => f.severity !== 'error').map(line);
  // The service looks at the Content-Type before it reads the body.
  const refused = errors.find(f => f.part === 'content-type') ?? errors[0];
  if (refused) {
    const a = refused.answer ?? { status: 400, message: refused.message, typeKey: 'VssServiceException' };
    const answer = errorAnswer(a.status, a.message, a.typeKey, refused);
    const more = errors.filter(f => f !== refused).map(line);
    if (more.length || warnings.length) answer.note = ['Also:', ...more, ...warnings].join('\n');
    return answer;
  }
  const answer: ReceiverAnswer = { status: 200, contentType: JSON_TYPE, body: JSON.stringify(workItem(r), null, 2) };
  if (warnings.length) answer.note = ['Azure DevOps may not take this as meant:', ...warnings].join('\n');
  return answer;
}

function line(f: AzureDevOpsFinding): string {
  return `- ${formatJsonPath(f.path) || `(the ${f.part ?? 'body'})`}: ${f.message} [${f.code}]`;
}

/** Azure DevOps' error shape (research: real answers quoted in docs/azure-devops.md). */
function errorAnswer(status: number, message: string, typeKey: string, f?: AzureDevOpsFinding): ReceiverAnswer {
  const typeName =
    typeKey === 'VssRequestContentTypeNotSupportedException'
      ? 'Microsoft.VisualStudio.Services.WebApi.VssRequestContentTypeNotSupportedException, Microsoft.VisualStudio.Services.WebApi, Version=14.0.0.0, Culture=neutral, PublicKeyToken=b03f5f7f11d50a3a'
      : typeKey;
  const body: Record<string, unknown> = {
    $id: '1',
    innerException: null,
    message,
    typeName,
    typeKey,
    errorCode: 0,
    eventId: 3000,
  };
  if (f?.code === 'render/azure-devops-no-title')
    body.customProperties = {
      FieldReferenceName: 'System.Title',
      FieldStatusFlags: 'required, hasValues, limitedToValues, invalidEmpty',
      ErrorMessage: message,
    };
  return { status, contentType: JSON_TYPE, body: JSON.stringify(body) };
}

/** The work item Azure DevOps answers with: the fields the patch sets over the ones it sets itself. */
function workItem(r: ReceivedRequestView): Record<string, unknown> {
  const address = workItemAddress(r.path);
  const operation = operationOf(address, r.method.toUpperCase());
  const segments = r.path.split('?')[0].split('/').filter(Boolean);
  const apis = segments.findIndex(s => s.toLowerCase() === '_apis');
  const project = safeDecode(apis > 0 ? segments[apis - 1] : 'Project');
  const organization = safeDecode(apis > 1 ? segments[apis - 2] : 'organization');
  const id = operation === 'update' && /^\d+$/.test(address.id ?? '') ? Number(address.id) : idFrom(r.bodyText);
  const fields: Record<string, unknown> = {
    'System.AreaPath': project,
    'System.TeamProject': project,
    'System.IterationPath': project,
    'System.WorkItemType': address.type || 'Bug',
    'System.State': 'New',
    'System.Reason': 'New',
  };
  for (const o of JSON.parse(r.bodyText) as unknown[]) {
    if (!isObject(o) || typeof o.path !== 'string') continue;
    const field = fieldOfPath(o.path);
    if (field === undefined) continue;
    if (o.op === 'remove') delete fields[field];
    else if (o.op === 'add' || o.op === 'replace') fields[field] = o.value;
  }
  const url = `https://dev.azure.com/${organization}/_apis/wit/workItems/${id}`;
  return {
    id,
    rev: operation === 'update' ? 2 : 1,
    fields,
    _links: {
      self: { href: url },
      html: { href: `https://dev.azure.com/${organization}/${project}/_workitems/edit/${id}` },
    },
    url,
  };
}

/** A work item id made from the request body (FNV-1a), so the receiver needs no state: 1 to 999,999. */
function idFrom(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return (h % 999_999) + 1;
}
