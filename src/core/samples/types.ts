import type { OffsetRange } from '../common/text';

/**
 * A number as written in a sample file. Its text is kept, so `12345678901234567890` keeps every digit when it fills a
 * tag or a `((Tag)):number` (a JavaScript number would make it 12345678901234567000).
 */
export class SampleNumber {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
  valueOf(): number {
    return Number(this.text);
  }
  /** For display only (hover, messages); rendering writes `text` itself (see render/values.ts). */
  toJSON(): number {
    return Number(this.text);
  }
}

/**
 * A value in a sample-feedback file. null is an empty field; arrays are list fields (e.g. teams). Sample files give
 * numbers as SampleNumber (their written text); a plain number (an item built in code) is written as JSON writes it.
 */
export type SampleValue = string | number | SampleNumber | boolean | null | SampleValue[];

/** One feedback item (or user): tag name exactly as written inside `(( ))` → value. */
export type SampleItem = Record<string, SampleValue>;

/** One sample item as lists offer it (the preview's picker, "Send Test Webhook with Sample…"). */
export interface SampleOption {
  /** `ID#INDEX` (see key.ts): the sample's id ("builtin:hostile" or a file's absolute path) and the item. */
  key: string;
  label: string;
  /** Group heading, e.g. the sample file's name or "Built-in samples". */
  group: string;
  description?: string;
}

/** A key of a sample item as written: what makes a tag known, and where go-to-definition lands. */
export interface SampleKey {
  name: string;
  value: SampleValue;
  /** The key's string literal in the sample file's text, quotes included. */
  range: OffsetRange;
}

/** The reserved key of a sample item that holds the response the target system sends back (not a tag). */
export const RESPONSE_KEY = '$response';

/**
 * What the target system answers for this item, as the author expects it: `"$response": { "status": 201,
 * "body": { "key": "BETA-123" } }`. The macro's `returnValues` are read from it, as Centercode reads them
 * from the real answer. A body written as a string is the raw text; any other JSON value is the JSON body.
 */
export interface SampleResponse {
  status?: number;
  headers?: Record<string, string>;
  /** The body as the target system would send it (a JSON body serialised). */
  bodyText: string;
  /** The `$response` object in the sample file's text. */
  range: OffsetRange;
}

/**
 * Whether `v` is a sample value (see SampleValue). What the sample reader gives always is; an item built in code may
 * hold anything, and a value that is not one (an object, a function) fills no tag: it is left out, as the reader
 * leaves out an object value.
 */
export function isSampleValue(v: unknown): v is SampleValue {
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return true;
  if (v instanceof SampleNumber) return true;
  return Array.isArray(v) && v.every(isSampleValue);
}

/** A plain JSON value (e.g. from a built-in sample) as a sample value: numbers keep the text JSON writes for them. */
export function toSampleValue(v: unknown): SampleValue | undefined {
  if (typeof v === 'string' || typeof v === 'boolean' || v === null) return v;
  if (typeof v === 'number') return Number.isFinite(v) ? new SampleNumber(JSON.stringify(v)) : undefined;
  if (Array.isArray(v)) {
    const out: SampleValue[] = [];
    for (const x of v) {
      const s = toSampleValue(x);
      if (s === undefined) return undefined;
      out.push(s);
    }
    return out;
  }
  return undefined;
}
