import MarkdownIt from 'markdown-it';

/**
 * The Markdown Teams honours in card text: bold, italic, lists and links (no headings, tables, images, code or HTML).
 * The preview's Teams card tab draws with it, and the escaping tests check against it.
 */
export function teamsMarkdown(): ReturnType<typeof MarkdownIt> {
  return new MarkdownIt('zero', { html: false, linkify: false, typographer: false }).enable([
    'list',
    'emphasis',
    'link',
    'escape',
    'entity',
    'newline',
  ]);
}
