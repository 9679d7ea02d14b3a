import * as assert from 'node:assert/strict';
import { parseMacro } from '../../../src/core/macro/parse';
import { returnValueEntries } from '../../../src/core/macro/returnValues';
import {
  evaluateReturnValues,
  readResponsePath,
  returnValueLine,
  returnValueProblems,
} from '../../../src/core/returns/evaluate';

const BODY = JSON.stringify({
  id: 10001,
  key: 'BETA-7',
  ok: true,
  nothing: null,
  fields: { summary: 'Crash', labels: ['a', 'b'] },
  issues: [{ id: 'I-1' }],
});

describe('return values (what Centercode saves from the answer)', () => {
  it('reads a dot path, an index in brackets or as a step, and a leading $', () => {
    const json = JSON.parse(BODY);
    assert.deepEqual(readResponsePath(json, 'fields.summary'), { found: true, value: 'Crash' });
    assert.deepEqual(readResponsePath(json, 'issues[0].id'), { found: true, value: 'I-1' });
    assert.deepEqual(readResponsePath(json, '$.issues.0.id'), { found: true, value: 'I-1' });
    assert.deepEqual(readResponsePath(json, 'fields.nope'), {
      found: false,
      missing: 'fields.nope',
      keys: ['summary', 'labels'],
    });
    assert.deepEqual(readResponsePath(json, 'key.length'), { found: false, missing: 'key.length', keys: [] });
  });

  it('saves text, numbers and booleans as text; a missing, null, list or object value saves nothing, and says why', () => {
    const r = evaluateReturnValues(
      [
        { field: 'key', name: 'Jira Key' },
        { field: 'id', name: 'Jira ID' },
        { field: 'ok', name: 'OK' },
        { field: 'missing', name: 'M' },
        { field: 'nothing', name: 'N' },
        { field: 'fields', name: 'F' },
        { field: 'fields.labels', name: 'L' },
      ],
      BODY,
      "the sample's response",
    );
    assert.deepEqual(
      r.map(x => [x.name, x.value, x.problem?.code]),
      [
        ['Jira Key', 'BETA-7', undefined],
        ['Jira ID', '10001', undefined],
        ['OK', 'true', undefined],
        ['M', undefined, 'return/missing'],
        ['N', undefined, 'return/empty'],
        ['F', undefined, 'return/not-scalar'],
        ['L', undefined, 'return/not-scalar'],
      ],
    );
    assert.equal(returnValueLine(r[0]), 'Jira Key = BETA-7 (from key)');
    assert.match(
      r[3].problem!.message,
      /^The sample's response has no "missing", so Centercode saves nothing in M\. It has "id", "key"/,
    );
    assert.match(r[5].problem!.message, /point at a value inside it, e\.g\. "fields\.summary"/);
    assert.match(r[6].problem!.message, /e\.g\. "fields\.labels\[0\]"/);
    assert.match(returnValueLine(r[3]), /^M: nothing saved \(from missing\) — /);
  });

  it('a body that is not JSON saves nothing', () => {
    const [r] = evaluateReturnValues([{ field: 'id', name: 'ID' }], '<html>ok</html>');
    assert.equal(r.problem?.code, 'return/not-json');
    assert.equal(evaluateReturnValues([], 'x').length, 0);
  });

  it('locates a problem on its returnValues entry in the macro', () => {
    const text = '{\n  "name": "m",\n  "returnValues": {\n    "key": "Jira Key",\n    "id": "Jira ID"\n  }\n}';
    const entries = returnValueEntries(parseMacro(text));
    assert.deepEqual(
      entries.map(e => [
        e.field,
        e.name,
        text.slice(e.range.start, e.range.end),
        text.slice(e.nameRange.start, e.nameRange.end),
      ]),
      [
        ['key', 'Jira Key', '"key": "Jira Key"', '"Jira Key"'],
        ['id', 'Jira ID', '"id": "Jira ID"', '"Jira ID"'],
      ],
    );
    const problems = returnValueProblems(evaluateReturnValues(entries, '{"key": "A"}'), entries);
    assert.deepEqual(
      problems.map(p => [p.code, p.severity, text.slice(p.range.start, p.range.end)]),
      [['return/missing', 'error', '"id": "Jira ID"']],
    );
  });
});
