import { getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { tooDeepMessage, tooDeepOffset } from '../common/jsonDepth';
import { problem, type Problem } from '../common/problem';
import { TextCache } from '../common/textCache';
import type { OffsetRange } from '../common/text';
import {
  RESPONSE_KEY,
  SampleNumber,
  type SampleItem,
  type SampleKey,
  type SampleResponse,
  type SampleValue,
} from './types';

/**
 * One item of a sample file as written; `item` is undefined when the element cannot be used (not an object, or a
 * tag name written twice): its problem says why.
 */
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
 * trimmed as the tag scanner trims `(( Title ))`. A name written twice in one item makes the item unusable (JSON
 * readers disagree on which value counts), and numbers keep their written digits (SampleNumber).
 */
export function parseSampleFile(text: string): ParsedSampleFile {
  const errors: ParseError[] = [];
  const body = text.startsWith('\uFEFF') ? ' ' + text.slice(1) : text;
  const deep = tooDeepOffset(body);
  if (deep >= 0)
    return {
      items: [],
      problems: [
        problem('sample/too-deep', 'error', tooDeepMessage('The sample file'), { start: deep, end: deep + 1 }),
      ],
    };
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
  for (const n of elements) items.push(readItem(n, body, problems));
  if (root.type === 'array' && items.length === 0 && problems.length === 0) {
    problems.push(
      problem('sample/no-items', 'error', 'The sample list is empty: add at least one feedback item', nodeRange(root)),
    );
  }
  return { items, problems };
}

function readItem(n: Node, text: string, problems: Problem[]): SampleFileItem {
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
  const seen = new Map<string, Node>();
  let usable = true;
  for (const prop of n.children ?? []) {
    const [k, v] = prop.children ?? [];
    if (!k) continue;
    const name = String(k.value).trim();
    const first = seen.get(name);
    if (first) {
      usable = false;
      problems.push(
        problem(
          'sample/duplicate-key',
          'error',
          `"${name}" is written twice in this sample item${String(first.value) !== String(k.value) ? ` (once as ${JSON.stringify(first.value)})` : ''}, so it is not clear which value counts: remove one. ccmacro does not use this item until then`,
          nodeRange(k),
        ),
      );
      continue;
    }
    seen.set(name, k);
    if (!v || name === '$schema') continue;
    if (name === RESPONSE_KEY) {
      response = readResponse(v, problems);
      continue;
    }
    const value = readValue(v, text);
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
  // An unusable item fills no tag, so it makes no tag known either (the editor and the renderer agree).
  const out: SampleFileItem = usable ? { item, keys, range: nodeRange(n) } : { keys: [], range: nodeRange(n) };
  if (response && usable) out.response = response;
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

function readValue(n: Node, text: string): SampleValue | undefined {
  switch (n.type) {
    case 'string':
    case 'boolean':
      return n.value as SampleValue;
    case 'number':
      return new SampleNumber(text.slice(n.offset, n.offset + n.length));
    case 'null':
      return null;
    case 'array': {
      const out: SampleValue[] = [];
      for (const c of n.children ?? []) {
        const v = readValue(c, text);
        if (v === undefined) return undefined;
        out.push(v);
      }
      return out;
    }
    default:
      return undefined;
  }
}

/**
 * Parsed sample files kept while their text stays the same: the tag catalog and the render check read the same
 * samples on every keystroke. One instance lives on the ccmacro service.
 */
export class SampleFileCache {
  private readonly files = new TextCache(parseSampleFile);
  /** The parsed file for this path and text (parsed once per distinct text). */
  readonly parse = (path: string, text: string): ParsedSampleFile => this.files.get(path, text);
}
