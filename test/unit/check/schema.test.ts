import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { check, positionOf } from '../macro/helpers';
import { REPO_ROOT } from '../../root';

const at = (text: string, needle: string) => positionOf(text, needle);
const where = (p: { line: number; column: number }) => ({ line: p.line, column: p.column });

describe('schema check', () => {
  it('runs when the host brings a validator, as the CLI does (the editor leaves schema problems to VS Code)', async () => {
    const text = '{ "name": "X", "request": { "method": "post", "url": "https://a.example/" } }';
    assert.deepEqual(
      (await check(text, { schema: true })).map(p => p.code),
      ['schema/enum'],
    );
    assert.deepEqual(await check(text, { schema: false }), []);
  });

  it('points a missing root property at the opening brace', async () => {
    const text = '\n  {\n  "request": { "method": "POST", "url": "https://a.example/" }\n}';
    const [p] = await check(text, { codes: 'schema/' });
    assert.equal(p.code, 'schema/required');
    assert.match(p.message, /missing the required property `name`/);
    assert.deepEqual(where(p), at(text, '{'));
    assert.equal(p.text, '{');
  });

  it('points a missing nested property at the property name of its object', async () => {
    const text = '{\n  "name": "X",\n  "request": { "method": "POST" }\n}';
    const [p] = await check(text, { codes: 'schema/' });
    assert.equal(p.code, 'schema/required');
    assert.equal(p.message.startsWith('`request` is missing the required property `url`'), true, p.message);
    assert.deepEqual(where(p), at(text, '"request"'));
  });

  it('names an unknown property, suggests the likely one and points at the name', async () => {
    const text =
      '{\n  "name": "X",\n  "request": { "method": "POST", "urll": "https://a.example/", "url": "https://a.example/" }\n}';
    const [p] = await check(text, { codes: 'schema/' });
    assert.equal(p.code, 'schema/unknown-property');
    assert.equal(p.message, 'Unknown property `urll` in `request` — did you mean `url`?');
    assert.deepEqual(where(p), at(text, '"urll"'));
    assert.equal(p.text, '"urll"');
  });

  it('points out a request field written at the top level', async () => {
    const text =
      '{ "name": "X", "urll": "https://b.example/", "request": { "method": "POST", "url": "https://a.example/" } }';
    const [p] = await check(text, { codes: 'schema/' });
    assert.equal(p.message, 'Unknown property `urll` at the top level — did you mean `url` inside `request`?');
  });

  it('lists what is allowed when nothing is close to an unknown property', async () => {
    const text = '{ "name": "X", "request": { "method": "POST", "url": "https://a.example/" }, "zzzzzz": 1 }';
    const [p] = await check(text, { codes: 'schema/' });
    assert.match(p.message, /^Unknown property `zzzzzz`\. Allowed here: \$schema, version, name/);
  });

  it('explains an enum value and suggests the fitting spelling', async () => {
    const text = '{\n  "name": "X",\n  "request": {\n    "method": "post",\n    "url": "https://a.example/"\n  }\n}';
    const [p] = await check(text, { codes: 'schema/' });
    assert.equal(p.code, 'schema/enum');
    assert.equal(p.message, '`request.method` must be one of GET, POST, PUT, PATCH or DELETE — did you mean "POST"?');
    assert.deepEqual(where(p), { line: 4, column: 15 });
  });

  it('reports a wrong type in words, at the value', async () => {
    const text = '{ "name": "X", "showInFeedbackManagement": "yes", "request": { "method": "POST", "url": 42 } }';
    const problems = await check(text, { codes: 'schema/' });
    assert.deepEqual(
      problems.map(p => [p.code, p.text, p.message]),
      [
        ['schema/type', '"yes"', '`showInFeedbackManagement` must be true or false, not text'],
        ['schema/type', '42', '`request.url` must be text in double quotes ("…"), not a number'],
      ],
    );
  });

  it('reports one problem for a value of the wrong type, not one per rule', async () => {
    const text = '{ "name": "X", "request": { "method": 5, "url": "https://a.example/" } }';
    const problems = await check(text, { codes: 'schema/' });
    assert.deepEqual(
      problems.map(p => p.code),
      ['schema/type'],
    );
  });

  it('explains a bad trigger with the choices, and suggests the near one', async () => {
    const text =
      '{ "name": "X", "triggers": ["submit", "sumbit", 7], "request": { "method": "POST", "url": "https://a.example/" } }';
    const problems = await check(text, { codes: 'schema/' });
    assert.equal(problems.length, 2, JSON.stringify(problems));
    assert.equal(problems[0].text, '"sumbit"');
    assert.match(
      problems[0].message,
      /^A trigger is "manual", "submit", "modify" or a schedule .* did you mean "submit"\?$/,
    );
    assert.equal(problems[1].text, '7');
    assert.match(problems[1].message, /^A trigger is "manual"/);
  });

  it('reports the inner problem of a schedule trigger, not the whole trigger', async () => {
    const text =
      '{ "name": "X", "triggers": [{ "schedule": { "rate": "yearly", "start": "1 March" } }], "request": { "method": "POST", "url": "https://a.example/" } }';
    const problems = await check(text, { codes: 'schema/' });
    assert.deepEqual(
      problems.map(p => [p.code, p.text]),
      [
        ['schema/enum', '"yearly"'],
        ['schema/pattern', '"1 March"'],
      ],
    );
    assert.equal(problems[0].message, '`triggers[0].schedule.rate` must be one of hourly, daily, weekly or monthly');
    assert.match(problems[1].message, /YYYY-MM-DD/);
  });

  it('rejects a bad header name at the name, with the reason', async () => {
    const text =
      '{ "name": "X", "request": { "method": "POST", "url": "https://a.example/", "headers": { "Content Type": "application/json" } } }';
    const [p] = await check(text, { codes: 'schema/' });
    assert.equal(p.code, 'schema/property-name');
    assert.equal(p.text, '"Content Type"');
    assert.match(p.message, /no spaces/);
  });

  it('reports an empty name, a wrong version and a repeated sample', async () => {
    const text =
      '{ "version": 2, "name": "", "samples": ["a.json", "a.json"], "request": { "method": "POST", "url": "https://a.example/" } }';
    const problems = await check(text, { codes: 'schema/' });
    assert.deepEqual(
      problems.map(p => [p.code, p.text]),
      [
        ['schema/const', '2'],
        ['schema/minLength', '""'],
        ['schema/uniqueItems', '"a.json"'],
      ],
    );
    assert.equal(problems[2].column, text.lastIndexOf('"a.json"') + 1);
    assert.match(problems[0].message, /must be 1/);
  });

  it('accepts a file without version, and with version 1 and $schema', async () => {
    for (const extra of ['', '"version": 1, "$schema": "./node_modules/ccmacro/schemas/ccmacro.schema.json",']) {
      const text = `{ ${extra} "name": "X", "request": { "method": "POST", "url": "https://a.example/" } }`;
      assert.deepEqual(await check(text), [], extra);
    }
  });

  it('locates a problem after a duplicated key at the value that counts (the last)', async () => {
    const text = '{ "name": "X", "request": { "method": "POST", "method": "SEND", "url": "https://a.example/" } }';
    const problems = await check(text);
    const e = problems.find(p => p.code === 'schema/enum')!;
    assert.equal(e.text, '"SEND"');
    assert.ok(problems.some(p => p.code === 'json/duplicate-key'));
  });

  describe('the schema file', () => {
    const schema = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'schemas/ccmacro.schema.json'), 'utf8'));

    it('documents every property with description, markdownDescription and examples, and every enum', () => {
      const missing: string[] = [];
      const visit = (s: Record<string, unknown>, at: string) => {
        if (!s || typeof s !== 'object') return;
        for (const [name, sub] of Object.entries((s.properties ?? {}) as Record<string, Record<string, unknown>>)) {
          for (const k of ['description', 'markdownDescription', 'examples'])
            if (!(k in sub)) missing.push(`${at}.${name}: ${k}`);
          if (
            Array.isArray(sub.enum) &&
            (!Array.isArray(sub.enumDescriptions) || sub.enumDescriptions.length !== sub.enum.length)
          )
            missing.push(`${at}.${name}: enumDescriptions`);
          visit(sub, `${at}.${name}`);
        }
        for (const k of ['items', 'additionalProperties'])
          if (s[k] && typeof s[k] === 'object') visit(s[k] as Record<string, unknown>, `${at}.${k}`);
        for (const b of (s.anyOf ?? []) as Array<Record<string, unknown>>) visit(b, `${at}.anyOf`);
      };
      visit(schema, '#');
      assert.deepEqual(missing, []);
      assert.equal(schema.allowComments, true);
      assert.equal(schema.allowTrailingCommas, true);
    });

    it('writes ${…} placeholders in snippets so VS Code inserts them literally', () => {
      // VS Code inserts a snippet string as JSON text, where ${…} would become a snippet variable:
      // literal placeholders must be raw ("^" prefix) with the dollar escaped.
      const bad: string[] = [];
      const visit = (v: unknown, inSnippet: boolean) => {
        if (typeof v === 'string') {
          if (inSnippet && /\$\{(secret|env):/.test(v) && !(v.startsWith('^') && !/(^|[^\\])\$\{(secret|env):/.test(v)))
            bad.push(v);
        } else if (Array.isArray(v)) v.forEach(x => visit(x, inSnippet));
        else if (v && typeof v === 'object')
          for (const [k, x] of Object.entries(v)) visit(x, inSnippet || k === 'defaultSnippets');
      };
      visit(schema, false);
      assert.deepEqual(bad, []);
      const labels = JSON.stringify(schema).match(/"label":"[^"]+"/g) ?? [];
      for (const l of ['Slack message', 'Jira issue', 'Salesforce case', 'Generic JSON'])
        assert.ok(
          labels.some(x => x.includes(l)),
          l,
        );
    });
  });
});
