import * as assert from 'node:assert/strict';
import { githubAnnotation } from '../../../src/cli/annotations';

describe('GitHub annotations', () => {
  it('escapes what the runner would read as syntax: % CR LF in the message, also : and , in properties', () => {
    const line = githubAnnotation({
      path: 'a,b:c.ccmacro.json',
      line: 2,
      column: 3,
      endLine: 2,
      endColumn: 9,
      severity: 'warning',
      code: 'tag/unknown',
      message: '100% sure\r\nnext, line: here',
    });
    assert.equal(
      line,
      '::warning file=a%2Cb%3Ac.ccmacro.json,line=2,col=3,endLine=2,endColumn=9,title=ccmacro tag/unknown::100%25 sure%0D%0Anext, line: here',
    );
  });

  it('maps info to notice', () => {
    assert.match(
      githubAnnotation({
        path: 'x',
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 1,
        severity: 'info',
        code: 'c',
        message: 'm',
      }),
      /^::notice /,
    );
  });
});
