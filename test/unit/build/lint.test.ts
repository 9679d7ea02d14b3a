import * as assert from 'node:assert/strict';
import { ESLint } from 'eslint';
import { configs } from 'typescript-eslint';
import { REPO_ROOT } from '../../root';

// Each rule eslint.config.mjs enforces, shown failing once: a throwaway file, linted with the repository's own
// configuration through ESLint's Node API (lintText on a path that need not exist), never written to the tree. Each
// case has a twin that obeys the rule and must pass it, so a rule that fires on everything fails here too.

interface Case {
  /** What the rule keeps true. */
  what: string;
  rule: string;
  /** A path in the repository (the rules depend on where a file is). */
  file: string;
  bad: string;
  good: string;
}

const CASES: Case[] = [
  {
    what: '`.only` in a unit test (bdd)',
    rule: 'no-restricted-properties',
    file: 'test/unit/throwaway.test.ts',
    bad: "describe('a', () => {\n  it.only('b', () => {});\n});\n",
    good: "describe('a', () => {\n  it('b', () => {});\n});\n",
  },
  {
    what: '`.only` in a host test (tdd)',
    rule: 'no-restricted-properties',
    file: 'test/host/throwaway.test.ts',
    bad: "suite.only('a', () => {\n  test('b', () => {});\n});\n",
    good: "suite('a', () => {\n  test('b', () => {});\n});\n",
  },
  {
    what: 'an import of vscode in src/core',
    rule: 'no-restricted-imports',
    file: 'src/core/macro/throwaway.ts',
    bad: "import * as vscode from 'vscode';\nexport const v = vscode.version;\n",
    good: "import * as path from 'node:path';\nexport const v = path.sep;\n",
  },
  {
    what: 'import("vscode") in src/core',
    rule: 'no-restricted-syntax',
    file: 'src/core/macro/throwaway.ts',
    bad: "export async function load(): Promise<unknown> {\n  return import('vscode');\n}\n",
    good: "export async function load(): Promise<unknown> {\n  return import('node:path');\n}\n",
  },
  {
    what: 'the type import("vscode").Uri in src/core',
    rule: 'no-restricted-syntax',
    file: 'src/core/macro/throwaway.ts',
    bad: "// eslint-disable-next-line @typescript-eslint/consistent-type-imports\nexport type U = import('vscode').Uri;\n",
    good: "// eslint-disable-next-line @typescript-eslint/consistent-type-imports\nexport type U = import('node:url').URL;\n",
  },
  {
    what: 'require("vscode") in src/cli',
    rule: 'no-restricted-syntax',
    file: 'src/cli/throwaway.ts',
    bad: "// eslint-disable-next-line @typescript-eslint/no-require-imports\nexport const vscode: unknown = require('vscode');\n",
    good: "// eslint-disable-next-line @typescript-eslint/no-require-imports\nexport const path: unknown = require('node:path');\n",
  },
  {
    what: 'src/webview importing extension code',
    rule: 'import-x/no-restricted-paths',
    file: 'src/webview/throwaway.ts',
    bad: "import { activate } from '../extension/extension';\nexport const a = activate;\n",
    good: "import { teamsMarkdown } from './targets/teams/markdown';\nexport const a = teamsMarkdown;\n",
  },
  {
    what: 'src/webview importing extension types',
    rule: 'import-x/no-restricted-paths',
    file: 'src/webview/throwaway.ts',
    bad: "import type { ExtensionServices } from '../extension/services';\nexport type S = ExtensionServices;\n",
    good: "import type { TeamsRenderer } from './targets/teams/api';\nexport type S = TeamsRenderer;\n",
  },
  {
    what: 'src/webview importing core code (types only)',
    rule: '@typescript-eslint/no-restricted-imports',
    file: 'src/webview/throwaway.ts',
    bad: "import { TEAMS_VALUE_MARK } from '../core/preview/messages';\nexport const m = TEAMS_VALUE_MARK;\n",
    good: "import type { TeamsValueMark } from '../core/preview/messages';\nexport type M = TeamsValueMark;\n",
  },
  {
    what: 'a src/core folder that is in no layer',
    rule: 'ccmacro/core-layer',
    file: 'src/core/unlisted/throwaway.ts',
    bad: 'export const x = 1;\n',
    good: 'export const x = 1;\n',
  },
  {
    what: 'a file directly in src/core that is neither the service nor the host interfaces',
    rule: 'ccmacro/core-layer',
    file: 'src/core/throwaway.ts',
    bad: 'export const x = 1;\n',
    good: 'export const x = 1;\n',
  },
  {
    what: "a core file outside a target's folder importing the target's internals",
    rule: 'ccmacro/target-internals',
    file: 'src/core/preview/throwaway.ts',
    bad: "import { parseSlackPayload } from '../targets/slack/message';\nexport const p = parseSlackPayload;\n",
    good: "import { targetById } from '../targets';\nexport const t = targetById;\n",
  },
  {
    what: "one target's folder importing another's",
    rule: 'ccmacro/target-internals',
    file: 'src/core/targets/slack/throwaway.ts',
    bad: "import { TEAMS_FIELDS } from '../teams/escape';\nexport const f = TEAMS_FIELDS;\n",
    good: "import { SLACK_FIELDS } from './escape';\nexport const f = SLACK_FIELDS;\n",
  },
  {
    what: "the webview page importing a target's drawing module or view types past the registries",
    rule: 'ccmacro/target-internals',
    file: 'src/webview/throwaway.ts',
    bad: "import { slackDrawing } from './targets/slack';\nimport type { SlackMessage } from '../core/targets/slack/message';\nexport const d: unknown = slackDrawing;\nexport type M = SlackMessage;\n",
    good: "import { TARGET_DRAWINGS } from './targets';\nimport type { TargetViews } from '../core/targets/views';\nexport const d = TARGET_DRAWINGS;\nexport type V = TargetViews;\n",
  },
  {
    what: 'a lower core layer importing a higher one',
    rule: 'import-x/no-restricted-paths',
    file: 'src/core/common/throwaway.ts',
    bad: "import { ALL_CHECKS } from '../check/checks';\nexport const c = ALL_CHECKS;\n",
    good: "import { problem } from './problem';\nexport const c = problem;\n",
  },
  {
    what: 'the extension importing a core module that is not pure (its code runs behind the service)',
    rule: '@typescript-eslint/no-restricted-imports',
    file: 'src/extension/features/throwaway.ts',
    bad: "import { renderMacro } from '../../core/render/render';\nexport const r = renderMacro;\n",
    good:
      "import { formatProblem } from '../../core/common/problem';\nimport type { RenderResult } from '../../core/render/types';\n" +
      'export const f = formatProblem;\nexport type R = RenderResult;\n',
  },
  {
    what: 'the CLI importing a core module that is not pure',
    rule: '@typescript-eslint/no-restricted-imports',
    file: 'src/cli/commands/throwaway.ts',
    bad: "import { loadMacroForSend } from '../../core/send/prepare';\nexport const l = loadMacroForSend;\n",
    good: "import { createCcmacroService } from '../../core';\nexport const c = createCcmacroService;\n",
  },
  {
    what: 'the extension importing the CLI-only pure module (jsdiff stays out of the extension)',
    rule: '@typescript-eslint/no-restricted-imports',
    file: 'src/extension/throwaway.ts',
    bad: "import { unifiedDiff } from '../core/snapshot/diff';\nexport const d = unifiedDiff;\n",
    good: "import { unifiedDiff } from '../core/snapshot/diff';\nexport const d = unifiedDiff;\n",
  },
  {
    what: 'an import() of a core module outside the service',
    rule: 'no-restricted-syntax',
    file: 'src/extension/send/throwaway.ts',
    bad: "export const load = () => import('../../core/send/send');\n",
    good: "export const load = () => import('./lazy');\n",
  },
];

/** Where each layer case's twin lives: the same code in a folder of LAYERS (the rule is about the path). */
const GOOD_FILE: Record<string, string> = {
  'src/core/unlisted/throwaway.ts': 'src/core/macro/throwaway.ts',
  'src/core/throwaway.ts': 'src/core/macro/throwaway.ts',
  // The same import is the CLI's to make.
  'src/extension/throwaway.ts': 'src/cli/throwaway.ts',
};

function ruleMessages(results: ESLint.LintResult[], rule: string): string[] {
  const messages = results.flatMap(r => r.messages);
  const fatal = messages.filter(m => m.fatal);
  assert.deepEqual(fatal, [], 'the throwaway file parses');
  return messages.filter(m => m.ruleId === rule).map(m => m.message);
}

describe('npm run lint enforces each rule (shown on throwaway files)', function () {
  this.timeout(120_000);

  describe('rules that read the syntax and the import graph', () => {
    // Type information needs a file the TypeScript project holds, and these paths are new: the promise rules are
    // shown below on real paths, the rest without type information (tseslint's disableTypeChecked).
    let eslint: ESLint;
    before(() => {
      eslint = new ESLint({
        cwd: REPO_ROOT,
        overrideConfig: configs.disableTypeChecked as ESLint.Options['overrideConfig'],
      });
    });

    for (const c of CASES) {
      it(`${c.rule} fails ${c.what}`, async () => {
        const bad = ruleMessages(await eslint.lintText(c.bad, { filePath: c.file }), c.rule);
        assert.ok(bad.length > 0, `${c.rule} did not fire on ${c.file}:\n${c.bad}`);
        const goodFile = GOOD_FILE[c.file] ?? c.file;
        const good = ruleMessages(await eslint.lintText(c.good, { filePath: goodFile }), c.rule);
        assert.deepEqual(good, [], `${c.rule} fired on ${goodFile}, which obeys it:\n${c.good}`);
      });
    }

    it('the messages say how to fix it', async () => {
      const [layer] = ruleMessages(
        await eslint.lintText('export const x = 1;\n', { filePath: 'src/core/workflows/throwaway.ts' }),
        'ccmacro/core-layer',
      );
      assert.equal(layer, 'src/core/workflows/ is in no layer: add "workflows" to LAYERS in eslint.config.mjs.');
      const [internal] = ruleMessages(
        await eslint.lintText("export { SLACK_LIMITS } from '../targets/slack/payload';\n", {
          filePath: 'src/core/receiver/throwaway.ts',
        }),
        'ccmacro/target-internals',
      );
      assert.equal(
        internal,
        "src/core/receiver/throwaway.ts reaches into the slack target's folder (../targets/slack/payload): outside src/core/targets/slack/ and its drawing module, go through the registry (src/core/targets/index.ts).",
      );
      const [only] = ruleMessages(
        await eslint.lintText("it.only('a', () => {});\n", { filePath: 'test/unit/x.test.ts' }),
        'no-restricted-properties',
      );
      assert.match(only, /`\.only` runs a part of the suite/);
    });
  });

  describe('the promise rules (type-aware)', () => {
    // Real files of the project, with throwaway text in place of theirs (the project service lints the given text).
    let eslint: ESLint;
    before(() => {
      eslint = new ESLint({ cwd: REPO_ROOT });
    });
    const file = 'src/core/index.ts';
    const typed: Array<Omit<Case, 'file'>> = [
      {
        what: 'a promise nobody awaits',
        rule: '@typescript-eslint/no-floating-promises',
        bad: 'async function save(): Promise<void> {}\nexport function onSave(): void {\n  save();\n}\n',
        good:
          'async function save(): Promise<void> {}\nexport function onSave(): void {\n' +
          '  // Fire and forget: save() reports its own failures.\n  void save();\n}\n',
      },
      {
        what: 'an async listener where a void callback is expected',
        rule: '@typescript-eslint/no-misused-promises',
        bad:
          "import { EventEmitter } from 'node:events';\nasync function answer(): Promise<void> {}\n" +
          "export function listen(e: EventEmitter): void {\n  e.on('end', async () => answer());\n}\n",
        good:
          "import { EventEmitter } from 'node:events';\nasync function answer(): Promise<void> {}\n" +
          "export function listen(e: EventEmitter): void {\n  e.on('end', () => {\n    answer().catch(() => undefined);\n  });\n}\n",
      },
      {
        what: 'a promise used as a condition',
        rule: '@typescript-eslint/no-misused-promises',
        bad: 'export async function ready(p: Promise<boolean>): Promise<number> {\n  return p ? 1 : 0;\n}\n',
        good: 'export async function ready(p: Promise<boolean>): Promise<number> {\n  return (await p) ? 1 : 0;\n}\n',
      },
    ];
    for (const c of typed) {
      it(`${c.rule} fails ${c.what}`, async () => {
        const bad = ruleMessages(await eslint.lintText(c.bad, { filePath: file }), c.rule);
        assert.ok(bad.length > 0, `${c.rule} did not fire:\n${c.bad}`);
        assert.deepEqual(ruleMessages(await eslint.lintText(c.good, { filePath: file }), c.rule), []);
      });
    }
  });
});
