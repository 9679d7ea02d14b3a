import type { CheckContext, NamedCheck } from './types';
import { collectStringSites } from '../macro/sites';
import { problem, type Problem } from '../common/problem';
import { scanVars } from '../tags/scanner';
import { StringLiteral } from '../tags/literal';
import type { Environments } from '../environments/environments';
import { ENVIRONMENTS_FILE } from '../environments/file';
import type { RenderOptions } from '../render/types';
import type { OffsetRange } from '../common/text';

/** The project's environments for the macro being checked (read once per validation). */
function macroEnvironments(ctx: CheckContext): Promise<Environments | undefined> {
  const files = ctx.env.environments;
  if (!files) return Promise.resolve(undefined);
  return (ctx.shared.environments ??= files.forFolder(ctx.dir, ctx.options.sampleReach)) as Promise<
    Environments | undefined
  >;
}

/**
 * The `${var:…}` values the render check renders with: the chosen environment's (`--env`, the editor's active one),
 * or each kept by name when none is chosen (the var check below then checks every environment).
 */
export async function checkVars(ctx: CheckContext): Promise<RenderOptions['vars']> {
  const name = ctx.options.environment;
  if (name === undefined) return 'keep';
  const envs = await macroEnvironments(ctx);
  return envs?.has(name) ? envs.varValues(name) : 'keep';
}

interface VarUse {
  name: string;
  range: OffsetRange;
  /** In the URL or a header value, where a line break or control character cannot go. */
  line: boolean;
}

/** Every `${var:NAME}` where it is filled in (the URL, header values, body values), located in the macro. */
function varUses(ctx: Pick<CheckContext, 'parsed'>): VarUse[] {
  const out: VarUse[] = [];
  const text = ctx.parsed.text;
  for (const site of collectStringSites(ctx.parsed)) {
    if (site.kind !== 'url' && site.kind !== 'header-value' && site.kind !== 'body') continue;
    // Cheap pre-check on the raw text (an escaped `$` is rare enough to take the slow path only then).
    const raw = text.slice(site.node.offset, site.node.offset + site.node.length);
    if (raw.indexOf('${var:') < 0 && raw.indexOf('\\u') < 0) continue;
    const decoded = new StringLiteral(text, site.node);
    for (const v of scanVars(decoded.value))
      out.push({ name: v.name, range: decoded.range(v.start, v.end), line: site.kind !== 'body' });
  }
  return out;
}

/** "staging", "staging" and "production", "staging, eu and production". */
function nameList(names: string[]): string {
  const q = names.map(n => `"${n}"`);
  return q.length <= 1 ? q.join('') : `${q.slice(0, -1).join(', ')} and ${q[q.length - 1]}`;
}

/**
 * `var/no-environment`: a `${var:…}` and no environment file (or one without environments) in the macro's folder or
 * above. `var/unresolved`: NAME has no value in an environment (nor in `$shared`), naming each such environment.
 * `var/unusable`: a value that would go into the URL or a header holds a line break or control character.
 * With an environment chosen, only that one is checked; without, every environment is.
 */
export const varCheck: NamedCheck = {
  name: 'environments',
  run: async ctx => {
    const uses = varUses(ctx);
    if (uses.length === 0) return [];
    const envs = await macroEnvironments(ctx);
    const reach = ctx.options.sampleReach;
    const out: Problem[] = [];
    const all = envs?.names() ?? [];
    if (!envs || all.length === 0) {
      for (const u of uses)
        out.push(
          problem(
            'var/no-environment',
            'error',
            `\${var:${u.name}} takes its value from an environment, but ${envs ? `${ENVIRONMENTS_FILE} names no environment` : `there is no ${ENVIRONMENTS_FILE} in this folder or above it${reach && reach.outside !== 'allow' ? `, inside ${reach.tree.name}` : ''}`}: create one (ccmacro: New Environment File) with "${u.name}" in each environment`,
            u.range,
            { var: u.name },
          ),
        );
      return out;
    }
    const chosen = ctx.options.environment;
    const names = chosen !== undefined && envs.has(chosen) ? [chosen] : all;
    for (const u of uses) {
      const missing = names.filter(n => !envs.lookup(n, u.name));
      if (missing.length > 0)
        out.push(
          problem(
            'var/unresolved',
            'error',
            `\${var:${u.name}} has no value in the environment${missing.length > 1 ? 's' : ''} ${nameList(missing)} or in "$shared": add "${u.name}" to ${ENVIRONMENTS_FILE}`,
            u.range,
            { var: u.name, environments: missing },
          ),
        );
      if (!u.line) continue;
      const bad = names.filter(n => /[\x00-\x1f\x7f]/.test(envs.lookup(n, u.name)?.value ?? ''));
      if (bad.length > 0)
        out.push(
          problem(
            'var/unusable',
            'error',
            `The value of \${var:${u.name}} in ${nameList(bad)} holds a line break or control character, which cannot go in a URL or header, so ccmacro will not send it: remove it from the value`,
            u.range,
            { var: u.name, environments: bad },
          ),
        );
    }
    return out;
  },
};
