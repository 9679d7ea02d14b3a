import { closestWord } from '../../../common/editDistance';
import type { PathSegment } from '../../../common/jsonPath';
import { isObject } from '../../../common/objects';
import type { TargetFinding } from '../../types';
import ADF_SCHEMA from './full.json';

/**
 * The Atlassian Document Format check: Atlassian's own JSON schema (full.json, from @atlaskit/adf-schema; see
 * README.md here), read by a small interpreter of the keywords it uses (`$ref`, `allOf`, `anyOf`, `type`, `enum`,
 * `properties`, `additionalProperties`, `required`, `items`, `minItems`, `maxItems`, `minLength`, `minimum`,
 * `maximum`, `pattern`). Loaded on first use (the lazy chunk `adf`).
 *
 * Why not a generic validator's errors: every `content` list of the schema is an `anyOf` over some thirty node
 * definitions, so a generic validator reports dozens of errors about branches that do not apply. Here an `anyOf`
 * over nodes or marks is decided by the `type` the element has: an unknown type is named as such (with the types
 * allowed there, and a did-you-mean), and a known one is checked against the definitions of that type only; when
 * all of them fail, the problem reported is the one that got furthest into the element. Each problem is located at
 * the deepest path it concerns and says what is expected in plain words.
 */

type Schema = Record<string, unknown>;

const DEFS = (ADF_SCHEMA as { definitions: Record<string, Schema> }).definitions;

interface AdfProblem {
  code: string;
  message: string;
  path: PathSegment[];
}

/** What a node or mark is called in messages: `a "paragraph" node`. */
function nodeName(ctx: Ctx): string {
  return ctx.nodeType ? `a "${ctx.nodeType}" ${ctx.isMark ? 'mark' : 'node'}` : 'the document';
}

interface Ctx {
  path: PathSegment[];
  /** The `type` of the nearest node or mark around the value. */
  nodeType?: string;
  isMark?: boolean;
  /** The property name the value is held in. */
  key?: PathSegment;
}

function resolve(s: Schema): Schema {
  let cur = s;
  for (let i = 0; i < 16 && typeof cur.$ref === 'string'; i++) {
    const name = cur.$ref.replace('#/definitions/', '');
    cur = DEFS[name] ?? {};
  }
  return cur;
}

function refName(s: Schema): string | undefined {
  return typeof s.$ref === 'string' ? s.$ref.replace('#/definitions/', '') : undefined;
}

/** The `type` values a definition (through `$ref` and `allOf`) accepts, or undefined when it does not say. */
const typeEnums = new Map<Schema, readonly string[] | undefined>();
function typeEnum(s0: Schema): readonly string[] | undefined {
  const s = resolve(s0);
  if (typeEnums.has(s)) return typeEnums.get(s);
  let out: readonly string[] | undefined;
  const props = s.properties as Record<string, Schema> | undefined;
  const t = props?.type?.enum;
  if (Array.isArray(t)) out = t as string[];
  else if (Array.isArray(s.allOf)) for (const part of s.allOf as Schema[]) out ??= typeEnum(part);
  else if (Array.isArray(s.anyOf)) {
    const all = (s.anyOf as Schema[]).map(typeEnum);
    out = all.every(Boolean) ? [...new Set(all.flatMap(x => x ?? []))] : undefined;
  }
  typeEnums.set(s, out);
  return out;
}

/** Whether the definitions of an anyOf are marks (their names end in `_mark`). */
function areMarks(branches: readonly Schema[]): boolean {
  return branches.every(b => refName(b)?.endsWith('_mark'));
}

const ALL_NODE_TYPES = new Set<string>();
const ALL_MARK_TYPES = new Set<string>();
for (const [name, def] of Object.entries(DEFS)) {
  const t = (def.properties as Record<string, Schema> | undefined)?.type?.enum;
  if (Array.isArray(t))
    for (const x of t as string[]) (name.endsWith('_mark') ? ALL_MARK_TYPES : ALL_NODE_TYPES).add(x);
}

const JSON_TYPE_NAMES: Record<string, string> = {
  object: 'an object { … }',
  array: 'a list [ … ]',
  string: 'a text in quotes',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
};

function jsonTypeOk(v: unknown, t: string): boolean {
  switch (t) {
    case 'object':
      return isObject(v);
    case 'array':
      return Array.isArray(v);
    case 'string':
      return typeof v === 'string';
    case 'number':
      return typeof v === 'number';
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v);
    case 'boolean':
      return typeof v === 'boolean';
    default:
      return true;
  }
}

const list = (xs: readonly string[]) => xs.map(x => `"${x}"`).join(', ');

/** Validate `v` against schema `s0`; the problems of the best explanation (empty: valid). */
function validate(v: unknown, s0: Schema, ctx: Ctx): AdfProblem[] {
  const s = resolve(s0);
  if (Array.isArray(s.allOf)) {
    for (const part of s.allOf as Schema[]) {
      const p = validate(v, part, ctx);
      if (p.length) return p;
    }
  }
  if (Array.isArray(s.anyOf)) return validateAnyOf(v, s.anyOf as Schema[], ctx);
  if (typeof s.type === 'string' && !jsonTypeOk(v, s.type))
    return [
      {
        code: 'render/jira-adf-invalid',
        message: `${where(ctx)} must be ${JSON_TYPE_NAMES[s.type] ?? s.type} in ${nodeName(ctx)}`,
        path: ctx.path,
      },
    ];
  if (Array.isArray(s.enum) && !s.enum.includes(v as never)) return [enumProblem(v, s.enum as unknown[], ctx)];
  if (typeof v === 'string') return stringProblems(v, s, ctx);
  if (typeof v === 'number') return numberProblems(v, s, ctx);
  if (Array.isArray(v)) return arrayProblems(v, s, ctx);
  if (isObject(v)) return objectProblems(v, s, ctx);
  return [];
}

function where(ctx: Ctx): string {
  return ctx.key !== undefined ? `"${String(ctx.key)}"` : 'It';
}

function enumProblem(v: unknown, allowed: unknown[], ctx: Ctx): AdfProblem {
  if (ctx.key === 'version' && ctx.nodeType === 'doc')
    return {
      code: 'render/jira-adf-version',
      message: `An Atlassian document needs "version": 1, not ${JSON.stringify(v)}`,
      path: ctx.path,
    };
  return {
    code: 'render/jira-adf-invalid',
    message: `${where(ctx)} of ${nodeName(ctx)} is ${JSON.stringify(v)}; it must be one of: ${allowed.map(x => JSON.stringify(x)).join(', ')}`,
    path: ctx.path,
  };
}

function stringProblems(v: string, s: Schema, ctx: Ctx): AdfProblem[] {
  if (typeof s.minLength === 'number' && v.length < s.minLength)
    return [
      ctx.key === 'text' && ctx.nodeType === 'text'
        ? {
            code: 'render/jira-adf-empty-text',
            message:
              'A text node with empty text: Jira refuses the whole document. When a tag fills it, its value is empty for this item: put the tag next to other text, or leave the node out',
            path: ctx.path,
          }
        : {
            code: 'render/jira-adf-invalid',
            message: `${where(ctx)} of ${nodeName(ctx)} cannot be empty`,
            path: ctx.path,
          },
    ];
  if (typeof s.pattern === 'string' && !new RegExp(s.pattern).test(v))
    return [
      {
        code: 'render/jira-adf-invalid',
        message: `${where(ctx)} of ${nodeName(ctx)} is ${JSON.stringify(v)}, which is not in the form Jira takes (${s.pattern.includes('#[0-9a-fA-F]{6}') ? 'a colour such as #ff5630' : s.pattern})`,
        path: ctx.path,
      },
    ];
  return [];
}

function numberProblems(v: number, s: Schema, ctx: Ctx): AdfProblem[] {
  const min = typeof s.minimum === 'number' ? s.minimum : -Infinity;
  const max = typeof s.maximum === 'number' ? s.maximum : Infinity;
  if (v >= min && v <= max) return [];
  const range = max === Infinity ? `at least ${min}` : min === -Infinity ? `at most ${max}` : `from ${min} to ${max}`;
  return [
    {
      code: 'render/jira-adf-invalid',
      message: `${where(ctx)} of ${nodeName(ctx)} is ${v}; it must be ${range}`,
      path: ctx.path,
    },
  ];
}

function arrayProblems(v: unknown[], s: Schema, ctx: Ctx): AdfProblem[] {
  if (typeof s.maxItems === 'number' && v.length > s.maxItems) {
    if (s.maxItems === 0 && ctx.key === 'marks')
      return [
        {
          code: 'render/jira-adf-mark',
          message: `${nodeName(ctx)[0].toUpperCase()}${nodeName(ctx).slice(1)} cannot have marks here${ctx.nodeType === 'text' ? ' (text in a code block is plain: no bold, link or colour)' : ''}`,
          path: [...ctx.path, 0],
        },
      ];
    return [
      {
        code: 'render/jira-adf-invalid',
        message: `${where(ctx)} of ${nodeName(ctx)} has ${v.length} items; it can have at most ${s.maxItems}`,
        path: ctx.path,
      },
    ];
  }
  if (typeof s.minItems === 'number' && v.length < s.minItems)
    return [
      {
        code: 'render/jira-adf-invalid',
        message: `${where(ctx)} of ${nodeName(ctx)} needs at least ${s.minItems} item${s.minItems === 1 ? '' : 's'}`,
        path: ctx.path,
      },
    ];
  const items = s.items;
  if (Array.isArray(items)) {
    for (let i = 0; i < v.length && i < items.length; i++) {
      const p = validate(v[i], items[i] as Schema, { ...ctx, path: [...ctx.path, i], key: ctx.key });
      if (p.length) return p;
    }
  } else if (isObject(items)) {
    for (let i = 0; i < v.length; i++) {
      const p = validate(v[i], items, { ...ctx, path: [...ctx.path, i], key: ctx.key });
      if (p.length) return p;
    }
  }
  return [];
}

function objectProblems(v: Record<string, unknown>, s: Schema, ctx0: Ctx): AdfProblem[] {
  const props = (s.properties ?? {}) as Record<string, Schema>;
  // An object with a `type` of the schema's is a node or a mark: messages name it.
  const typeProp = Array.isArray(props.type?.enum) ? (props.type.enum as unknown[]) : undefined;
  const ctx: Ctx =
    typeof v.type === 'string' && (ALL_NODE_TYPES.has(v.type) || ALL_MARK_TYPES.has(v.type))
      ? { ...ctx0, nodeType: v.type, isMark: ALL_MARK_TYPES.has(v.type) && !ALL_NODE_TYPES.has(v.type) }
      : ctx0;
  for (const r of (s.required ?? []) as string[])
    if (!(r in v)) {
      if (r === 'version' && typeProp?.includes('doc'))
        return [
          {
            code: 'render/jira-adf-version',
            message: 'An Atlassian document needs "version": 1 next to "type": "doc"; Jira refuses it without',
            path: ctx.path,
          },
        ];
      return [
        {
          code: 'render/jira-adf-invalid',
          message: `${capital(nodeName(ctx))} needs "${r}"${REQUIRED_HINT[r] ?? ''}`,
          path: ctx.path,
        },
      ];
    }
  for (const [k, val] of Object.entries(v)) {
    const ps = props[k];
    if (ps) {
      const p = validate(val, ps, { ...ctx, path: [...ctx.path, k], key: k });
      if (p.length) return p;
    } else if (s.additionalProperties === false) {
      return [
        {
          code: 'render/jira-adf-invalid',
          message: `${capital(nodeName(ctx))} has no property "${k}"${Object.keys(props).length ? `; it can have: ${list(Object.keys(props))}` : ''}`,
          path: [...ctx.path, k],
        },
      ];
    } else if (isObject(s.additionalProperties)) {
      const p = validate(val, s.additionalProperties, { ...ctx, path: [...ctx.path, k], key: k });
      if (p.length) return p;
    }
  }
  return [];
}

const REQUIRED_HINT: Record<string, string> = {
  content: ' (a list of the nodes inside it)',
  text: ' (its text)',
  attrs: ' (its attributes, e.g. a heading\'s {"level": 1})',
  level: ' (1 to 6)',
  href: " (the link's address)",
  id: " (for a mention, the person's Atlassian account id)",
};

function capital(s: string): string {
  return s[0].toUpperCase() + s.slice(1);
}

/** The `type` values of each branch of an anyOf, worked out once per anyOf of the schema. */
const branchEnums = new WeakMap<Schema[], Array<readonly string[] | undefined>>();

function validateAnyOf(v: unknown, branches: Schema[], ctx: Ctx): AdfProblem[] {
  let enums = branchEnums.get(branches);
  if (!enums) branchEnums.set(branches, (enums = branches.map(typeEnum)));
  const discriminated = enums.every(Boolean) && isObject(v) && typeof v.type === 'string';
  let candidates = branches;
  if (discriminated) {
    const type = (v as { type: string }).type;
    candidates = branches.filter((_, i) => enums[i]!.includes(type));
    if (candidates.length === 0) return [unknownType(type, [...new Set(enums.flatMap(e => e ?? []))], branches, ctx)];
  } else if (enums.every(Boolean) && isObject(v) && !('type' in v)) {
    return [
      {
        code: 'render/jira-adf-invalid',
        message: `This ${areMarks(branches) ? 'mark' : 'node'} needs a "type" (one of: ${list([...new Set(enums.flatMap(e => e ?? []))])})`,
        path: ctx.path,
      },
    ];
  }
  let best: AdfProblem[] | undefined;
  for (const b of candidates) {
    const p = validate(v, b, ctx);
    if (p.length === 0) return [];
    if (!best || p[0].path.length > best[0].path.length) best = p;
  }
  return best ?? [];
}

function unknownType(type: string, allowed: string[], branches: Schema[], ctx: Ctx): AdfProblem {
  const marks = areMarks(branches);
  const known = marks ? ALL_MARK_TYPES.has(type) : ALL_NODE_TYPES.has(type);
  const around = ctx.nodeType ? ` in ${nodeName(ctx)}` : '';
  if (marks)
    return {
      code: 'render/jira-adf-mark',
      message: known
        ? `The mark "${type}" is not allowed here${around}; here text can have: ${list(allowed)}`
        : `"${type}" is not a mark of Atlassian Document Format${suggest(type, allowed)}; marks here: ${list(allowed)}`,
      path: [...ctx.path, 'type'],
    };
  return {
    code: 'render/jira-adf-unknown-node',
    message: known
      ? `A "${type}" node cannot be here${around}; here Jira takes: ${list(allowed)}`
      : `"${type}" is not a node type of Atlassian Document Format${suggest(type, allowed)}; here Jira takes: ${list(allowed)}`,
    path: [...ctx.path, 'type'],
  };
}

function suggest(word: string, candidates: readonly string[]): string {
  const c = closestWord(word, candidates);
  return c && c !== word ? ` (did you mean "${c}"?)` : '';
}

/**
 * The problems of an ADF document at `at` in the payload (at most one: the first, as Jira stops at it), as findings.
 * Never throws; the caller keeps documents nested deeper than the JSON depth limit away (the check recurses per level).
 */
export function checkAdf(doc: unknown, at: PathSegment[]): TargetFinding[] {
  const ctx: Ctx = { path: at };
  if (!isObject(doc))
    return [
      {
        code: 'render/jira-adf-invalid',
        message: 'An Atlassian document is an object: {"type": "doc", "version": 1, "content": [ … ]}',
        path: at,
        severity: 'error',
      },
    ];
  return validate(doc, ADF_SCHEMA as Schema, ctx).map(p => ({ ...p, severity: 'error' as const }));
}

/** The length of the text of an ADF document (what Jira's 32,767-character limit is measured on; docs/jira.md). */
export function adfTextLength(doc: unknown): number {
  let n = 0;
  const stack: unknown[] = [doc];
  while (stack.length) {
    const v = stack.pop();
    if (Array.isArray(v)) for (const x of v) stack.push(x);
    else if (isObject(v)) {
      if (v.type === 'text' && typeof v.text === 'string') n += v.text.length;
      if (Array.isArray(v.content)) stack.push(v.content);
    }
  }
  return n;
}
