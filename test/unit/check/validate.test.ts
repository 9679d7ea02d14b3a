import { strict as assert } from 'node:assert';
import { createCcmacroService } from '../../../src/core';
import { ALL_CHECKS } from '../../../src/core/check/checks';
import { InMemoryFileSystem } from '../../fakes/fileSystem';

const MACRO = '{ "name": "T", "request": { "method": "POST", "url": "https://a.example/" } }';

describe('the check pipeline', () => {
  it('a check that fails inside ccmacro is an error in the file (exit code 1), never a warning that passes', async () => {
    const failing = {
      name: 'exploding',
      run: () => {
        throw new RangeError('Maximum call stack size exceeded');
      },
    };
    ALL_CHECKS.push(failing);
    try {
      const r = await createCcmacroService({ fs: new InMemoryFileSystem() }).validate({
        path: '/p/m.ccmacro.json',
        text: MACRO,
      });
      const internal = r.problems.filter(p => p.code === 'internal');
      assert.equal(internal.length, 1);
      assert.equal(internal[0].severity, 'error');
      assert.match(internal[0].message, /could not run its "exploding" check, so this file is not fully checked/);
      assert.match(internal[0].message, /Maximum call stack size exceeded/);
    } finally {
      ALL_CHECKS.splice(ALL_CHECKS.indexOf(failing), 1);
    }
  });
});
