import type { Node } from 'jsonc-parser';
import { problem, type Problem } from '../common/problem';
import type { OffsetRange } from '../common/text';
import type { SchemaError } from '../host';
import type { CheckContext, NamedCheck } from './types';
import {
  formatJsonPath,
  keyNodeOf,
  nodeAtPath,
  nodeRange,
  pointerSegments,
  propertyKeyNodes,
} from '../common/jsonPath';
import { closestWord } from '../common/editDistance';

/** Schema fragments that ajv hands back with `verbose: true`; the extra keywords are VS Code's. */
interface SchemaFragment {
  properties?: Record<string, unknown>;
  errorMessage?: string;
  patternErrorMessage?: string;
  type?: string | string[];
  anyOf?: SchemaFragment[];
  oneOf?: SchemaFragment[];
}

/** Checks the macro against schemas/ccmacro.schema.json and turns each failure into a located, plain-words Problem. */
async function schemaCheck(ctx: CheckContext): Promise<Problem[]> {
  if (!ctx.env.schema) return [];
  const errors = simplifyErrors(await ctx.env.schema.validate(ctx.parsed.value));
  const out: Problem[] = [];
  for (const e of errors) {
    const p = toProblem(e, ctx.parsed.root!);
    if (p) out.push(p);
  }
  return out;
}

/**
 * With allErrors, ajv reports every branch of an anyOf and both "wrong type" and "not in the list"
 * for one value. Keep what a person needs: the errors of the branch whose type fits, and for a value
 * of the wrong type only the type error.
 */
function simplifyErrors(errors: readonly SchemaError[]): SchemaError[] {
  const drop = new Set<SchemaError>();
  for (const alt of errors) {
    if (alt.keyword !== 'anyOf' && alt.keyword !== 'oneOf') continue;
    const prefix = alt.schemaPath + '/';
    const branches = new Map<string, SchemaError[]>();
    const inside = (e: SchemaError) =>
      e.instancePath === alt.instancePath || e.instancePath.startsWith(alt.instancePath + '/');
    for (const e of errors) {
      // Array items share one schema path, so the instance path tells which item an error is about.
      if (!e.schemaPath.startsWith(prefix) || !inside(e)) continue;
      const b = e.schemaPath.slice(prefix.length).split('/')[0];
      if (!branches.has(b)) branches.set(b, []);
      branches.get(b)!.push(e);
    }
    const fitting = [...branches].filter(
      ([b, errs]) =>
        !errs.some(
          e => e.keyword === 'type' && e.instancePath === alt.instancePath && e.schemaPath === prefix + b + '/type',
        ),
    );
    for (const [b, errs] of branches) if (fitting.length === 0 || b !== fitting[0][0]) errs.forEach(e => drop.add(e));
    if (fitting.length > 0) drop.add(alt);
  }
  const kept = errors.filter(e => !drop.has(e));
  const typeMismatchAt = new Set(kept.filter(e => e.keyword === 'type').map(e => e.instancePath));
  return kept.filter(e => {
    if (e.keyword === 'propertyNames') return false; // the inner error names the bad key
    if (e.keyword !== 'type' && typeMismatchAt.has(e.instancePath) && !e.propertyName) return false;
    return e.keyword !== 'if';
  });
}

const REQUEST_FIELDS = ['method', 'url', 'headers', 'bodyFormat', 'body'];

const TYPE_WANTED: Record<string, string> = {
  string: 'text in double quotes ("…")',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  array: 'a list in square brackets [ … ]',
  object: 'an object in braces { … }',
  null: 'null',
};

function typeFound(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  switch (typeof v) {
    case 'string':
      return 'text';
    case 'number':
      return 'a number';
    case 'boolean':
      return typeof v === 'boolean' ? `${v}` : 'true/false';
    case 'object':
      return 'an object';
    default:
      return typeof v;
  }
}

const REQUIRED_HINTS: Record<string, string> = {
  name: "the macro's name as Centercode shows it",
  request: 'the HTTP request to send: { "method": "POST", "url": "…" }',
  method: 'GET, POST, PUT, PATCH or DELETE',
  url: 'where the request goes, e.g. "https://…" or "${secret:SLACK_WEBHOOK_URL}"',
  schedule: '{ "rate": "daily" }',
  rate: 'hourly, daily, weekly or monthly',
};

function orList(items: readonly unknown[]): string {
  const s = items.map(v => (typeof v === 'string' ? v : JSON.stringify(v)));
  return s.length <= 1 ? s.join('') : `${s.slice(0, -1).join(', ')} or ${s[s.length - 1]}`;
}

function toProblem(e: SchemaError, root: Node): Problem | undefined {
  const segs = pointerSegments(e.instancePath);
  const where = segs.length ? `\`${formatJsonPath(segs)}\`` : 'The macro';
  const node = nodeAtPath(root, segs) ?? root;
  const parent = (e.parentSchema ?? {}) as SchemaFragment;
  const valueRange = nodeRange(node);
  const code = `schema/${e.keyword}`;

  switch (e.keyword) {
    case 'required': {
      const missing = String((e.params as { missingProperty: string }).missingProperty);
      const hint = REQUIRED_HINTS[missing] ? ` (${REQUIRED_HINTS[missing]})` : '';
      const msg = segs.length
        ? `${where} is missing the required property \`${missing}\`${hint}`
        : `The macro is missing the required property \`${missing}\`${hint}`;
      return problem('schema/required', 'error', msg, objectAnchor(node), { property: missing });
    }
    case 'additionalProperties': {
      const name = String((e.params as { additionalProperty: string }).additionalProperty);
      const allowed = Object.keys(parent.properties ?? {});
      const suggestion = closestWord(name, allowed);
      const inside = segs.length ? ` in ${where}` : '';
      // A request field written at the top level ("url", "method", …) is a common slip.
      const nested = !suggestion && segs.length === 0 ? closestWord(name, REQUEST_FIELDS) : undefined;
      const msg = suggestion
        ? `Unknown property \`${name}\`${inside} — did you mean \`${suggestion}\`?`
        : nested
          ? `Unknown property \`${name}\` at the top level — did you mean \`${nested}\` inside \`request\`?`
          : `Unknown property \`${name}\`${inside}. Allowed here: ${allowed.join(', ')}`;
      const key = propertyKeyNodes(node, name)[0];
      return problem(
        'schema/unknown-property',
        'error',
        msg,
        key ? nodeRange(key) : valueRange,
        suggestion ? { suggestion } : undefined,
      );
    }
    case 'enum': {
      const allowed = (e.params as { allowedValues: unknown[] }).allowedValues;
      const suggestion =
        typeof e.data === 'string'
          ? closestWord(
              e.data,
              allowed.filter((v): v is string => typeof v === 'string'),
            )
          : undefined;
      const base = parent.errorMessage ?? `${where} must be one of ${orList(allowed)}`;
      const msg = suggestion ? `${base.replace(/\.$/, '')} — did you mean "${suggestion}"?` : base;
      return problem('schema/enum', 'error', msg, valueRange, suggestion ? { suggestion } : undefined);
    }
    case 'const': {
      const value = (e.params as { allowedValue: unknown }).allowedValue;
      return problem(
        'schema/const',
        'error',
        parent.errorMessage ?? `${where} must be ${JSON.stringify(value)}`,
        valueRange,
      );
    }
    case 'type': {
      if (parent.errorMessage) return problem('schema/type', 'error', parent.errorMessage, valueRange);
      const t = (e.params as { type: string | string[] }).type;
      const wanted = (Array.isArray(t) ? t : String(t).split(',')).map(x => TYPE_WANTED[x] ?? x);
      return problem(
        'schema/type',
        'error',
        `${where} must be ${orList(wanted)}, not ${typeFound(e.data)}`,
        valueRange,
      );
    }
    case 'minLength':
      return problem('schema/minLength', 'error', `${where} must not be empty`, valueRange);
    case 'pattern': {
      if (e.propertyName !== undefined) {
        const key = propertyKeyNodes(node, e.propertyName)[0];
        const why = parent.patternErrorMessage ?? 'It is not written in the expected form.';
        return problem(
          'schema/property-name',
          'error',
          `The name \`${e.propertyName}\` is not allowed in ${where}. ${why}`,
          key ? nodeRange(key) : valueRange,
        );
      }
      const why =
        parent.patternErrorMessage ?? `It must match the pattern ${(e.params as { pattern: string }).pattern}.`;
      return problem('schema/pattern', 'error', `${where} is not written correctly. ${why}`, valueRange);
    }
    case 'uniqueItems': {
      const { i, j } = e.params as { i: number; j: number };
      const later = Math.max(i, j);
      const item = node.type === 'array' ? node.children?.[later] : undefined;
      return problem(
        'schema/uniqueItems',
        'error',
        `${where} lists the same value twice (item ${Math.min(i, j) + 1} and item ${later + 1}); remove one`,
        item ? nodeRange(item) : valueRange,
      );
    }
    case 'anyOf':
    case 'oneOf': {
      const branches = (parent[e.keyword] ?? []) as SchemaFragment[];
      const types = branches.flatMap(b => (b.type ? (Array.isArray(b.type) ? b.type : [b.type]) : []));
      const msg =
        parent.errorMessage ??
        (types.length
          ? `${where} must be ${orList(types.map(t => TYPE_WANTED[t] ?? t))}, not ${typeFound(e.data)}`
          : `${where} is not in a form this field accepts`);
      return problem(`schema/${e.keyword}`, 'error', msg, valueRange);
    }
    default:
      return problem(code, 'error', `${where} ${e.message ?? 'is not valid'}`, valueRange);
  }
}

/** Where to point for a problem about an object as a whole: its property name, or its opening brace. */
function objectAnchor(node: Node): OffsetRange {
  const key = keyNodeOf(node);
  if (key) return nodeRange(key);
  return { start: node.offset, end: node.offset + (node.type === 'object' ? 1 : node.length) };
}

/** Runs when the host brought a schema validator (the CLI); the editor leaves the schema to VS Code. */
export const schemaCheckEntry: NamedCheck = { name: 'schema', run: schemaCheck };
