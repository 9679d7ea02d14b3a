import type { CheckEnvironment } from '../check/types';
import { SampleFileCache } from '../samples/parse';
import { Sender } from '../send/send';
import { TagCatalogs } from '../tags/catalog';
import { EnvironmentFiles } from '../environments/environments';
import type { ServiceContext } from './context';

/**
 * The state the service's methods share, made with them on the first call: parsed sample files and the tag catalogs
 * built from them (validation and the tag features read the same), and the one sender (its connections kept alive
 * until dispose).
 */
export class ServiceState {
  readonly env: CheckEnvironment;
  private senderMade: Sender | undefined;

  constructor(readonly ctx: ServiceContext) {
    const sampleFiles = new SampleFileCache();
    const catalogs = new TagCatalogs(ctx.fs, sampleFiles);
    if (ctx.macroSource) catalogs.externalData.setLoader(ctx.macroSource);
    ctx.onMacroSource = load => catalogs.externalData.setLoader(load);
    const schema = ctx.host.macroSchema;
    this.env = {
      fs: ctx.fs,
      catalogs,
      sampleFiles,
      environments: new EnvironmentFiles(ctx.fs),
      ...(schema ? { schema } : {}),
    };
  }

  get fs() {
    return this.ctx.fs;
  }

  sender(): Sender {
    return (this.senderMade ??= new Sender());
  }

  async dispose(): Promise<void> {
    await this.senderMade?.close();
  }
}
