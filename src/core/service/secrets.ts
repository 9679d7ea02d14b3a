import type { SecretResolver } from '../host';
import type { OffsetRange } from '../common/text';
import type { Result } from '../common/result';
import { planMoveToSecret, suggestSecretName, type MoveToSecretPlan } from '../secrets/moveToSecret';
import { EnvSecretResolver } from '../secrets/resolve';

/** `${secret:NAME}` and `${env:NAME}` outside the editor's vault (service/stores.ts), and moving a literal out. */
export interface Secrets {
  /** `${secret:NAME}` from the environment variable CCMACRO_SECRET_NAME, `${env:NAME}` from NAME (the CLI). */
  envSecretResolver(env: NodeJS.ProcessEnv): Promise<SecretResolver>;
  /** The edit that replaces the literal at `range` with `${secret:NAME}`, and the value to store; or why not. */
  planMoveToSecret(text: string, range: OffsetRange, name: string): Promise<Result<MoveToSecretPlan>>;
  /** A secret name for a literal value (SLACK_WEBHOOK_URL for a Slack webhook URL, …). */
  suggestSecretName(value: string): Promise<string>;
}

export function secrets(): Secrets {
  return {
    envSecretResolver: async env => new EnvSecretResolver(env),
    planMoveToSecret: async (text, range, name) => planMoveToSecret(text, range, name),
    suggestSecretName: async value => suggestSecretName(value),
  };
}
