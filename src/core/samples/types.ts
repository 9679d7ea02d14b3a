import type { OffsetRange } from '../common/text';

/** A value in a sample-feedback file. null is an empty field; arrays are list fields (e.g. teams). */
export type SampleValue = string | number | boolean | null | SampleValue[];

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
