import { closestWord } from '../../common/editDistance';
import { valueTooDeepPath } from '../../common/jsonDepth';
import type { PathSegment } from '../../common/jsonPath';
import { isObject } from '../../common/objects';
import type { TargetFinding, TargetRequest } from '../types';
import { LINE_BREAK, RICH_TEXT_FIELDS } from './fields';
import { jiraCall, type JiraCall } from './request';

/** Jira's limits (sources in docs/jira.md, "Limits"). */
export const JIRA_LIMITS = {
  /** "Summary can't exceed 255 characters." (Jira Cloud's answer; older Server: "must be less than 255"). */
  summary: 255,
  /** "The entered text is too long. It exceeds the allowed limit of 32,767 characters." (description, comments). */
  description: 32_767,
  /** The local receiver reads at most this much of a body. */
  bodyBytes: 1024 * 1024,
} as const;

/** Jira's system fields (Atlassian's REST API reference and jira.js's CreateIssue type): a near miss gets a did-you-mean. */
const SYSTEM_FIELDS = [
  'summary',
  'description',
  'environment',
  'issuetype',
  'project',
  'parent',
  'priority',
  'labels',
  'components',
  'fixVersions',
  'versions',
  'assignee',
  'reporter',
  'duedate',
  'security',
  'timetracking',
  'resolution',
  'comment',
  'attachment',
  'issuelinks',
  'worklog',
  'timeestimate',
  'timeoriginalestimate',
] as const;

/**
 * A finding, and for an error the field Jira's 400 answer names it under (`errors.summary`), if any.
 * @public (exported for the npm package's type declarations, which name it in the target's type)
 */
export interface JiraFinding extends TargetFinding {
  /** The key of Jira's `errors` object for it; undefined: one of `errorMessages`. */
  field?: string;
}

const count = (n: number) => n.toLocaleString('en-US');

function finding(
  code: string,
  severity: JiraFinding['severity'],
  message: string,
  path: PathSegment[],
  field?: string,
  limit?: keyof typeof JIRA_LIMITS,
): JiraFinding {
  const f: JiraFinding = { code, severity, message, path };
  if (field !== undefined) f.field = field;
  if (limit) f.limit = limit;
  return f;
}

/** What Jira would refuse in a request (method, URL and body), as findings at paths of the body. Never throws. */
export async function checkJiraRequest(request: TargetRequest): Promise<JiraFinding[]> {
  const call = jiraCall(request.method, request.url);
  let body: unknown;
  try {
    body = JSON.parse(request.bodyText);
  } catch {
    return [finding('render/jira-not-json', 'error', 'Jira reads the body as JSON, and this is not JSON', [])];
  }
  if (!isObject(body))
    return [
      finding('render/jira-not-object', 'error', 'A Jira request body is a JSON object, e.g. {"fields": { … }}', []),
    ];
  const deep = valueTooDeepPath(body);
  if (deep) return [finding('render/jira-too-deep', 'error', 'The body is nested too deeply to check', deep)];
  const out: JiraFinding[] = [];
  shapeFindings(body, call, out);
  fieldNameFindings(body, out);
  summaryFindings(body, out);
  await richTextFindings(body, call, out);
  return out;
}

function shapeFindings(body: Record<string, unknown>, call: JiraCall | undefined, out: JiraFinding[]): void {
  const op = call?.operation;
  const fields = body.fields;
  if (fields !== undefined && !isObject(fields))
    out.push(
      finding('render/jira-fields-not-object', 'error', '"fields" is an object of field names and values', ['fields']),
    );
  if (op === 'create') {
    const f = isObject(fields) ? fields : {};
    const need: Array<[string, string, (v: unknown) => boolean]> = [
      [
        'project',
        '{"key": "BETA"} or {"id": "10000"}',
        v => isObject(v) && (v.key !== undefined || v.id !== undefined),
      ],
      [
        'issuetype',
        '{"name": "Bug"} or {"id": "10001"}',
        v => isObject(v) && (v.name !== undefined || v.id !== undefined),
      ],
      ['summary', 'a one-line text', v => typeof v === 'string' && v.trim() !== ''],
    ];
    for (const [name, example, ok] of need)
      if (!ok(f[name]))
        out.push(
          finding(
            'render/jira-missing-field',
            'error',
            f[name] === undefined
              ? `Creating an issue needs "${name}" in "fields": ${example}`
              : `"${name}" must be ${example}`,
            f[name] === undefined ? (isObject(fields) ? ['fields'] : []) : ['fields', name],
            name,
          ),
        );
  } else if (op === 'update' || op === 'transition' || op === undefined) {
    const nothing = body.fields === undefined && body.update === undefined;
    if (op === 'update' && nothing)
      out.push(
        finding(
          'render/jira-empty-update',
          'error',
          'An update sets nothing without "fields" or "update": e.g. {"fields": {"priority": {"name": "High"}}}',
          [],
        ),
      );
    if (op === undefined && nothing && body.transition === undefined && body.body === undefined)
      out.push(
        finding(
          'render/jira-empty-update',
          'error',
          'The body has none of "fields", "update", "transition" or a comment\'s "body", so Jira has nothing to do',
          [],
        ),
      );
  }
  if (op === 'transition' && !(isObject(body.transition) && body.transition.id !== undefined))
    out.push(
      finding(
        'render/jira-no-transition',
        'error',
        'A transition needs "transition": {"id": "…"} (the ids of an issue\'s transitions: GET …/issue/{key}/transitions)',
        body.transition === undefined ? [] : ['transition'],
        'transition',
      ),
    );
  if (op === 'comment' && body.body === undefined)
    out.push(finding('render/jira-no-comment-body', 'error', 'A comment needs "body", its text', [], 'body'));
  if (isObject(fields) && isObject(body.update))
    for (const k of Object.keys(body.update))
      if (k in fields)
        out.push(
          finding(
            'render/jira-field-twice',
            'error',
            `"${k}" is in both "fields" and "update"; Jira takes a field in one of them only`,
            ['update', k],
            k,
          ),
        );
}

/** A field name that is a near miss of a system field (`summery`); `customfield_NNNNN` and other names pass. */
function fieldNameFindings(body: Record<string, unknown>, out: JiraFinding[]): void {
  for (const part of ['fields', 'update'] as const) {
    const o = body[part];
    if (!isObject(o)) continue;
    for (const k of Object.keys(o)) {
      if ((SYSTEM_FIELDS as readonly string[]).includes(k) || /^customfield_\d+$/.test(k)) continue;
      const near = closestWord(k, SYSTEM_FIELDS);
      if (near)
        out.push(
          finding(
            'render/jira-unknown-field',
            'warning',
            `Jira has no field "${k}"; did you mean "${near}"? (Jira answers "Field '${k}' cannot be set. It is not on the appropriate screen, or unknown.")`,
            [part, k],
          ),
        );
    }
  }
}

function summaryFindings(body: Record<string, unknown>, out: JiraFinding[]): void {
  const fields = isObject(body.fields) ? body.fields : undefined;
  const s = fields?.summary;
  if (s === undefined) return;
  if (typeof s !== 'string') {
    out.push(
      finding('render/jira-summary-not-text', 'error', 'The summary must be a text', ['fields', 'summary'], 'summary'),
    );
    return;
  }
  if (LINE_BREAK.test(s))
    out.push(
      finding(
        'render/jira-summary-multiline',
        'error',
        'The summary has a line break; Jira refuses it ("The summary is invalid because it contains newline characters")',
        ['fields', 'summary'],
        'summary',
      ),
    );
  if (s.length > JIRA_LIMITS.summary)
    out.push(
      finding(
        'render/jira-summary-too-long',
        'error',
        `The summary is ${count(s.length)} characters once filled in; Jira takes at most ${JIRA_LIMITS.summary} ("Summary can't exceed 255 characters")`,
        ['fields', 'summary'],
        'summary',
        'summary',
      ),
    );
}

/** Every rich-text value of the body: description, environment, a comment's body (also in `update` operations). */
function richTextSites(body: Record<string, unknown>): Array<{ value: unknown; path: PathSegment[]; field: string }> {
  const out: Array<{ value: unknown; path: PathSegment[]; field: string }> = [];
  const fields = isObject(body.fields) ? body.fields : {};
  for (const k of RICH_TEXT_FIELDS)
    if (fields[k] !== undefined) out.push({ value: fields[k], path: ['fields', k], field: k });
  if (body.body !== undefined) out.push({ value: body.body, path: ['body'], field: 'body' });
  const update = isObject(body.update) ? body.update : {};
  for (const [k, ops] of Object.entries(update)) {
    if (!Array.isArray(ops) || !(RICH_TEXT_FIELDS.has(k) || k === 'comment')) continue;
    ops.forEach((op, i) => {
      if (!isObject(op)) return;
      for (const verb of ['set', 'add', 'edit'] as const) {
        const v = op[verb];
        if (k === 'comment' && isObject(v) && v.body !== undefined)
          out.push({ value: v.body, path: ['update', k, i, verb, 'body'], field: 'comment' });
        else if (k !== 'comment' && v !== undefined) out.push({ value: v, path: ['update', k, i, verb], field: k });
      }
    });
  }
  return out;
}

async function richTextFindings(body: Record<string, unknown>, call: JiraCall | undefined, out: JiraFinding[]) {
  const sites = richTextSites(body);
  if (sites.length === 0) return;
  const adf = sites.some(s => isObject(s.value)) ? await import('./adf/check') : undefined;
  for (const { value, path, field } of sites) {
    const name = field === 'body' || field === 'comment' ? "the comment's body" : `the ${field}`;
    if (typeof value === 'string') {
      if (call?.version === 3)
        out.push(
          finding(
            'render/jira-adf-string',
            'error',
            `Jira Cloud's REST API version 3 takes ${name} as an Atlassian document, not a plain text (Jira answers "Operation value must be an Atlassian Document"). The quick fix wraps the text in a paragraph: {"type": "doc", "version": 1, "content": [{"type": "paragraph", "content": [{"type": "text", "text": …}]}]}`,
            path,
            field,
          ),
        );
      if (value.length > JIRA_LIMITS.description) out.push(tooLong(name, value.length, path, field));
    } else if (isObject(value) && adf) {
      if (call?.version === 2)
        out.push(
          finding(
            'render/jira-adf-in-v2',
            'error',
            `REST API version 2 (and Jira Server/Data Center) takes ${name} as a text in wiki markup, not an Atlassian document (Jira answers "Operation value must be a string"). Use …/rest/api/3/… on Jira Cloud, or write the text as a string`,
            path,
            field,
          ),
        );
      else {
        for (const f of adf.checkAdf(value, path)) out.push({ ...f, field });
        const n = adf.adfTextLength(value);
        if (n > JIRA_LIMITS.description) out.push(tooLong(name, n, path, field));
      }
    } else if (value !== null) {
      out.push(
        finding(
          'render/jira-adf-invalid',
          'error',
          `${name[0].toUpperCase()}${name.slice(1)} must be ${call?.version === 2 ? 'a text' : 'an Atlassian document {"type": "doc", …}'}`,
          path,
          field,
        ),
      );
    }
  }
}

function tooLong(name: string, n: number, path: PathSegment[], field: string): JiraFinding {
  return finding(
    'render/jira-text-too-long',
    'error',
    `${name[0].toUpperCase()}${name.slice(1)} has ${count(n)} characters of text once filled in; Jira takes at most ${count(JIRA_LIMITS.description)} ("The entered text is too long. It exceeds the allowed limit of 32,767 characters"; a Data Center administrator can change it)`,
    path,
    field,
    'description',
  );
}
