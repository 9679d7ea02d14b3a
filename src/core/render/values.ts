import { parseTree, type Node } from 'jsonc-parser';
import { MAX_JSON_DEPTH, tooDeepOffset } from '../common/jsonDepth';
import { fail, ok, type Result } from '../common/result';
import { SampleNumber, type SampleValue } from '../samples/types';
import type { ValueType } from './types';
import { hasLoneSurrogate } from './encode';

/**
 * A typed value: the JSON text to write (numbers digit for digit as written, objects indented by two spaces as
 * JSON.stringify(v, null, 2) would), and whether it came from an empty field (null or "").
 */
type TypedConversion = Result<{ text: string; empty?: boolean }>;

const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** Convert a sample value for a typed tag (`((Tag)):number` …). Empty (null or "") becomes JSON null. */
export function convertTyped(v: SampleValue, type: ValueType): TypedConversion {
  if (v === null || v === '') return ok({ text: 'null', empty: true });
  switch (type) {
    case 'number': {
      if (v instanceof SampleNumber) return numberText(v.text, v);
      if (typeof v === 'number')
        return Number.isFinite(v) ? ok({ text: JSON.stringify(v) }) : fail('it is not a finite number');
      if (typeof v === 'string') return numberText(v.trim(), v);
      return fail(`${describe(v)} is not a number`);
    }
    case 'boolean': {
      if (typeof v === 'boolean') return ok({ text: String(v) });
      if (typeof v === 'string') {
        const s = v.trim().toLowerCase();
        if (s === 'true' || s === 'false') return ok({ text: s });
      }
      return fail(`${describe(v)} is not true or false`);
    }
    case 'json': {
      if (typeof v !== 'string') {
        const text = sampleValueJson(v, '');
        return text.ok ? ok({ text: text.value }) : fail(`${describe(v)} ${text.error}`);
      }
      const text = jsonTextOf(v);
      return text.ok ? ok({ text: text.value }) : fail(`${describe(v)} ${text.error}`);
    }
  }
}

/**
 * JSON number text passed through as written (so 9007199254740993 and 12345678901234567890 keep every digit),
 * when it is JSON number syntax and a finite number: "1e999" would be Infinity, which JSON cannot hold.
 */
function numberText(text: string, v: SampleValue): TypedConversion {
  if (!JSON_NUMBER.test(text)) return fail(`${describe(v)} is not a number`);
  if (!Number.isFinite(Number(text)))
    return fail(`${describe(v)} is too large for a number (JSON readers would make it Infinity or refuse it)`);
  return ok({ text });
}

/** A sample value as JSON text (lists of values; numbers as written), indented by two spaces per level. */
function sampleValueJson(v: SampleValue, indent: string): Result<string> {
  if (v === null) return ok('null');
  if (typeof v === 'boolean') return ok(String(v));
  if (v instanceof SampleNumber) {
    const n = numberText(v.text, v);
    return n.ok ? ok(n.value.text) : fail('holds a number JSON cannot write');
  }
  if (typeof v === 'number')
    return Number.isFinite(v) ? ok(JSON.stringify(v)) : fail('holds a number JSON cannot write');
  if (typeof v === 'string')
    return hasLoneSurrogate(v) ? fail('holds a broken character (half of a surrogate pair)') : ok(JSON.stringify(v));
  if (v.length === 0) return ok('[]');
  const inner = indent + '  ';
  const parts: string[] = [];
  for (const x of v) {
    const r = sampleValueJson(x, inner);
    if (!r.ok) return r;
    parts.push(inner + r.value);
  }
  return ok(`[\n${parts.join(',\n')}\n${indent}]`);
}

/**
 * A sample string that holds JSON, written out as JSON with its numbers digit for digit. Strict JSON only (no
 * comments, no trailing commas), no key written twice, no broken characters, at most MAX_JSON_DEPTH levels deep.
 */
function jsonTextOf(s: string): Result<string> {
  if (tooDeepOffset(s) >= 0) return fail(`is nested more than ${MAX_JSON_DEPTH} levels deep`);
  try {
    JSON.parse(s);
  } catch {
    return fail('is not JSON text');
  }
  const root = parseTree(s, [], { allowTrailingComma: false, disallowComments: true });
  if (!root) return fail('is not JSON text');
  return nodeJson(root, s, '');
}

function nodeJson(n: Node, src: string, indent: string): Result<string> {
  switch (n.type) {
    case 'number':
      return ok(src.slice(n.offset, n.offset + n.length));
    case 'boolean':
    case 'null':
      return ok(String(n.value));
    case 'string':
      return hasLoneSurrogate(String(n.value))
        ? fail('holds a broken character (half of a surrogate pair)')
        : ok(JSON.stringify(n.value));
    case 'array':
    case 'object': {
      const kids = n.children ?? [];
      const [open, close] = n.type === 'object' ? ['{', '}'] : ['[', ']'];
      if (kids.length === 0) return ok(open + close);
      const inner = indent + '  ';
      const parts: string[] = [];
      const seen = new Set<string>();
      for (const k of kids) {
        if (n.type === 'object') {
          const [key, value] = k.children ?? [];
          const name = String(key?.value);
          if (!value) return fail('is not JSON text');
          if (seen.has(name)) return fail(`holds the key "${name}" twice, so it is not clear which value counts`);
          seen.add(name);
          if (hasLoneSurrogate(name)) return fail('holds a broken character (half of a surrogate pair)');
          const r = nodeJson(value, src, inner);
          if (!r.ok) return r;
          parts.push(`${inner}${JSON.stringify(name)}: ${r.value}`);
        } else {
          const r = nodeJson(k, src, inner);
          if (!r.ok) return r;
          parts.push(inner + r.value);
        }
      }
      return ok(`${open}\n${parts.join(',\n')}\n${indent}${close}`);
    }
    default:
      return fail('is not JSON text');
  }
}

function describe(v: SampleValue): string {
  const s = v instanceof SampleNumber ? v.text : typeof v === 'string' ? JSON.stringify(v) : displayJson(v);
  return s.length > 40 ? `the value ${s.slice(0, 37)}…` : `the value ${s}`;
}

function displayJson(v: SampleValue): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}
