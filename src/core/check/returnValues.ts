import * as path from 'node:path';
import type { Problem } from '../common/problem';
import { returnValueEntries } from '../macro/returnValues';
import { evaluateReturnValues, returnValueProblems } from '../returns/evaluate';
import { describeSampleItem } from '../samples/describe';
import { distinctSamples } from '../samples/load';
import { refusesSample } from '../samples/reach';
import type { NamedCheck } from './types';
import { pushAll } from '../common/arrays';

/**
 * The macro's `returnValues` read from each `$response` its sample items carry: a field the response does not
 * have (or that is not a single value) means Centercode would save nothing, reported on the entry.
 */
export const returnValuesCheck: NamedCheck = {
  name: 'return values',
  run: async ctx => {
    const entries = returnValueEntries(ctx.parsed);
    const samples = ctx.parsed.macro?.samples;
    if (entries.length === 0 || !Array.isArray(samples)) return [];
    const out: Problem[] = [];
    const specs = samples.filter((s): s is string => typeof s === 'string' && !!s.trim()).map(spec => ({ spec }));
    // Each file once, at most the files a render reads, none the reach refuses (the samples check reports those).
    for (const { spec: s } of distinctSamples(specs, ctx.dir).kept) {
      if (s.startsWith('builtin:')) continue;
      const samplePath = path.resolve(ctx.dir, s);
      if (await refusesSample(samplePath, ctx.options.sampleReach)) continue;
      const read = await ctx.env.fs.readFile(samplePath);
      if (!read.ok) continue; // the samples and render checks report a file that cannot be read
      const file = ctx.env.sampleFiles.parse(samplePath, read.value);
      file.items.forEach((item, i) => {
        if (!item.response) return;
        const where = `the response in ${describeSampleItem({ name: s, items: file.items }, i)}`;
        pushAll(out, returnValueProblems(evaluateReturnValues(entries, item.response.bodyText, where), entries));
      });
    }
    return out;
  },
};
