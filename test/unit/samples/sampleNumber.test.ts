import * as assert from 'node:assert/strict';
import { createCcmacroService } from '../../../src/core';
import { InMemoryFileSystem } from '../../fakes/fileSystem';

// A sample the service parses once (its sample cache, shared by validate and the tag features) is rendered by the
// render check and the preview: one SampleNumber class for all of them (the extension's build emits each module of the
// core once: test/unit/build/bundle.test.ts).
describe('SampleNumber through the service', () => {
  const text = JSON.stringify({
    name: 'Big',
    samples: ['s.sample.json'],
    request: { method: 'POST', url: 'https://x.test/', body: { n: '((N)):number', t: 'id ((N))', j: '((L)):json' } },
  });
  const fs = new InMemoryFileSystem({
    '/w/s.sample.json': '{ "N": 12345678901234567890, "L": [12345678901234567890] }',
  });
  const doc = { path: '/w/m.ccmacro.json', text };

  it('validate renders it digit for digit: as a number, in text and in JSON', async () => {
    const service = createCcmacroService({ fs });
    const { problems } = await service.validate(doc);
    assert.deepEqual(
      problems.filter(p => p.severity === 'error'),
      [],
    );
  });

  it('the preview and Copy as cURL render the same digits', async () => {
    const service = createCcmacroService({ fs });
    await service.validate(doc);
    const r = await service.renderWithSample(doc);
    assert.equal(
      r.result?.request?.bodyText,
      '{\n  "n": 12345678901234567890,\n  "t": "id 12345678901234567890",\n  "j": [\n    12345678901234567890\n  ]\n}',
    );
  });
});
