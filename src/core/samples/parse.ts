import { getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { problem, type Problem } from '../common/problem';
import type { OffsetRange } from '../common/text';
import { RESPONSE_KEY, type SampleItem, type SampleKey, type SampleResponse, type SampleValue } from './types';

/** One item of a sample file as written; `item` is undefined when the element is not an object. */
export interface SampleFileItem {
  item?: SampleItem;
  keys: SampleKey[];
  range: OffsetRange;
  /** The item's `$response`, when it has a usable one. */
  response?: SampleResponse;
}

export interface ParsedSampleFile {
  /** Every element of the file in the order written (item N is `items[N]`, usable or not). */
  items: SampleFileItem[];
  /** Ranges into the sample file's text. */
  problems: Problem[];
}

/**
 * Sample feedback: a JSON file (comments allowed) holding one object of tag name → value, or an array of such
 * objects (several feedback items, like a Centercode filter result). This is the one reader of sample files:
 * the renderer fills tags from it and the tag catalog learns names from it, so both see the same keys.
 * A `$schema` key is not a tag, nor is `$response` (the answer the target system sends back, read by the
 * macro's `returnValues`); an object value cannot fill a tag and is left out with a warning; names are
 * trimmed as the tag scanner trims `(( Title ))`.
 */
export function parseSampleFile(text: string): ParsedSampleFile {
  const errors: ParseError[] = [];
  const body = text.startsWith('\uFEFF') ? ' ' + text.slice(1) : text;
  const root = parseTree(body, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
  const problems: Problem[] = errors.map(e =>
    problem('sample/syntax', 'error', `The sample file is not valid JSON here (${printParseErrorCode(e.error)})`, {
      start: e.offset,
      end: e.offset + Math.max(1, e.length),
    }),
  );
  const items: SampleFileItem[] = [];
  if (!root) {
    if (problems.length === 0)
      problems.push(
        problem(
          'sample/empty',
          'error',
          'The sample file is empty: write an object of tag names to values, e.g. { "Title": "Crash on launch" }',
          { start: 0, end: 0 },
        ),
      );
    return { items, problems };
  }
  const elements = root.type === 'array' ? (root.children ?? []) : [root];
  for (const n of elements) items.push(readItem(n, problems));
  if (root.type === 'array' && items.length === 0 && problems.length === 0) {
    problems.push(
      problem('sample/no-items', 'error', 'The sample list is empty: add at least one feedback item', nodeRange(root)),
    );
  }
  return { items, problems };
}

function readItem(n: Node, problems: Problem[]): SampleFileItem {
  if (n.type !== 'object') {
    problems.push(
      problem(
        'sample/not-object',
        'error',
        'Each sample item must be an object of tag names to values, e.g. { "Title": "Crash on launch" }',
        nodeRange(n),
      ),
    );
    return { keys: [], range: nodeRange(n) };
  }
  const item: SampleItem = {};
  const keys: SampleKey[] = [];
  let response: SampleResponse | undefined;
  for (const prop of n.children ?? []) {
    const [k, v] = prop.children ?? [];
    if (!k || !v) continue;
    const name = String(k.value).trim();
    if (name === '$schema') continue;
    if (name === RESPONSE_KEY) {
      response = readResponse(v, problems);
      continue;
    }
    const value = readValue(v);
    if (value === undefined) {
      problems.push(
        problem(
          'sample/bad-value',
          'warning',
          `The value of "${name}" must be text, a number, true/false, null or a list; objects are not tag values, so it is ignored`,
          nodeRange(v),
        ),
      );
      continue;
    }
    item[name] = value;
    keys.push({ name, value, range: nodeRange(k) });
  }
  const out: SampleFileItem = { item, keys, range: nodeRange(n) };
  if (response) out.response = response;
  return out;
}

const RESPONSE_EXAMPLE = '{ "status": 201, "body": { "id": 4711 } }';

/** `$response`: `{ status?, headers?, body? }`; what is wrong is a warning and the response is left out. */
function readResponse(n: Node, problems: Problem[]): SampleResponse | undefined {
  const bad = (message: string, at: Node) => {
    problems.push(problem('sample/bad-response', 'warning', message, nodeRange(at)));
    return undefined;
  };
  if (n.type !== 'object')
    return bad(
      `"${RESPONSE_KEY}" is the answer the target system sends back, an object such as ${RESPONSE_EXAMPLE}`,
      n,
    );
  const out: SampleResponse = { bodyText: '', range: nodeRange(n) };
  for (const prop of n.children ?? []) {
    const [k, v] = prop.children ?? [];
    if (!k || !v) continue;
    const key = String(k.value);
    if (key === 'status') {
      if (v.type !== 'number' || !Number.isInteger(v.value) || v.value < 100 || v.value > 599)
        return bad('The response status must be a whole number from 100 to 599, e.g. 201', v);
      out.status = v.value as number;
    } else if (key === 'headers') {
      const value = getNodeValue(v) as unknown;
      if (
        !value ||
        typeof value !== 'object' ||
        Array.isArray(value) ||
        Object.values(value).some(x => typeof x !== 'string')
      )
        return bad(
          'The response headers are an object of header name to text, e.g. { "Content-Type": "application/json" }',
          v,
        );
      out.headers = { ...(value as Record<string, string>) };
    } else if (key === 'body') {
      const value = getNodeValue(v) as unknown;
      out.bodyText = typeof value === 'string' ? value : JSON.stringify(value);
    } else {
      return bad(`A response has "status", "headers" and "body"; "${key}" is not one of them`, k);
    }
  }
  return out;
}

function nodeRange(n: Node): OffsetRange {
  return { start: n.offset, end: n.offset + n.length };
}

function readValue(n: Node): SampleValue | undefined {
  switch (n.type) {
    case 'string':
    case 'number':
    case 'boolean':
      return n.value as SampleValue;
    case 'null':
      return null;
    case 'array': {
      const out: SampleValue[] = [];
      for (const c of n.children ?? []) {
        const v = readValue(c);
        if (v === undefined) return undefined;
        out.push(v);
      }
      return out;
    }
    default:
      return undefined;
  }
}
