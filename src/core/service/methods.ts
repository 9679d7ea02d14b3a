import { macroChecks, type MacroChecks } from './checks';
import type { ServiceContext } from './context';
import { creating, type Creating } from './create';
import { environmentMethods, type EnvironmentMethods } from './environments';
import { receiving, type Receiving } from './receiver';
import { rendering, type Rendering } from './render';
import { secrets, type Secrets } from './secrets';
import { sending, type Sending } from './send';
import { snapshots, type Snapshots } from './snapshots';
import { ServiceState } from './state';
import { tagFeatures, type TagFeatures } from './tags';
import { tagSyntaxMethods, type TagSyntaxMethods } from './tagSyntax';

/** The methods that do the core's work, loaded together on the first call of any of them (src/core/index.ts). */
export interface ServiceMethods
  extends
    MacroChecks,
    TagFeatures,
    TagSyntaxMethods,
    Rendering,
    Snapshots,
    Sending,
    Receiving,
    Secrets,
    Creating,
    EnvironmentMethods {
  /** Close what the methods hold open (the sender's connections). */
  dispose(): Promise<void>;
}

export function serviceMethods(ctx: ServiceContext): ServiceMethods {
  const state = new ServiceState(ctx);
  return {
    ...macroChecks(state),
    ...tagFeatures(state),
    ...tagSyntaxMethods(state),
    ...rendering(state),
    ...snapshots(state),
    ...sending(state),
    ...receiving(),
    ...secrets(),
    ...creating(state),
    ...environmentMethods(state),
    dispose: () => state.dispose(),
  };
}
