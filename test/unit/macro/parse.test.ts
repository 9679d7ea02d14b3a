import * as assert from 'node:assert/strict';
import { parseMacro } from '../../../src/core/macro/parse';
import { check, positionOf } from './helpers';

describe('parseMacro and syntax problems', () => {
  it('reads a file with comments and trailing commas without problems', async () => {
    const text =
      '{\n  // the name\n  "name": "X", /* inline */\n  "request": { "method": "POST", "url": "https://a.example/", },\n}\n';
    assert.deepEqual(await check(text), []);
  });

  it('reports a truncated file at its end and still checks what it has', async () => {
    const text = '{\n  "name": "X",\n  "request": { "method": "POST", "url": "ftp://a"';
    const problems = await check(text);
    const syntax = problems.filter(p => p.code.startsWith('syntax/'));
    assert.ok(syntax.length >= 1, JSON.stringify(problems));
    assert.ok(syntax.every(p => p.severity === 'error'));
    assert.ok(
      syntax.some(p => /cut short/.test(p.message)),
      JSON.stringify(syntax),
    );
    assert.equal(syntax[syntax.length - 1].line, 3);
    // The semantic check still sees the partial request.
    assert.ok(problems.some(p => p.code === 'request/url-not-http'));
  });

  it('says "cut short" once, not once per unclosed level', async () => {
    const { syntaxProblems } = parseMacro('{ "name": "x", "request": { "method": "POST", "headers": { "A": "b"');
    const closing = syntaxProblems.filter(p => p.code === 'syntax/CloseBraceExpected');
    assert.equal(closing.length, 1, JSON.stringify(syntaxProblems));
  });

  it('reports an unclosed string', async () => {
    const problems = await check('{ "name": "X');
    assert.ok(
      problems.some(p => p.code === 'syntax/UnexpectedEndOfString'),
      JSON.stringify(problems),
    );
  });

  it('reports an empty file as one located error, without crashing', async () => {
    for (const text of ['', '   \n\n', '// only a comment\n']) {
      const problems = await check(text);
      assert.equal(problems.length, 1, JSON.stringify(problems));
      assert.equal(problems[0].code, 'syntax/empty');
      assert.equal(problems[0].line, 1);
    }
  });

  it('reports a top-level value that is not an object as a schema type error', async () => {
    for (const text of ['[]', '"name"', '42', 'null']) {
      const problems = await check(text);
      assert.deepEqual(
        problems.map(p => p.code),
        ['schema/type'],
        text,
      );
      assert.match(problems[0].message, /must be an object/);
    }
  });

  it('keeps offsets of a file that starts with a byte-order mark', async () => {
    const text = '\uFEFF{\n  "name": "X",\n  "request": { "method": "POST", "url": "gopher://a" }\n}';
    const parsed = parseMacro(text);
    assert.equal(parsed.text.length, text.length);
    assert.equal((parsed.macro as { name: string }).name, 'X');
    const [p] = await check(text, { codes: 'request/' });
    assert.equal(p.code, 'request/url-not-http');
    assert.deepEqual({ line: p.line, column: p.column }, positionOf(text, '"gopher'));
    assert.equal(p.text, '"gopher://a"');
  });

  it('places problems correctly in a CRLF file', async () => {
    const text =
      '{\r\n  "name": "X",\r\n  "request": {\r\n    "method": "GET",\r\n    "url": "https://a.example/",\r\n    "body": {}\r\n  }\r\n}\r\n';
    const [p] = await check(text, { codes: 'request/' });
    assert.equal(p.code, 'request/body-with-get');
    assert.deepEqual({ line: p.line, column: p.column }, { line: 6, column: 5 });
    assert.equal(p.text, '"body"');
  });

  it('checks a 5 MB file in reasonable time without crashing', async function () {
    this.timeout(120000);
    const items: string[] = [];
    for (let i = 0, size = 0; size < 5_000_000; i++) {
      items.push(JSON.stringify({ id: i, title: `((Title)) number ${i}`, tags: ['a', 'b'] }));
      size += items[i].length + 2;
    }
    const text = `{ "name": "Big", "request": { "method": "POST", "url": "https://a.example/", "body": [${items.join(',\n')}] }, "urll": 1 }`;
    assert.ok(text.length > 5_000_000);
    const started = Date.now();
    const problems = await check(text);
    // Written out re-indented, as it would be sent, the body is over the 10 MB a render makes: refused, at the body.
    assert.deepEqual(
      problems.map(p => p.code),
      ['render/body-too-large', 'schema/unknown-property'],
    );
    assert.ok(Date.now() - started < 90000, `took ${Date.now() - started} ms`);
  });
});
