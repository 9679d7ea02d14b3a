import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { newMacroFileName } from '../../core/macro/fileName';
import { createCcmacroService } from '../../core';
import type { MacroTemplateInfo } from '../../core/targets';
import { nodeFileSystem } from '../nodeFs';
import { EXIT_OK, UsageError, type CommandHandler } from '../io';
import { nodePathKind, Trees } from '../tree';
import { cliTreeHost } from '../tagSyntax';
import { writeImported } from '../imported';

const help = (
  templates: readonly MacroTemplateInfo[],
) => `Usage: ccmacro new [--target ${templates.map(t => t.kind).join('|')}] [--out DIR] NAME

Writes a new macro named NAME from the template "ccmacro: New Webhook Macro…" uses in VS Code,
into DIR (default: the current folder) as NAME's slug + .ccmacro.json ("Escalate blocker" →
escalate-blocker.ccmacro.json), numbered -2, -3, … when that name is taken: it never writes over
a file. The macro validates clean; secrets are \${secret:NAME} placeholders (the names to set are printed).

Templates (--target, default ${templates.find(t => t.isDefault)!.kind}):
${templates.map(t => `  ${t.kind.padEnd(11)} ${t.description}`).join('\n')}
Exit codes: 0 written; 2 usage error or the file cannot be written.`;

export const newCommand: CommandHandler = async (argv, io) => {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      target: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const out = path.resolve(io.cwd, values.out ?? '.');
  // The template's tags in the syntax of the project the file goes to: its .ccmacro/config.json, looked for up to the
  // repository, else up to the current folder (or --out, when it is outside it).
  const core = createCcmacroService({ fs: nodeFileSystem, ...cliTreeHost(new Trees([io.cwd, out])) });
  const templates = await core.macroTemplates();
  if (values.help) {
    io.stdout(help(templates) + '\n');
    return EXIT_OK;
  }
  const kind = values.target ?? templates.find(t => t.isDefault)!.kind;
  const kinds = templates.map(t => t.kind);
  if (!kinds.includes(kind))
    throw new UsageError(`there is no template for --target ${kind}: the templates are ${kinds.join(', ')}`);
  if (positionals.length !== 1)
    throw new UsageError(
      positionals.length === 0
        ? 'what is the macro called? Usage: ccmacro new [--target KIND] NAME'
        : `new takes one NAME, got ${positionals.length}: put a name with spaces in quotes`,
    );
  const name = positionals[0].trim();
  if (!name) throw new UsageError('the name is empty');
  // The next free name, as the editor picks it: anything already at a path (a file, a folder, a link) takes it.
  const rel = await newMacroFileName(name, async f => (await nodePathKind(path.join(out, f))) !== undefined);
  const text = await core.macroTemplate(kind, name, path.join(out, rel));
  const secrets = (await core.secretNamesIn(text)).map(n => ({
    name: n,
    value: '',
    what: 'see the comment at the top of the macro',
  }));
  return writeImported([{ rel, text }], { secrets, notes: [], unmapped: [] }, { out, force: false }, io);
};
