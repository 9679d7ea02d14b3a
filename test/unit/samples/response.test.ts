import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { parse } from 'jsonc-parser';
import { REPO_ROOT } from '../../root';

describe('the sample schema and "$response"', () => {
  const schema = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'schemas/sample.schema.json'), 'utf8'));
  const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

  it('accepts every example sample, those with a $response included', () => {
    const dir = path.join(REPO_ROOT, 'examples/samples');
    let responses = 0;
    for (const f of fs.readdirSync(dir)) {
      const value = parse(fs.readFileSync(path.join(dir, f), 'utf8'));
      if (JSON.stringify(value).includes('"$response"')) responses++;
      assert.ok(validate(value), `${f}: ${JSON.stringify(validate.errors)}`);
    }
    assert.ok(responses >= 2, 'the Jira and Salesforce examples show a response');
  });

  it('checks the response: a status from 100 to 599, text headers, no other fields', () => {
    const ok = { Title: 'a', $response: { status: 201, headers: { A: 'b' }, body: { id: 1 } } };
    assert.ok(validate(ok));
    assert.ok(validate({ Title: 'a', $response: { body: 'raw text' } }));
    for (const bad of [{ status: 42 }, { status: '201' }, { headers: { A: 1 } }, { stauts: 200 }])
      assert.equal(validate({ Title: 'a', $response: bad }), false, JSON.stringify(bad));
  });
});
