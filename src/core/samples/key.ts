/** How the preview's sample picker names a choice. */

/** `ID#INDEX`, where ID is what loadSampleForMacro takes ("builtin:hostile" or an absolute path). */
export function sampleKey(id: string, index: number): string {
  return `${id}#${index}`;
}

export function parseSampleKey(key: string): { id: string; index: number } | undefined {
  const hash = key.lastIndexOf('#');
  if (hash <= 0) return undefined;
  const index = Number(key.slice(hash + 1));
  return Number.isInteger(index) && index >= 0 ? { id: key.slice(0, hash), index } : undefined;
}
