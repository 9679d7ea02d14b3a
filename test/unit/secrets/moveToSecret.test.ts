import * as assert from 'node:assert/strict';
import { planMoveToSecret, suggestSecretName } from '../../../src/core/secrets/moveToSecret';

function apply(text: string, edit: { range: { start: number; end: number }; newText: string }): string {
  return text.slice(0, edit.range.start) + edit.newText + text.slice(edit.range.end);
}

describe('planMoveToSecret', () => {
  const text =
    '{ "request": { "url": "https:\\/\\/hooks.slack.com\\/services\\/T0\\/B0\\/abc", "headers": { "Authorization": "Bearer s3cr3t" } } }';

  it('replaces a whole string value (contents range) and decodes escapes', () => {
    const start = text.indexOf('https:');
    const end = text.indexOf('abc') + 3;
    const planned = planMoveToSecret(text, { start, end }, 'SLACK_WEBHOOK_URL');
    assert.ok(planned.ok);
    const plan = planned.value;
    assert.equal(plan.value, 'https://hooks.slack.com/services/T0/B0/abc');
    const out = apply(text, plan.edit);
    assert.equal(JSON.parse(out).request.url, '${secret:SLACK_WEBHOOK_URL}');
  });

  it('accepts a range that includes the quotes', () => {
    const start = text.indexOf('"Bearer');
    const end = text.indexOf('s3cr3t"') + 7;
    const planned = planMoveToSecret(text, { start, end }, 'API_TOKEN');
    assert.ok(planned.ok);
    const plan = planned.value;
    assert.equal(plan.value, 'Bearer s3cr3t');
    assert.equal(JSON.parse(apply(text, plan.edit)).request.headers.Authorization, '${secret:API_TOKEN}');
  });

  it('replaces only part of a string', () => {
    const start = text.indexOf('s3cr3t');
    const planned = planMoveToSecret(text, { start, end: start + 6 }, 'TOKEN');
    assert.ok(planned.ok);
    const plan = planned.value;
    assert.equal(plan.value, 's3cr3t');
    assert.equal(JSON.parse(apply(text, plan.edit)).request.headers.Authorization, 'Bearer ${secret:TOKEN}');
  });

  it('explains when the range cuts an escape', () => {
    const start = text.indexOf('https:');
    const planned = planMoveToSecret(text, { start, end: start + 7 }, 'X');
    assert.ok(!planned.ok);
    assert.match(planned.error, /not a complete JSON string/);
  });

  it('suggests names by kind', () => {
    assert.equal(suggestSecretName('https://hooks.slack.com/services/a/b/c'), 'SLACK_WEBHOOK_URL');
    assert.equal(suggestSecretName('Bearer x'), 'API_TOKEN');
    assert.equal(suggestSecretName('zzz'), 'API_KEY');
  });
});
