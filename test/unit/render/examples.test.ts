import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EnvironmentFiles } from '../../../src/core/environments/environments';
import { nodeFileSystem } from '../../../src/cli/nodeFs';
import { parseMacro } from '../../../src/core/macro/parse';
import { BUILTIN_SAMPLES } from '../../../src/core/samples/builtin';
import { targetById } from '../../../src/core/targets';
import { renderMacro } from '../../../src/core/targets/render';
import { findNodeAtOffset } from 'jsonc-parser';
import { xmlEscape } from '../../../src/core/render/encode';
import { slackEscape } from '../../../src/core/targets/slack/escape';
import { escapeTeamsMarkdown, teamsFieldOf, teamsUrlValue } from '../../../src/core/targets/teams/escape';
import { REPO_ROOT } from '../../root';

const ROOT = REPO_ROOT;
const EXAMPLES = path.join(ROOT, 'examples');
const hostile = BUILTIN_SAMPLES.find(s => s.id === 'hostile')!.items[0];

describe('every example macro with the hostile sample', function () {
  this.timeout(60000);
  const files = fs.existsSync(EXAMPLES)
    ? fs
        .readdirSync(EXAMPLES)
        .filter(f => f.endsWith('.ccmacro.json'))
        .sort()
    : [];
  it('there are examples to check', () => assert.ok(files.length >= 1));

  for (const f of files) {
    it(`${f} renders to a body that parses and carries each value exactly, and the CLI prints the same bytes`, async () => {
      const file = path.join(EXAMPLES, f);
      const parsed = parseMacro(fs.readFileSync(file, 'utf8'));
      // The examples' ${var:…} values: examples/.ccmacro/environments.json, environment "staging".
      const envs = await new EnvironmentFiles(nodeFileSystem).forFolder(EXAMPLES);
      // ((Jira Key)) is External Data (the create macro's return value), which no built-in sample holds: left empty.
      const external = f === 'jira-env-update-issue.ccmacro.json';
      const r = renderMacro(parsed, { sample: hostile, vars: envs?.varValues('staging'), allowMissing: external });
      assert.deepEqual(
        r.problems.filter(p => p.severity === 'error'),
        [],
      );
      const req = r.request!;
      const format = parsed.macro?.request?.bodyFormat ?? 'json';
      const bodySubs = r.substitutions.filter(s => s.target.part === 'body');
      if (req.bodyText !== undefined) {
        if (format === 'json') {
          JSON.parse(req.bodyText);
          // What each value becomes: Slack escapes all; Teams escapes by card field (Markdown, URL, plain).
          const expected = (s: (typeof bodySubs)[number]) => {
            if (r.target === 'slack') {
              // Slack reads web-address fields (url, image_url, …) as they are: only text is Slack-escaped.
              const key = /"([^"]*)": "[^"]*$/.exec(req.bodyText!.slice(0, s.target.start))?.[1] ?? '';
              return /^(url|.+_url|.+_link)$/.test(key) ? s.value : slackEscape(s.value);
            }
            if (r.target !== 'teams') {
              // Other targets: the value as their field encoding writes it for the kind of field it lands in.
              const fields = targetById(r.target).fields;
              const node = findNodeAtOffset(parsed.root!, s.source.start)!;
              const kind = fields.kindOf?.({ node, opens: s.source.start === node.offset + 1 }) ?? fields.defaultKind;
              return fields.kinds[kind].encode(s.value);
            }
            const node = findNodeAtOffset(parsed.root!, s.source.start)!;
            const field = teamsFieldOf(node);
            if (field === 'markdown') return escapeTeamsMarkdown(s.value);
            if (field === 'url') return teamsUrlValue(s.value, s.source.start === node.offset + 1).text;
            return s.value;
          };
          for (const s of bodySubs) {
            const slice = req.bodyText.slice(s.target.start, s.target.end);
            if (!s.typed) assert.equal(JSON.parse(`"${slice}"`), expected(s), `((${s.tag}))`);
          }
        } else if (format === 'form') {
          const values = [...new URLSearchParams(req.bodyText).values()].join('\n');
          for (const s of bodySubs) assert.ok(values.includes(s.value), `((${s.tag}))`);
        } else {
          for (const s of bodySubs)
            assert.ok(req.bodyText.includes(format === 'xml' ? xmlEscape(s.value) : s.value), `((${s.tag}))`);
        }
      }
      const cli = spawnSync(
        process.execPath,
        [
          path.join(ROOT, 'bin/ccmacro.js'),
          'render',
          file,
          '--sample',
          'builtin:hostile',
          '--env',
          'staging',
          ...(external ? ['--allow-missing'] : []),
        ],
        { encoding: 'buffer' },
      );
      // A payload the target refuses (Slack's section limit with the hostile description) is still printed, exit 1.
      assert.equal(cli.status, /: error: /.test(cli.stderr.toString()) ? 1 : 0, cli.stderr.toString());
      assert.ok(cli.stdout.equals(Buffer.from(req.body ?? new Uint8Array())), 'CLI output is the same bytes');
    });
  }
});
