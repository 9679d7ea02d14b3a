// What the extension's build must keep true, checked on esbuild's metafile after every build (scripts/build.mjs).
import * as path from 'node:path';

/** Packages that must never be on the activation path: loaded by the feature that needs them, on first use. */
const NOT_AT_ACTIVATION = ['undici', 'ajv', 'adaptivecards'];
/**
 * Our own modules that must never be on the activation path: the service's methods (loaded together on the first call
 * of any) and the features loaded on first use. The bench (bench/activation.bench.ts) also fails when activation or a
 * timer it queues import()s them.
 */
const NOT_AT_ACTIVATION_SOURCES = ['src/core/service/methods.ts', 'src/extension/onFirstUse.ts'];
/**
 * Never in the extension at all: the schema check's compiler and the schema JSON. The editor leaves the schema to
 * VS Code's JSON language server (the contributed schema); only the CLI brings a validator (src/cli/schema.ts).
 */
const NEVER_IN_EXTENSION = [/(^|\/)node_modules\/ajv\//, /(^|\/)schemas\/ccmacro\.schema\.json$/];

const packageOf = input => /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input)?.[1];

/**
 * The files activation loads: the entry (dist/extension.mjs) and every chunk it reaches through static imports,
 * with their inputs and total size. What sits behind an `import()` is not loaded until that code runs.
 */
export function activationInputs(metafile, outdir) {
  const entry = path.posix.join(outdir.split(path.sep).join('/'), 'extension.mjs');
  const files = [];
  const seen = new Set([entry]);
  for (let i = 0, queue = [entry]; i < queue.length; i++) {
    files.push(queue[i]);
    for (const imp of metafile.outputs[queue[i]]?.imports ?? []) {
      if (imp.kind !== 'import-statement' || imp.external || seen.has(imp.path)) continue;
      seen.add(imp.path);
      queue.push(imp.path);
    }
  }
  const inputs = files.flatMap(f => Object.keys(metafile.outputs[f]?.inputs ?? {}));
  const bytes = files.reduce((n, f) => n + (metafile.outputs[f]?.bytes ?? 0), 0);
  return { files, inputs, bytes };
}

/** Every broken rule, as a sentence; empty when the build is fine. */
export function checkExtensionBuild(metafile, outdir) {
  const errors = [];
  for (const input of activationInputs(metafile, outdir).inputs) {
    const pkg = packageOf(input);
    if (pkg && NOT_AT_ACTIVATION.includes(pkg))
      errors.push(
        `"${pkg}" is on the activation path (${input}): reach the code that uses it through an import() (a service method)`,
      );
    if (NOT_AT_ACTIVATION_SOURCES.includes(input))
      errors.push(`${input} is on the activation path: it is loaded on first use, behind an import()`);
  }
  const outputsOf = new Map();
  for (const [file, output] of Object.entries(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      if (NEVER_IN_EXTENSION.some(re => re.test(input)))
        errors.push(`${file} holds ${input}: the schema check is the CLI's (src/cli/schema.ts), never the editor's`);
      if (bytesInOutput > 0) outputsOf.set(input, [...(outputsOf.get(input) ?? []), file]);
    }
  }
  // esbuild's code splitting writes each module once; a second copy would be a second class, a second cache.
  for (const [input, files] of outputsOf)
    if (files.length > 1) errors.push(`${input} is in ${files.length} files (${files.join(', ')}): it must be in one`);
  return [...new Set(errors)];
}
