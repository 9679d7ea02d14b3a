import * as assert from 'node:assert/strict';
import { parseRunnerOutput } from '../../fakes/githubRunner';

describe('the GitHub runner fake reads commands as actions/runner does', () => {
  const one = (output: string) => parseRunnerOutput(output, { anyName: true }).commands;

  it('the current form: after leading white space only, properties and data unescaped', () => {
    // ActionCommandL0.cs, CommandParserV2Test.
    assert.deepEqual(
      one('::do-something k1=;=%2C=%0D=%0A=]=%3A,::;-%0D-%0A-]-:-,').map(c => [c.name, c.properties, c.data]),
      [['do-something', { k1: ';=,=\r=\n=]=:' }, ';-\r-\n-]-:-,']],
    );
    assert.equal(one('   \t::warning::x').length, 1);
    assert.equal(one('\u2003::warning::x').length, 1, '.NET trims an em space');
    assert.equal(one('\ufeff::warning::x').length, 0, '.NET does not trim a byte-order mark');
    assert.equal(one('x ::warning::x').length, 0);
    assert.equal(one('::warning x').length, 0, 'no second ::');
    assert.deepEqual(
      one('a\r::error file=a%2Cb,line=2::100%25\r\nb').map(c => [c.line, c.properties.file, c.data]),
      [[1, 'a,b', '100%']],
      'CR ends a line too',
    );
  });

  it('the legacy form: ##[ anywhere in the line', () => {
    // ActionCommandL0.cs, CommandParserTest.
    assert.deepEqual(
      one('>>>   ##[do-something k1=v1;]msg').map(c => [c.name, c.properties, c.data, c.form]),
      [['do-something', { k1: 'v1' }, 'msg', 'legacy']],
    );
  });

  it('only registered names count, unless every name is asked for', () => {
    assert.equal(parseRunnerOutput('::do-something::x').commands.length, 0);
    assert.equal(parseRunnerOutput('::ERROR::x').commands.length, 1, 'names compare case-insensitively');
  });

  it('::stop-commands::TOKEN ignores every command until ::TOKEN::', () => {
    const r = parseRunnerOutput(
      '::stop-commands::tok123\n::error::ignored\n##[warning]ignored\n::tok123::\n::error::runs',
    );
    assert.deepEqual(
      r.commands.map(c => `${c.name}:${c.data}`),
      ['stop-commands:tok123', 'tok123:', 'error:runs'],
    );
    assert.deepEqual(
      r.ignored.map(c => c.data),
      ['ignored', 'ignored'],
    );
    assert.equal(parseRunnerOutput('::stop-commands::tok123\n::error::x').stopped, true);
  });
});
