import * as assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { SampleNumber, isSampleValue } from '../../../src/core/samples/types';
import type * as Types from '../../../src/core/samples/types';
import type * as Values from '../../../src/core/render/values';
import type * as Describe from '../../../src/core/samples/describe';

const load = createRequire(__filename);

/**
 * The extension's bundles each hold their own copy of core: a sample the service parses (in the activation bundle)
 * is rendered by the render check's lazy chunk, whose SampleNumber is another class. Here the second copy is the
 * same modules loaded again into a fresh module cache.
 */
function secondCopy<T>(rel: string): T {
  const src = path.resolve(__dirname, '../../../src');
  const saved = new Map(Object.entries(require.cache));
  for (const k of Object.keys(require.cache)) if (k.startsWith(src)) delete require.cache[k];
  try {
    return load(path.join(src, rel)) as T;
  } finally {
    for (const [k, v] of saved) require.cache[k] = v;
  }
}

describe('SampleNumber across copies of core (one per extension bundle)', () => {
  const values = secondCopy<typeof Values>('core/render/values');
  const describeMod = secondCopy<typeof Describe>('core/samples/describe');
  const other = secondCopy<typeof Types>('core/samples/types');
  const n = new SampleNumber('12345678901234567890');

  it('is a SampleNumber to every copy, and nothing else is', () => {
    assert.notEqual(other.SampleNumber, SampleNumber, 'the test really has two copies');
    assert.ok(n instanceof other.SampleNumber);
    assert.ok(new other.SampleNumber('1') instanceof SampleNumber);
    assert.ok(other.isSampleValue(n) && isSampleValue(new other.SampleNumber('1')));
    for (const v of [{}, { text: '1' }, null, 1, '1', [n]]) assert.ok(!(v instanceof other.SampleNumber));
  });

  it('fills tags digit for digit in another copy: as text, :number and :json', () => {
    assert.equal(describeMod.valueText(n), '12345678901234567890');
    assert.deepEqual(values.convertTyped(n, 'number'), { ok: true, value: { text: '12345678901234567890' } });
    assert.deepEqual(values.convertTyped([n], 'json'), { ok: true, value: { text: '[\n  12345678901234567890\n]' } });
  });
});
