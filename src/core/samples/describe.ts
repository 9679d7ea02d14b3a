import { SampleNumber, type SampleItem, type SampleValue } from './types';

/**
 * A sample value as text, the way Centercode fills a tag: strings as they are, numbers as written in the sample
 * (every digit kept), booleans as JSON writes them, null as empty, lists as their items' text joined with ", ".
 */
export function valueText(v: SampleValue): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '';
  if (v instanceof SampleNumber) return v.text;
  if (Array.isArray(v)) return v.map(valueText).join(', ');
  return String(v);
}

const LABEL_TAGS = ['Title', 'Name', 'Full Name', 'Feedback ID', 'Email'];

/**
 * How lists name a sample item: its index as `--sample-index` takes it (items count from 0, as written in
 * the file) and its title or name, e.g. "[2] Crash on launch".
 */
export function sampleItemLabel(item: SampleItem | undefined, index: number): string {
  for (const t of LABEL_TAGS) {
    const v = item?.[t];
    if (v !== undefined && v !== null && valueText(v).trim()) {
      const s = valueText(v).replace(/\s+/g, ' ').trim();
      return `[${index}] ${s.length > 48 ? s.slice(0, 47) + '…' : s}`;
    }
  }
  return item ? `[${index}]` : `[${index}] (not an object)`;
}

/** How logs and messages name the sample item used: "bugs.sample.json [2]", or the name alone for a one-item sample. */
export function describeSampleItem(sample: { name: string; items: readonly unknown[] }, index: number): string {
  return sample.items.length > 1 ? `${sample.name} [${index}]` : sample.name;
}
