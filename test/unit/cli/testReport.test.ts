import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { validateXML } from 'xmllint-wasm';
import { githubReport, humanReport, junitReport, type TestRunReport } from '../../../src/cli/testReport';
import { REPO_ROOT } from '../../root';

const DIFF = '--- a (snapshot)\n+++ b (rendered now)\n@@ -1 +1 @@ ### s [0]\n-old\n+new\n';

const report = (name: string, message: string): TestRunReport => ({
  ci: true,
  update: false,
  macros: [
    {
      file: 'm.ccmacro.json',
      name: 'M',
      cases: [
        { name: 's [0] ok', outcome: 'passed' },
        {
          name,
          outcome: 'failed',
          kind: 'mismatch',
          message,
          detail: DIFF,
          location: { file: 'm.ccmacro.json', line: 3, column: 5 },
        },
      ],
    },
  ],
});

describe('ccmacro test reporters', () => {
  it('colours the diff only when asked (a terminal)', () => {
    const plain = humanReport(report('s [1]', 'differs'), false);
    assert.ok(!plain.includes('\x1b['));
    assert.match(plain, /^-old$/m);
    const coloured = humanReport(report('s [1]', 'differs'), true);
    assert.ok(coloured.includes('\x1b[31m-old\x1b[0m') && coloured.includes('\x1b[32m+new\x1b[0m'));
  });

  it('writes well-formed, schema-valid JUnit XML whatever the names and messages hold', async () => {
    const hostile = 'Bug <b>&"quoted"\x1b[2J\u0007 \ud800 ]]> \uffff';
    const xml = junitReport(report(hostile, hostile));
    const r = await validateXML({
      xml: { fileName: 'r.xml', contents: xml },
      schema: {
        fileName: 'junit-10.xsd',
        contents: fs.readFileSync(path.join(REPO_ROOT, 'test/fixtures/junit/junit-10.xsd'), 'utf8'),
      },
    });
    assert.ok(r.valid, `${r.errors.map(e => e.message).join('; ')}\n${xml}`);
    assert.ok(!/[\x00-\x08\x0b\x0c\x0e-\x1f]/.test(xml), 'no control character XML 1.0 refuses');
    assert.match(xml, /name="Bug &lt;b&gt;&amp;&quot;quoted&quot;\\x1b\[2J\\x07 \uFFFD \]\]&gt; \uFFFD"/);
    assert.match(xml, /<failure message="Bug [^"]*" type="snapshot-mismatch">/);
  });

  it('annotates a failure at its file and line, one command per line', () => {
    const out = githubReport(report('s [1] multi\nline', 'it differs: 100%'));
    const lines = out.split('\n').filter(l => l.startsWith('::'));
    assert.equal(lines.length, 1);
    assert.ok(
      lines[0].startsWith(
        '::error file=m.ccmacro.json,line=3,col=5,endLine=3,endColumn=5,title=ccmacro snapshot/mismatch::s [1] multi%0Aline: it differs: 100%25%0A%0A--- a',
      ),
      lines[0],
    );
  });
});
