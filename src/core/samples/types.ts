import type { OffsetRange } from '../common/text';

/** A value in a sample-feedback file. null is an empty field; arrays are list fields (e.g. teams). */
export type SampleValue = string | number | boolean | null | SampleValue[];

/** One feedback item (or user): tag name exactly as written inside `(( ))` → value. */
export type SampleItem = Record<string, SampleValue>;

/** A key of a sample item as written: what makes a tag known, and where go-to-definition lands. */
export interface SampleKey {
  name: string;
  value: SampleValue;
  /** The key's string literal in the sample file's text, quotes included. */
  range: OffsetRange;
}
