/**
 * `npm run bench`: every *.bench.js next to this file, each printing its measurements next to a
 * baseline measured in the same run. Ratios, not absolute times, are what to compare across machines.
 */
// Load 'adaptivecards' from its bundle (see test/vendorModules.ts).
import '../test/vendorModules';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface BenchReport {
  (line: string): void;
}

async function main() {
  const only = process.argv[2];
  const files = fs
    .readdirSync(__dirname)
    .filter(f => f.endsWith('.bench.js') && (!only || f.includes(only)))
    .sort();
  for (const f of files) {
    console.log(`\n== ${f.replace(/\.bench\.js$/, '')} ==`);
    const mod = require(path.join(__dirname, f));
    await mod.run((line: string) => console.log(line));
  }
}

main().catch(e => {
  console.error(e);
  process.exitCode = 1;
});
