import { toSampleValue, type SampleItem } from './types';
import feedbackTypical from '../../../samples/builtin/feedback-typical.json';
import userTypical from '../../../samples/builtin/user-typical.json';
import hostile from '../../../samples/builtin/hostile.json';

interface BuiltinSample {
  /** Used as `builtin:ID` (CLI --sample, picker). */
  id: string;
  label: string;
  description: string;
  scope: 'feedback' | 'user' | 'both';
  items: SampleItem[];
}

function item(json: Record<string, unknown>): SampleItem {
  const out: SampleItem = {};
  for (const [k, v] of Object.entries(json)) {
    const value = toSampleValue(v);
    if (k !== '$schema' && value !== undefined) out[k] = value;
  }
  return out;
}

/**
 * The hostile sample's description grows to 100 KB at load time (not committed): every nasty character
 * class again and again, so size limits and escaping are both exercised.
 */
function hostileItem(): SampleItem {
  const base = item(hostile);
  const head = String(base.Description);
  const filler =
    'Line with "quotes", \\backslashes\\, tabs\t, CR\r and LF\n, \u2028, \u{1F525} emoji, </script>, <!channel>, & ((Title)). ';
  let d = head + '\n';
  while (d.length < 100 * 1024) d += filler;
  base.Description = d;
  return base;
}

export const BUILTIN_SAMPLES: readonly BuiltinSample[] = [
  {
    id: 'feedback',
    label: 'Typical feedback',
    description: 'An ordinary issue report with every common feedback tag',
    scope: 'feedback',
    items: [item(feedbackTypical)],
  },
  {
    id: 'user',
    label: 'Typical user',
    description: 'An ordinary tester with every common user tag',
    scope: 'user',
    items: [item(userTypical)],
  },
  {
    id: 'hostile',
    label: 'Hostile values',
    description:
      'Quotes, backslashes, CR/LF, control characters, U+2028, emoji, </script>, <!channel>, Markdown links and <at> mentions, a value that looks like ((Title)), a 100 KB description',
    scope: 'both',
    items: [hostileItem()],
  },
];
