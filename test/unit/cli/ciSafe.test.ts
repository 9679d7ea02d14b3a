import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { githubAnnotation, gitlabCodeQuality } from '../../../src/cli/annotations';
import { inertJson, inertText, inertXml } from '../../../src/cli/ciSafe';
import { visible } from '../../../src/core/common/controlChars';
import { githubReport, humanReport, junitReport, type TestRunReport } from '../../../src/cli/testReport';
import { parseRunnerOutput } from '../../fakes/githubRunner';
import { parseXmlStrict } from '../render/xmlTree';

// Hostile text: pieces of commands, white space the runner trims, every line break it knows.
const piece = fc.oneof(
  fc.constantFrom('::', ':', '##[', '#', '[', ']', '##vso[', '##VSO[', '##teamcity[', '##tc-x_1[', 'stop-commands'),
  fc.constantFrom('STOP-COMMANDS', 'error', 'teamcity', '##'),
  fc.constantFrom(' ', '\t', '\u2003', '\u3000', '\x85', '\xa0', '\ufeff', '\n', '\r', '\r\n', '\u2028'),
  fc.constantFrom('=', ',', ';', '%', '%0A', '\\', '"', '&', '<', '`', '@'),
  fc.string({ maxLength: 3 }),
);
const hostile = fc.array(piece, { maxLength: 24 }).map(a => a.join(''));

function assertInert(output: string, where: string): void {
  const parsed = parseRunnerOutput(output, { anyName: true });
  assert.deepEqual(parsed.commands, [], `${where}: ${JSON.stringify(output)}`);
  assert.doesNotMatch(output, /::stop-commands/i, where);
  assert.doesNotMatch(output, /##vso\[/i, where);
  // TeamCity (`##teamcity[`) and any other service of the `##<word>[` shape.
  assert.doesNotMatch(output, /##[\w-]*\[/, where);
}

describe('nothing ccmacro prints reads as a CI command', () => {
  it('inertText: a backslash where a runner would see a command, nothing else changed', () => {
    assert.equal(inertText(' ::stop-commands::T'), ' :\\:stop-commands::T');
    assert.equal(
      inertText('  ::error::x\nok\n##[warning]y ##vso[task]'),
      '  \\::error::x\nok\n##\\[warning]y ##vso\\[task]',
    );
    assert.equal(inertText('a ::b:: c'), 'a ::b:: c', 'not at the start of a line: nothing to do');
    assert.equal(
      inertText("x ##teamcity[buildStatus text='pwn'] ##TeamCity[a] ## [b] ##x#[c]"),
      "x ##teamcity\\[buildStatus text='pwn'] ##TeamCity\\[a] ## [b] ##x#[c]",
    );
    assert.equal(inertJson('"##teamcity[m]"'), '"##teamcity\\u005bm]"');
    assert.equal(inertXml('<a>##teamcity[m]</a>'), '<a>##teamcity&#91;m]</a>');
    fc.assert(
      fc.property(hostile, s => {
        const out = inertText(s);
        assertInert(out, 'inertText');
        assert.equal(out.replace(/\\/g, ''), s.replace(/\\/g, ''), 'only backslashes are added');
        assert.equal(inertText(out), out, 'idempotent');
      }),
      { numRuns: 2000 },
    );
  });

  it('inertJson: the same JSON value, no command', () => {
    fc.assert(
      fc.property(hostile, hostile, (key, value) => {
        const v = { [key]: value, list: [value, { value }] };
        for (const json of [JSON.stringify(v), JSON.stringify(v, null, 2)]) {
          const out = inertJson(json);
          assertInert(out, 'inertJson');
          assert.deepEqual(JSON.parse(out), v);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('inertXml: the same document, no command', () => {
    const esc = (s: string) =>
      s
        .replace(/[^\t\n\x20-\ud7ff\ue000-\ufffd]/gu, '')
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/"/g, '&quot;')
        .replace(/\r/g, '&#13;');
    fc.assert(
      fc.property(hostile, hostile, (attr, text) => {
        const xml = `<?xml version="1.0"?>\n<a b="${esc(attr)}">\n${esc(text)}\n<c>${esc(attr)}</c></a>\n`;
        const out = inertXml(xml);
        assertInert(out, 'inertXml');
        assert.deepEqual(parseXmlStrict(out), parseXmlStrict(xml));
      }),
      { numRuns: 1000 },
    );
  });

  it('every test reporter and the annotation formats, whatever names, messages and diffs hold', () => {
    fc.assert(
      fc.property(hostile, hostile, hostile, (name, message, line) => {
        const report: TestRunReport = {
          ci: true,
          update: false,
          macros: [
            {
              file: `${name}.ccmacro.json`,
              name,
              cases: [
                {
                  name,
                  outcome: 'failed',
                  kind: 'mismatch',
                  message,
                  detail: `--- a\n+++ b\n@@ -1 +1 @@\n ${line}\n-${line}\n+${name}\n`,
                  location: { file: `${name}.ccmacro.json`, line: 3, column: 5 },
                },
              ],
            },
          ],
        };
        assertInert(humanReport(report, false), 'human');
        assertInert(junitReport(report), 'junit');
        const problem = {
          path: `${name}.ccmacro.json`,
          line: 2,
          column: 1,
          endLine: 2,
          endColumn: 4,
          severity: 'error' as const,
          code: 'tag/unknown',
          message,
        };
        assertInert(gitlabCodeQuality([problem]), 'gitlab');
        // GitHub: exactly ccmacro's annotations, with the file, line and message meant.
        for (const output of [githubAnnotation(problem) + '\n', githubReport(report)]) {
          const parsed = parseRunnerOutput(output, { anyName: true });
          assert.equal(parsed.commands.length, 1, output);
          const [c] = parsed.commands;
          assert.equal(c.name, 'error');
          // Line breaks travel escaped (%0D, %0A) and come back; other control characters are shown visibly.
          const file = `${name}.ccmacro.json`
            .split(/(\r|\n)/)
            .map(part => (part === '\r' || part === '\n' ? part : visible(part)))
            .join('');
          assert.equal(c.properties.file, file);
          assert.equal(c.properties.line, output === githubReport(report) ? '3' : '2');
          assert.doesNotMatch(output, /::stop-commands/i);
        }
      }),
      { numRuns: 500 },
    );
  });
});
