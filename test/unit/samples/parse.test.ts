import * as assert from 'node:assert/strict';
import { parseSampleFile } from '../../../src/core/samples/parse';
import { SampleNumber } from '../../../src/core/samples/types';

const items = (text: string) => parseSampleFile(text).items.map(i => i.item);

describe('sample files', () => {
  it('reads one object of tag name to value, ignoring $schema, with comments allowed', () => {
    const r = parseSampleFile(
      '{ "$schema": "x", // c\n "Title": "T", "Feedback ID": 5, "Team": ["a", "b"], "Empty": null, "On": true }',
    );
    assert.deepEqual(r.problems, []);
    assert.deepEqual(
      items('{ "$schema": "x", // c\n "Title": "T", "Feedback ID": 5, "Team": ["a", "b"], "Empty": null, "On": true }'),
      [{ Title: 'T', 'Feedback ID': new SampleNumber('5'), Team: ['a', 'b'], Empty: null, On: true }],
    );
  });

  it('reads a list of items', () => {
    assert.deepEqual(
      items('[{"Title": "A"}, {"Title": "B"}]').map(i => i?.Title),
      ['A', 'B'],
    );
  });

  it('keeps every element in its written position, so item N is the Nth element', () => {
    const r = parseSampleFile('[1, {"Title": "A"}, {"Title": "B"}]');
    assert.deepEqual(
      r.items.map(i => i.item),
      [undefined, { Title: 'A' }, { Title: 'B' }],
    );
    assert.deepEqual(
      r.problems.map(p => p.code),
      ['sample/not-object'],
    );
    assert.deepEqual(r.problems[0].range, r.items[0].range);
  });

  it('gives each key with its range, trimmed as the tag scanner trims names', () => {
    const text = '{" Title ": "A", "$schema": "s", "Obj": {"x": 1}}';
    const [first] = parseSampleFile(text).items;
    assert.deepEqual(first.item, { Title: 'A' });
    assert.deepEqual(
      first.keys.map(k => [k.name, text.slice(k.range.start, k.range.end)]),
      [['Title', '" Title "']],
    );
  });

  it('reports located problems: syntax, non-object items, object values, empty files', () => {
    const bad = '{"Title": "A", "X": {"nested": 1}}';
    const r = parseSampleFile(bad);
    assert.deepEqual(
      r.problems.map(p => [p.code, bad.slice(p.range.start, p.range.end)]),
      [['sample/bad-value', '{"nested": 1}']],
    );
    assert.deepEqual(items(bad), [{ Title: 'A' }]);
    assert.deepEqual(
      parseSampleFile('[1]').problems.map(p => p.code),
      ['sample/not-object'],
    );
    assert.deepEqual(
      parseSampleFile('').problems.map(p => p.code),
      ['sample/empty'],
    );
    assert.deepEqual(
      parseSampleFile('[]').problems.map(p => p.code),
      ['sample/no-items'],
    );
    const syntax = parseSampleFile('{"Title": "A" "B": 1}');
    assert.equal(syntax.problems[0].code, 'sample/syntax');
    assert.equal(syntax.problems[0].range.start, 14);
  });
});

describe('sample files: the expected response', () => {
  it('reads "$response" as the answer, not as a tag, with status, headers and the body as sent', () => {
    const text =
      '[{ "Title": "A", "$response": { "status": 201, "headers": { "Content-Type": "application/json" }, "body": { "key": "BETA-1" } } },' +
      ' { "Title": "B", "$response": { "body": "plain <b>text</b>" } }, { "Title": "C" }]';
    const r = parseSampleFile(text);
    assert.deepEqual(r.problems, []);
    assert.deepEqual(
      r.items.map(i => i.item),
      [{ Title: 'A' }, { Title: 'B' }, { Title: 'C' }],
    );
    assert.deepEqual(
      r.items[0].keys.map(k => k.name),
      ['Title'],
      'no tag named $response',
    );
    const [a, b, c] = r.items.map(i => i.response);
    assert.equal(a?.status, 201);
    assert.deepEqual(a?.headers, { 'Content-Type': 'application/json' });
    assert.equal(a?.bodyText, '{"key":"BETA-1"}');
    assert.equal(text.slice(a!.range.start, a!.range.end).slice(0, 13), '{ "status": 2');
    assert.equal(b?.bodyText, 'plain <b>text</b>');
    assert.equal(c, undefined);
  });

  it('warns about a response it cannot use and leaves it out', () => {
    for (const [response, message] of [
      ['5', /an object such as/],
      ['{ "status": 42 }', /from 100 to 599/],
      ['{ "headers": { "A": 1 } }', /object of header name to text/],
      ['{ "stauts": 200 }', /"stauts" is not one of them/],
    ] as const) {
      const r = parseSampleFile(`{ "Title": "A", "$response": ${response} }`);
      assert.equal(r.items[0].response, undefined, response);
      assert.deepEqual(
        r.problems.map(p => [p.code, p.severity]),
        [['sample/bad-response', 'warning']],
        response,
      );
      assert.match(r.problems[0].message, message);
    }
  });
});
