import { bodyFormat } from '../macro/model';
import { collectStringSites, decodeStringNode } from '../macro/sites';
import { problem, type Problem } from '../common/problem';
import type { NamedCheck } from './types';

/** `((Tag)):word` (or `[[Tag]]:word` in a brackets project): a typed value, maybe misspelt. */
const TYPED_LIKE = { parentheses: /^\(\([^()]*\)\):([A-Za-z]+)$/, brackets: /^\[\[[^[\]]*\]\]:([A-Za-z]+)$/ };
const TYPES = ['number', 'boolean', 'json'];

/**
 * Typed values (`"((Tag)):number"`) are easy to get slightly wrong and then silently sent as text:
 * a misspelt type, or a typed tag outside a JSON body.
 */
export const typedValueCheck: NamedCheck = {
  name: 'typed values',
  run: ({ parsed }) => {
    const out: Problem[] = [];
    const json = bodyFormat(parsed.macro) === 'json';
    for (const site of collectStringSites(parsed)) {
      if (!site.tagsAllowed || site.node.length > 300) continue;
      const value = decodeStringNode(parsed.text, site.node).value;
      const m = TYPED_LIKE[parsed.tagSyntax.id].exec(value);
      if (!m) continue;
      const range = { start: site.node.offset, end: site.node.offset + site.node.length };
      const type = m[1];
      if (!TYPES.includes(type)) {
        const near = TYPES.find(t => t.startsWith(type.toLowerCase().slice(0, 3)));
        out.push(
          problem(
            'render/typed-unknown',
            'warning',
            `":${type}" is not a value type, so this is sent as the text "…:${type}". Types are :number, :boolean and :json${near ? ` — did you mean :${near}?` : ''}`,
            range,
            near ? { suggestion: near } : undefined,
          ),
        );
      } else if (!(json && site.kind === 'body')) {
        out.push(
          problem(
            'render/typed-not-json',
            'warning',
            `A typed value (":${type}") only works in a JSON body; here it is sent as text, ":${type}" included`,
            range,
          ),
        );
      }
    }
    return out;
  },
};
