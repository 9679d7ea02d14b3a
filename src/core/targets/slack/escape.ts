import type { FieldEncoding, FieldSite } from '../../render/fields';

const SLACK_SPECIAL = /[&<>]/;

/**
 * Slack's control characters in a value, escaped as Slack documents for text objects (plain_text and mrkdwn alike)
 * and the message `text`: `&`, `<`, `>` become `&amp;`, `&lt;`, `&gt;`, which Slack shows as the characters again;
 * so `<!channel>` and `<http://x|forged>` stay plain text.
 */
export function slackEscape(s: string): string {
  if (!SLACK_SPECIAL.test(s)) return s;
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A JSON key whose value is a web address, not text: Slack reads it as is (it is not a text object). */
const URL_FIELD = /^(?:url|.+_url|.+_link|author_icon|footer_icon)$/i;

function kindOf({ node }: FieldSite): 'text' | 'url' {
  const prop = node.parent;
  const key = prop?.type === 'property' && prop.children?.[1] === node ? prop.children[0]?.value : undefined;
  return typeof key === 'string' && URL_FIELD.test(key) ? 'url' : 'text';
}

/** Values in Slack text (escaped) and in web-address fields (as they are: Slack does not decode them). */
export const SLACK_FIELDS: FieldEncoding<'text' | 'url'> = {
  defaultKind: 'text',
  kindOf,
  kinds: {
    text: {
      description: 'the message "text" and every text object (mrkdwn and plain_text): &, < and > are escaped',
      encode: slackEscape,
      example: {
        body: { blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '((Value))' } }] },
        path: ['blocks', 0, 'text', 'text'],
      },
    },
    url: {
      description: 'a web-address field (url, image_url, title_link, …): sent as it is',
      encode: v => v,
      example: {
        body: {
          text: 'x',
          blocks: [
            {
              type: 'actions',
              elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open' }, url: '((Value))' }],
            },
          ],
        },
        path: ['blocks', 0, 'elements', 0, 'url'],
      },
    },
  },
};
