/**
 * What Centercode would save from a webhook's answer: each `returnValues` entry reads one field of the JSON
 * response body (a path such as `key`, `data.id` or `issues[0].id`) and saves it as text in an external-data
 * field. One home for that rule: the exchange log (a real answer), the preview, `ccmacro test` and
 * `ccmacro validate` (a sample's `$response`) all use it.
 */
import { problem, type Problem } from '../common/problem';
import type { ReturnValueEntry } from '../macro/returnValues';

type ReturnValueProblemCode = 'return/missing' | 'return/not-scalar' | 'return/empty' | 'return/not-json';

interface ReturnValueResult {
  /** The response field path, as written in `returnValues`. */
  field: string;
  /** The external-data name it is saved as. */
  name: string;
  /** The text Centercode would save; undefined when it would save nothing (`problem` says why). */
  value?: string;
  problem?: { code: ReturnValueProblemCode; message: string };
}

/** The path's steps: `issues[0].id` and `$.issues.0.id` both read `issues`, `0`, `id`. */
function responsePathSteps(path: string): string[] {
  return path
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/^\$\.?/, '')
    .split('.')
    .filter(Boolean);
}

type PathRead = { found: true; value: unknown } | { found: false; missing: string; keys: string[] };

/** Follows the path into a parsed JSON value; when a step is missing, says which and what was there instead. */
export function readResponsePath(root: unknown, path: string): PathRead {
  let cur: unknown = root;
  const walked: string[] = [];
  for (const step of responsePathSteps(path)) {
    const container = cur !== null && typeof cur === 'object';
    if (!container || !Object.prototype.hasOwnProperty.call(cur, step)) {
      const keys = container ? Object.keys(cur as object) : [];
      return { found: false, missing: [...walked, step].join('.'), keys };
    }
    cur = (cur as Record<string, unknown>)[step];
    walked.push(step);
  }
  return { found: true, value: cur };
}

/**
 * Evaluates each entry against a response body. `where` names the response in messages ("the sample's
 * response", "the response").
 */
export function evaluateReturnValues(
  entries: ReadonlyArray<{ field: string; name: string }>,
  bodyText: string,
  where = 'the response',
): ReturnValueResult[] {
  if (entries.length === 0) return [];
  let json: unknown;
  let parsed = true;
  try {
    json = JSON.parse(bodyText);
  } catch {
    parsed = false;
  }
  return entries.map(({ field, name }): ReturnValueResult => {
    const fail = (code: ReturnValueProblemCode, message: string): ReturnValueResult => ({
      field,
      name,
      problem: { code, message },
    });
    if (!parsed)
      return fail(
        'return/not-json',
        `${capital(where)} is not JSON${bodyText.trim() === '' ? ' (the body is empty)' : ''}, so Centercode cannot read "${field}" from it and saves nothing in ${name}`,
      );
    const r = readResponsePath(json, field);
    if (!r.found) {
      const has = r.keys.length
        ? ` It has ${r.keys
            .slice(0, 8)
            .map(k => `"${k}"`)
            .join(', ')}${r.keys.length > 8 ? ', …' : ''}.`
        : '';
      return fail(
        'return/missing',
        `${capital(where)} has no "${r.missing}", so Centercode saves nothing in ${name}.${has}`,
      );
    }
    const v = r.value;
    if (v === null)
      return fail('return/empty', `"${field}" is null in ${where}, so Centercode saves nothing in ${name}`);
    if (typeof v === 'object') {
      const kind = Array.isArray(v) ? 'a list' : 'an object';
      const inner = Array.isArray(v) ? `${field}[0]` : `${field}.${Object.keys(v)[0] ?? 'id'}`;
      return fail(
        'return/not-scalar',
        `"${field}" is ${kind} in ${where}, not a single value: Centercode saves one text per field, so point at a value inside it, e.g. "${inner}"`,
      );
    }
    return { field, name, value: String(v) };
  });
}

/** One line per entry, as the log, the preview and `ccmacro test` show it: `Jira Key = BETA-123 (from key)`. */
export function returnValueLine(r: ReturnValueResult): string {
  if (r.value !== undefined) return `${r.name} = ${r.value} (from ${r.field})`;
  return `${r.name}: nothing saved (from ${r.field}) — ${r.problem?.message ?? 'not in the response'}`;
}

/**
 * The results that save nothing, as problems located on their `returnValues` entry in the macro.
 * Errors, since the response they were read from is the one the author said the target system sends.
 */
export function returnValueProblems(
  results: readonly ReturnValueResult[],
  entries: readonly ReturnValueEntry[],
  severity: 'error' | 'warning' = 'error',
): Problem[] {
  const out: Problem[] = [];
  for (const r of results) {
    if (!r.problem) continue;
    const entry = entries.find(e => e.field === r.field);
    if (!entry) continue;
    out.push(problem(r.problem.code, severity, r.problem.message, entry.range, { field: r.field, name: r.name }));
  }
  return out;
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
