import * as assert from 'node:assert/strict';
import Ajv from 'ajv';
import ADF_SCHEMA from '../../../../src/core/targets/jira/adf/full.json';
import { adfTextLength, checkAdf } from '../../../../src/core/targets/jira/adf/check';

const doc = (content: unknown[]) => ({ type: 'doc', version: 1, content });
const p = (...inline: unknown[]) => ({ type: 'paragraph', content: inline });
const t = (text: string, marks?: unknown[]) => (marks ? { type: 'text', text, marks } : { type: 'text', text });

/** Documents Jira takes, and ones it refuses, each with the problem ccmacro reports: code, path, message. */
const VALID: unknown[] = [
  doc([]),
  doc([
    p(t('plain'), t('bold', [{ type: 'strong' }]), t('link', [{ type: 'link', attrs: { href: 'https://x.test' } }])),
  ]),
  doc([{ type: 'heading', attrs: { level: 2 }, content: [t('Steps')] }]),
  doc([{ type: 'bulletList', content: [{ type: 'listItem', content: [p(t('a'))] }] }]),
  doc([{ type: 'orderedList', content: [{ type: 'listItem', content: [p(t('a'))] }] }]),
  doc([{ type: 'codeBlock', attrs: { language: 'js' }, content: [t('x = 1')] }]),
  doc([{ type: 'panel', attrs: { panelType: 'warning' }, content: [p(t('careful'))] }]),
  doc([p({ type: 'mention', attrs: { id: '5b10ac8d82e05b22cc7d4ef5', text: '@Priya' } }, { type: 'hardBreak' })]),
  doc([{ type: 'blockquote', content: [p(t('quoted'))] }, { type: 'rule' }]),
  doc([p(t('code', [{ type: 'code' }]))]),
];

const INVALID: Array<{ doc: unknown; code: string; path: Array<string | number>; message: RegExp }> = [
  {
    doc: doc([{ type: 'paragraf', content: [] }]),
    code: 'render/jira-adf-unknown-node',
    path: ['content', 0, 'type'],
    message:
      /"paragraf" is not a node type of Atlassian Document Format \(did you mean "paragraph"\?\); here Jira takes: .*"paragraph"/,
  },
  {
    doc: doc([{ type: 'codeBlock', content: [t('x', [{ type: 'strong' }])] }]),
    code: 'render/jira-adf-mark',
    path: ['content', 0, 'content', 0, 'marks', 0],
    message: /cannot have marks here \(text in a code block is plain/,
  },
  {
    doc: doc([p(t('x', [{ type: 'bold' }]))]),
    code: 'render/jira-adf-mark',
    path: ['content', 0, 'content', 0, 'marks', 0, 'type'],
    message: /"bold" is not a mark of Atlassian Document Format; marks here: "link", "em", "strong"/,
  },
  {
    doc: doc([p(t('x', [{ type: 'code' }, { type: 'strong' }]))]),
    code: 'render/jira-adf-mark',
    path: ['content', 0, 'content', 0, 'marks', 0, 'type'],
    message: /The mark "code" is not allowed here/,
  },
  {
    doc: doc([p(t(''))]),
    code: 'render/jira-adf-empty-text',
    path: ['content', 0, 'content', 0, 'text'],
    message: /A text node with empty text: Jira refuses the whole document/,
  },
  {
    doc: { type: 'doc', content: [] },
    code: 'render/jira-adf-version',
    path: [],
    message: /needs "version": 1/,
  },
  {
    doc: { type: 'doc', version: 2, content: [] },
    code: 'render/jira-adf-version',
    path: ['version'],
    message: /needs "version": 1, not 2/,
  },
  {
    doc: doc([{ type: 'heading', attrs: { level: 9 }, content: [] }]),
    code: 'render/jira-adf-invalid',
    path: ['content', 0, 'attrs', 'level'],
    message: /"level" of a "heading" node is 9; it must be from 1 to 6/,
  },
  {
    doc: doc([
      { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'heading', attrs: { level: 1 } }] }] },
    ]),
    code: 'render/jira-adf-unknown-node',
    path: ['content', 0, 'content', 0, 'content', 0, 'type'],
    message: /A "heading" node cannot be here in a "listItem" node; here Jira takes: "paragraph"/,
  },
  {
    doc: doc([p({ type: 'text', text: 'x', colour: 'red' })]),
    code: 'render/jira-adf-invalid',
    path: ['content', 0, 'content', 0, 'colour'],
    message: /A "text" node has no property "colour"/,
  },
  {
    doc: doc([{ type: 'panel', attrs: { panelType: 'danger' }, content: [p(t('x'))] }]),
    code: 'render/jira-adf-invalid',
    path: ['content', 0, 'attrs', 'panelType'],
    message: /"panelType" of a "panel" node is "danger"; it must be one of: "info", "note"/,
  },
  {
    doc: doc([p({ type: 'mention', attrs: { text: '@x' } })]),
    code: 'render/jira-adf-invalid',
    path: ['content', 0, 'content', 0, 'attrs'],
    message: /needs "id" \(for a mention, the person's Atlassian account id\)/,
  },
];

function ajvValidator(): (d: unknown) => boolean {
  const schema = JSON.parse(JSON.stringify(ADF_SCHEMA)) as Record<string, unknown>;
  delete schema.$schema;
  const validate = new Ajv({ strict: false }).compile(schema);
  return d => validate(d);
}

describe("Jira: the ADF check (Atlassian's JSON schema, @atlaskit/adf-schema 57.7.22)", () => {
  const ajv = ajvValidator();

  it('takes the documents Jira takes: headings, lists, code blocks, panels, links, mentions (as ajv does)', () => {
    for (const d of VALID) {
      assert.deepEqual(checkAdf(d, []), [], JSON.stringify(d));
      assert.equal(ajv(d), true, `ajv agrees: ${JSON.stringify(d)}`);
    }
  });

  it('refuses what the schema refuses, with one located problem in plain words (ajv refuses each too)', () => {
    for (const c of INVALID) {
      assert.equal(ajv(c.doc), false, `ajv refuses ${JSON.stringify(c.doc)}`);
      const found = checkAdf(c.doc, ['fields', 'description']);
      assert.equal(found.length, 1, JSON.stringify(found));
      assert.equal(found[0].code, c.code, found[0].message);
      assert.equal(found[0].severity, 'error');
      assert.deepEqual(found[0].path, ['fields', 'description', ...c.path]);
      assert.match(found[0].message, c.message);
    }
  });

  it('agrees with ajv on every document of a generated mix (each node of the list in every place, with marks)', () => {
    const inline = [t('x'), t('x', [{ type: 'em' }]), t('x', [{ type: 'code' }]), { type: 'hardBreak' }, t('')];
    const blocks = [
      p(...inline.slice(0, 2)),
      { type: 'heading', attrs: { level: 1 }, content: [inline[1]] },
      { type: 'codeBlock', content: [inline[1]] },
      { type: 'codeBlock', content: [inline[0]] },
      { type: 'rule' },
      { type: 'panel', attrs: { panelType: 'info' }, content: [] },
    ];
    let agreed = 0;
    for (const a of blocks)
      for (const b of [...inline, ...blocks]) {
        for (const d of [
          doc([a, b]),
          doc([{ type: 'bulletList', content: [{ type: 'listItem', content: [a, b] }] }]),
        ]) {
          assert.equal(checkAdf(d, []).length === 0, ajv(d), JSON.stringify(d));
          agreed++;
        }
      }
    assert.ok(agreed > 100);
  });

  it('counts the text of a document for the 32,767-character limit', () => {
    assert.equal(adfTextLength(doc([p(t('abc'), t('de')), { type: 'codeBlock', content: [t('xyz')] }])), 8);
  });
});
