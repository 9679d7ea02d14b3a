import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { createCcmacroService } from '../../core';
import { formatProblem, type Problem } from '../../core/common/problem';
import { LineIndex } from '../../core/common/text';
import { chosenEnvironments, ENV_ARG_OPTIONS, ENV_HELP, environmentOption } from '../environment';
import { EXIT_OK, EXIT_PROBLEMS, UsageError, type CommandHandler } from '../io';
import { nodeFileSystem } from '../nodeFs';
import { cliTreeHost } from '../tagSyntax';
import { ALLOW_OUTSIDE_HELP, allowsOutside, sampleReach, Trees } from '../tree';
import { oneMacroFile, readMacroFile, resolveSampleOption, SAMPLE_ARG_OPTIONS, wholeNumberOption } from '../options';
import { inertText } from '../ciSafe';

const HELP = `Usage: ccmacro render FILE [--sample FILE|builtin:ID] [--sample-index N] [--allow-missing] [--allow-outside] [--format body|request|curl] [--env NAME]

Prints what the macro would send, filled in from a sample:
  --format body      (default) exactly the body bytes, nothing else
  --format request   method and URL, headers, a blank line, then the body; secrets shown as ••••
  --format curl      a runnable cURL command; secrets stay "$CCMACRO_SECRET_NAME" / "$NAME" references;
                     every value reaches curl literally (a body holding NUL is refused)
  --sample FILE      a sample-feedback JSON file, or builtin:feedback, builtin:user, builtin:hostile
                     (default: the macro's first "samples" entry, else the built-in typical sample)
  --sample-index N   which item of a sample file holding a list (from 0; default 0)
  --allow-missing    fill tags the sample has no value for with empty text instead of failing
${ALLOW_OUTSIDE_HELP}
${ENV_HELP}
\${secret:NAME} is read from the environment variable CCMACRO_SECRET_NAME (with --env ENV, from
CCMACRO_SECRET_<ENV>_NAME first), \${env:NAME} from NAME.
Exit codes: 0 rendered; 1 whenever an error is printed (path:line:col: error: …): render errors,
the sample, a file that is not UTF-8 text, the target's check (the request is still printed); 2 usage error or a macro file that cannot be read.`;

export const renderCommand: CommandHandler = async (argv, io) => {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      ...SAMPLE_ARG_OPTIONS,
      ...ENV_ARG_OPTIONS,
      format: { type: 'string' },
    },
  });
  if (values.help) {
    io.stdout(HELP + '\n');
    return EXIT_OK;
  }
  const shown = oneMacroFile(positionals, 'render');
  const format = values.format ?? 'body';
  if (format !== 'body' && format !== 'request' && format !== 'curl')
    throw new UsageError(`--format must be body, request or curl (not "${format}")`);
  const index = wholeNumberOption('--sample-index', values['sample-index'], 0) ?? 0;

  const file = path.resolve(io.cwd, shown);
  const fs = nodeFileSystem;
  // Outside a repository the tree is the current folder when the file is in it (the project, with its .ccmacro/), else
  // the file's folder.
  const trees = new Trees([io.cwd, file]);
  const reach = sampleReach(await trees.of(file), allowsOutside(values));
  const read = await readMacroFile(fs, file, shown, io, reach);
  if (!read.ok) return read.error;
  const doc = { path: file, text: read.value };
  const core = createCcmacroService({ fs, ...cliTreeHost(trees) });
  const environment = environmentOption(values.env, io);
  const envs = await chosenEnvironments(core, file, environment, io, reach);
  const vars = environment !== undefined && envs ? envs.varValues(environment) : undefined;
  const sampleSpec = await resolveSampleOption(values.sample, io.cwd, fs);
  // With a syntax error there is no sample to load: the render reports the syntax problems below.
  // The macro's own samples only inside its tree (a --sample the user names is read wherever it is).
  const loaded = await core.loadForSend(doc, {
    sample: sampleSpec,
    index,
    ...(sampleSpec === undefined ? { reach } : {}),
  });
  const { parsed } = loaded;
  const lines = new LineIndex(parsed.text);
  const report = (where: string, at: LineIndex | undefined, p: Problem) =>
    io.stderr(formatProblem(where, p, at) + '\n');
  if (loaded.ok || loaded.stage === 'sample') {
    const sample = loaded.sample;
    const sampleWhere = sample.path ? path.relative(io.cwd, sample.path) || sample.path : sample.name;
    const sampleLines = sample.text !== undefined ? new LineIndex(sample.text) : undefined;
    // A sample file named in the macro's "samples" that does not exist is the macro's problem: point there.
    const entry = values.sample === undefined ? (await core.macroOutline(doc)).valueRange(['samples', '0']) : undefined;
    for (const p of sample.problems) {
      if ((p.code === 'sample/not-found' || p.code === 'sample/cannot-read' || p.code === 'sample/outside') && entry)
        report(shown, lines, { ...p, range: entry });
      else report(sampleWhere, sampleLines, p);
    }
    if (!loaded.ok) return EXIT_PROBLEMS;
  }

  const result = await core.render(parsed, {
    sample: loaded.ok ? loaded.item : {},
    allowMissing: values['allow-missing'],
    vars,
  });
  for (const p of result.problems) report(shown, lines, p);
  if (!result.request) return EXIT_PROBLEMS;
  // The target's payload check, as the preview runs it: reported, and the request is still printed (to look at what
  // the service would refuse), but an error makes the exit code 1, as its help says and `validate` and `test` do.
  const targetProblems = await core.targetProblems(parsed, result);
  for (const p of targetProblems) report(shown, lines, p);
  const printed = targetProblems.some(p => p.severity === 'error') ? EXIT_PROBLEMS : EXIT_OK;
  const request = result.request;

  if (format === 'body') {
    if (request.bodyText === undefined) io.stderr(`${shown}: the request has no body (nothing to print)\n`);
    else io.stdout(request.bodyText);
    return printed;
  }
  if (format === 'curl') {
    const curl = await core.curl(parsed, request, result);
    if (!curl.ok) {
      report(shown, lines, curl.error);
      return EXIT_PROBLEMS;
    }
    io.stdout(curl.value);
    return printed;
  }
  // request: check every secret is set (as a send would), but print them masked: placeholders show as ••••, and so
  // do credentials written literally (a Slack webhook path, an Authorization value), as in the preview.
  const text = await core.requestText(parsed, request, await core.envSecretResolver(io.env, environment));
  if (!text.ok) {
    for (const p of text.error) report(shown, lines, p);
    return EXIT_PROBLEMS;
  }
  // For people (not the exact bytes: that is --format body): nothing it quotes reads as a CI command.
  io.stdout(inertText(text.value));
  return printed;
};
