import { DEFAULT_TAG_SYNTAX, type TagSyntax } from '../../project/tagSyntax';
import { closestWord } from '../../common/editDistance';
import { headerValue } from '../../common/headers';
import type { PathSegment } from '../../common/jsonPath';
import { isObject } from '../../common/objects';
import type { Severity } from '../../common/problem';
import type { TargetFinding, TargetRequest } from '../types';
import { fieldOfPath, isTitleField, LINE_BREAK, TITLE_FIELD } from './fields';
import { AZURE_DEVOPS_LIMITS, JSON_PATCH_CONTENT_TYPE } from './limits';
import { API_VERSION_FORMAT, DEFAULT_API_VERSION, workItemAddress, type WorkItemAddress } from './url';

/**
 * The check of a work item create or update (docs/azure-devops.md has the source of each rule): the request line
 * (POST to `…/workitems/$Type` creates, PATCH to `…/workitems/{id}` updates, `api-version` in the query), the
 * Content-Type (`application/json-patch+json`), and the body, a JSON Patch document (RFC 6902) of operations on
 * `/fields/…`, `/relations/…` and `/rev`, with `System.Title` on a create. What `ccmacro validate`, the editor, the
 * preview and the local test receiver all run.
 */

/** A finding with the answer Azure DevOps gives for it (the local receiver answers with it). */
export interface AzureDevOpsFinding extends TargetFinding {
  answer?: { status: number; message: string; typeKey: string };
}

/** RFC 6902's operations, which Microsoft's JsonPatchOperation lists too. */
const PATCH_OPS = ['add', 'remove', 'replace', 'move', 'copy', 'test'] as const;

/** Fields of every process whose names a typo may miss (reference names from Microsoft's field list). */
const KNOWN_FIELDS = [
  'System.Title',
  'System.Description',
  'System.History',
  'System.Tags',
  'System.State',
  'System.Reason',
  'System.AreaPath',
  'System.IterationPath',
  'System.AssignedTo',
  'Microsoft.VSTS.TCM.ReproSteps',
  'Microsoft.VSTS.TCM.SystemInfo',
  'Microsoft.VSTS.Common.AcceptanceCriteria',
  'Microsoft.VSTS.Common.Priority',
  'Microsoft.VSTS.Common.Severity',
];

const NOT_PATCH = 'You must pass a valid patch document in the body of the request.';

type Add = (f: AzureDevOpsFinding) => void;

/** Check a work item request as rendered (placeholders verbatim) or as the receiver got it. Never throws. */
export function checkWorkItemRequest(request: TargetRequest): AzureDevOpsFinding[] {
  const out: AzureDevOpsFinding[] = [];
  const add: Add = f => out.push(f);
  const address = workItemAddress(request.url);
  const operation = operationOf(address, request.method);
  checkRequestLine(request, address, add);
  checkContentType(request.contentType, add);
  let payload: unknown;
  try {
    payload = JSON.parse(request.bodyText);
  } catch {
    add(error('render/azure-devops-not-json', `The body is not valid JSON. ${NOT_PATCH}`, [], 400));
    return out;
  }
  checkPatch(payload, operation, add, request.tagSyntax ?? DEFAULT_TAG_SYNTAX);
  return out;
}

/** What the request does: from its address, else (an address that is a secret, or the receiver's) from its method. */
export function operationOf(address: WorkItemAddress, method: string): 'create' | 'update' | 'other' {
  if (address.operation !== 'other') return address.operation;
  if (address.isWorkItemApi) return 'other';
  return method === 'POST' ? 'create' : method === 'PATCH' ? 'update' : 'other';
}

function checkRequestLine(request: TargetRequest, address: WorkItemAddress, add: Add): void {
  const literal = /^https?:\/\//i.test(request.url) && !request.url.includes('${');
  if (!address.isWorkItemApi) {
    if (literal)
      add({
        code: 'render/azure-devops-not-work-items',
        severity: 'warning',
        message:
          'This is not an Azure DevOps work item address (…/_apis/wit/workitems/$Type to create, …/_apis/wit/workitems/{id} to update); ccmacro checks the body as a work item create or update',
        path: [],
        part: 'url',
      });
    return;
  }
  const method = request.method.toUpperCase();
  if (address.operation === 'create' && method !== 'POST')
    add(
      error(
        'render/azure-devops-method',
        `A work item is created with POST to …/workitems/$${address.type ?? 'Type'}, not ${method}`,
        [],
        405,
        'method',
      ),
    );
  if (address.operation === 'update' && method !== 'PATCH')
    add(
      error(
        'render/azure-devops-method',
        `A work item is updated with PATCH to …/workitems/{id}, not ${method}`,
        [],
        405,
        'method',
      ),
    );
  if (address.operation === 'other')
    add({
      code: 'render/azure-devops-no-type',
      severity: 'error',
      message: `The address needs the work item type to create ("…/workitems/$Bug") or the id to update ("…/workitems/${(request.tagSyntax ?? DEFAULT_TAG_SYNTAX).wrap('Work Item ID')}")`,
      path: [],
      part: 'url',
      answer: { status: 404, message: 'The work item address names no work item type or id.', typeKey: 'NotFound' },
    });
  if (address.operation === 'create' && address.type === '')
    add(
      error('render/azure-devops-no-type', 'The address names no work item type after "$" (e.g. $Bug)', [], 404, 'url'),
    );
  const accept = headerValue(request.headers ?? [], 'accept') ?? '';
  if (address.apiVersion === undefined && !/api-version=/i.test(accept))
    add(
      error(
        'render/azure-devops-api-version',
        `Azure DevOps needs the REST API version: add "?api-version=${DEFAULT_API_VERSION}" to the address (or the version your Azure DevOps Server takes)`,
        [],
        400,
        'url',
      ),
    );
  else if (address.apiVersion !== undefined && !API_VERSION_FORMAT.test(address.apiVersion))
    add({
      code: 'render/azure-devops-api-version',
      severity: 'warning',
      message: `"api-version=${address.apiVersion}" is not a version Azure DevOps names (major.minor, optionally -preview or -preview.N, e.g. ${DEFAULT_API_VERSION})`,
      path: [],
      part: 'url',
    });
}

function checkContentType(contentType: string | undefined, add: Add): void {
  const base = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (base === JSON_PATCH_CONTENT_TYPE) return;
  add({
    code: 'render/azure-devops-content-type',
    severity: 'error',
    message: `Azure DevOps takes a work item create or update only as "Content-Type: ${JSON_PATCH_CONTENT_TYPE}"${base ? `, not "${base}"` : ''} (it answers 415)`,
    path: [],
    part: 'content-type',
    answer: {
      status: 415,
      message: `The request indicated a Content-Type of "${base || 'none'}" for method type "POST" which is not supported. Valid content types for this method are: ${JSON_PATCH_CONTENT_TYPE}.`,
      typeKey: 'VssRequestContentTypeNotSupportedException',
    },
  });
}

function checkPatch(payload: unknown, operation: 'create' | 'update' | 'other', add: Add, syntax: TagSyntax): void {
  if (!Array.isArray(payload)) {
    add(
      error(
        'render/azure-devops-not-patch',
        `The body must be a JSON Patch document: a list of operations such as [{"op": "add", "path": "/fields/${TITLE_FIELD}", "value": "${syntax.wrap('Title')}"}]. ${NOT_PATCH}`,
        [],
        400,
      ),
    );
    return;
  }
  let title: { index: number; value: unknown } | undefined;
  payload.forEach((operationValue, i) => {
    const t = checkOperation(operationValue, i, add);
    if (t) title = t;
  });
  if (operation === 'create' && !title)
    add({
      code: 'render/azure-devops-no-title',
      severity: 'error',
      message: `A new work item needs a title: add {"op": "add", "path": "/fields/${TITLE_FIELD}", "value": "${syntax.wrap('Title')}"}`,
      path: [],
      answer: TITLE_REQUIRED,
    });
  if (operation === 'update' && payload.length === 0)
    add({
      code: 'render/azure-devops-empty-patch',
      severity: 'warning',
      message: 'The patch document has no operations, so the update changes nothing',
      path: [],
    });
}

const TITLE_REQUIRED = {
  status: 400,
  message: 'TF401320: Rule Error for field Title. Error code: Required, HasValues, LimitedToValues, InvalidEmpty.',
  typeKey: 'RuleValidationException',
};

/** One operation; returns the title it sets (an add or replace of System.Title). */
function checkOperation(o: unknown, i: number, add: Add): { index: number; value: unknown } | undefined {
  if (!isObject(o)) {
    add(
      error(
        'render/azure-devops-operation',
        `Each operation is an object: {"op": "add", "path": "/fields/…", "value": …}`,
        [i],
        400,
      ),
    );
    return undefined;
  }
  const op = o.op;
  if (typeof op !== 'string' || !(PATCH_OPS as readonly string[]).includes(op)) {
    const near = typeof op === 'string' ? closestWord(op, PATCH_OPS) : undefined;
    add(
      error(
        'render/azure-devops-operation',
        op === undefined
          ? `The operation has no "op": one of ${PATCH_OPS.join(', ')}`
          : `"op" is ${JSON.stringify(op)}, not one of ${PATCH_OPS.join(', ')}${near && near !== op ? ` (did you mean "${near}"?)` : ''}`,
        op === undefined ? [i] : [i, 'op'],
        400,
      ),
    );
    return undefined;
  }
  const path = o.path;
  if (typeof path !== 'string' || !path.startsWith('/')) {
    add(
      error(
        'render/azure-devops-operation',
        `The operation needs "path", a JSON pointer such as "/fields/${TITLE_FIELD}" or "/relations/-"`,
        path === undefined ? [i] : [i, 'path'],
        400,
      ),
    );
    return undefined;
  }
  if ((op === 'add' || op === 'replace' || op === 'test') && !('value' in o))
    add(error('render/azure-devops-operation', `An "${op}" operation needs "value"`, [i], 400));
  if ((op === 'move' || op === 'copy') && (typeof o.from !== 'string' || !o.from.startsWith('/')))
    add(
      error(
        'render/azure-devops-operation',
        `A "${op}" operation needs "from", the JSON pointer to ${op} from`,
        o.from === undefined ? [i] : [i, 'from'],
        400,
      ),
    );
  const field = fieldOfPath(path);
  if (field !== undefined) return checkField(field, o, i, add);
  checkOtherPath(path, o, i, add);
  return undefined;
}

function checkField(
  field: string,
  o: Record<string, unknown>,
  i: number,
  add: Add,
): { index: number; value: unknown } | undefined {
  if (
    /^(?:System|Microsoft\.VSTS)\./i.test(field) &&
    !KNOWN_FIELDS.some(k => k.toLowerCase() === field.toLowerCase())
  ) {
    const near = closestWord(field, KNOWN_FIELDS);
    if (near)
      add({
        code: 'render/azure-devops-unknown-field',
        severity: 'warning',
        message: `"${field}" is not a field Azure DevOps has (it answers "TF51535: Cannot find field ${field}."): did you mean "${near}"?`,
        path: [i, 'path'],
      });
  }
  const value = o.value;
  if ((o.op === 'add' || o.op === 'replace') && value !== null && typeof value === 'object')
    add({
      code: 'render/azure-devops-field-value',
      severity: 'warning',
      message: `A field's value is text, a number or true/false; ${Array.isArray(value) ? 'a list' : 'an object'} is not a value of ${field}`,
      path: [i, 'value'],
    });
  if (!isTitleField(field) || (o.op !== 'add' && o.op !== 'replace')) return undefined;
  checkTitle(value, i, add);
  return { index: i, value };
}

function checkTitle(value: unknown, i: number, add: Add): void {
  const at: PathSegment[] = [i, 'value'];
  if (typeof value !== 'string') return;
  if (value.trim() === '')
    add({
      code: 'render/azure-devops-no-title',
      severity: 'error',
      message: 'The title is empty',
      path: at,
      answer: TITLE_REQUIRED,
    });
  if (LINE_BREAK.test(value))
    add({
      code: 'render/azure-devops-title-line-break',
      severity: 'warning',
      message:
        'The title has a line break, but an Azure DevOps title is a single line of text (how Azure DevOps treats one is not documented): write it on one line',
      path: at,
    });
  if (value.length > AZURE_DEVOPS_LIMITS.title)
    add({
      code: 'render/azure-devops-title-too-long',
      severity: 'error',
      message: `The title is ${value.length.toLocaleString('en-US')} characters once filled in; Azure DevOps takes at most ${AZURE_DEVOPS_LIMITS.title} ("TF401324: Value for field 'System.Title' is too long.")`,
      path: at,
      limit: 'title',
      answer: {
        status: 400,
        message: "TF401324: Value for field 'System.Title' is too long.",
        typeKey: 'RuleValidationException',
      },
    });
}

/** `/relations/-` (a link), `/relations/{n}…`, `/rev` (with test), `/multilineFieldsFormat/…`; others are warned about. */
function checkOtherPath(path: string, o: Record<string, unknown>, i: number, add: Add): void {
  if (path === '/relations/-' || /^\/relations\/\d+$/.test(path)) {
    if (o.op === 'add' && path === '/relations/-') {
      const v = o.value;
      if (!isObject(v) || typeof v.rel !== 'string' || typeof v.url !== 'string')
        add(
          error(
            'render/azure-devops-relation',
            'A link is added as {"rel": "Hyperlink" (or another link type), "url": "…", "attributes": {"comment": "…"}}',
            'value' in o ? [i, 'value'] : [i],
            400,
          ),
        );
    }
    return;
  }
  if (/^\/relations\/\d+\//.test(path) || path === '/rev' || /^\/multilineFieldsFormat\/[^/]+$/.test(path)) return;
  add({
    code: 'render/azure-devops-path',
    severity: 'warning',
    message: `Work item operations set "/fields/<field reference name>", add links at "/relations/-" or test "/rev"; "${path}" is none of them`,
    path: [i, 'path'],
  });
}

function error(
  code: string,
  message: string,
  path: PathSegment[],
  status: number,
  part?: TargetFinding['part'],
): AzureDevOpsFinding {
  const f: AzureDevOpsFinding = { code, severity: 'error' as Severity, message, path };
  if (part) f.part = part;
  f.answer = { status, message, typeKey: status === 400 ? 'VssPropertyValidationException' : 'VssServiceException' };
  return f;
}
