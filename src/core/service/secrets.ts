import type { SecretResolver } from '../host';
import type { OffsetRange } from '../common/text';
import type { Result } from '../common/result';
import { planMoveToSecret, suggestSecretName, type MoveToSecretPlan } from '../secrets/moveToSecret';
import { EnvSecretResolver, secretEnvName } from '../secrets/resolve';
import { scanPlaceholders } from '../tags/scanner';

/** `${secret:NAME}` and `${env:NAME}` outside the editor's vault (service/stores.ts), and moving a literal out. */
export interface Secrets {
  /**
   * `${secret:NAME}` from the environment variable CCMACRO_SECRET_NAME, `${env:NAME}` from NAME (the CLI); with an
   * environment (`--env ENV`), CCMACRO_SECRET_<ENV>_<NAME> first.
   */
  envSecretResolver(env: NodeJS.ProcessEnv, environment?: string): Promise<SecretResolver>;
  /** The edit that replaces the literal at `range` with `${secret:NAME}`, and the value to store; or why not. */
  planMoveToSecret(text: string, range: OffsetRange, name: string): Promise<Result<MoveToSecretPlan>>;
  /** A secret name for a literal value (SLACK_WEBHOOK_URL for a Slack webhook URL, …). */
  suggestSecretName(value: string): Promise<string>;
  /** The environment variable the CLI reads `${secret:NAME}` from (CCMACRO_SECRET_NAME). */
  secretEnvName(name: string): Promise<string>;
  /** The names a text's `${secret:NAME}` placeholders use, each once, in order. */
  secretNamesIn(text: string): Promise<string[]>;
}

export function secrets(): Secrets {
  return {
    envSecretResolver: async (env, environment) => new EnvSecretResolver(env, environment),
    planMoveToSecret: async (text, range, name) => planMoveToSecret(text, range, name),
    suggestSecretName: async value => suggestSecretName(value),
    secretEnvName: async name => secretEnvName(name),
    secretNamesIn: async text => [
      ...new Set(
        scanPlaceholders(text)
          .filter(p => p.kind === 'secret')
          .map(p => p.name),
      ),
    ],
  };
}
