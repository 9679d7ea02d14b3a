import type { Target } from '../types';
import { GENERIC_TEMPLATES } from './templates';

/**
 * Any other endpoint: values are only JSON-escaped, nothing is checked beyond the request itself, the preview shows
 * the request, and the receiver answers 200. The registry's fallback: a macro no other target recognises is this.
 */
export const generic = {
  id: 'generic',
  name: 'a generic endpoint',
  summary: {
    text: 'Any other endpoint: values are only JSON-escaped.',
    markdown: 'Any other endpoint: values are only JSON-escaped.',
  },
  fields: {
    defaultKind: 'plain',
    kinds: {
      plain: {
        description: 'any JSON string: the value as it is (JSON string escaping only)',
        encode: v => v,
        example: { body: { text: '((Value))' }, path: ['text'] },
      },
    },
  },
  templates: GENERIC_TEMPLATES,
} satisfies Target<'generic'>;
