import { UsageError, type CliIO } from '../io';
import type { ImportOptions } from './import';

export async function importPostman(_file: string, _env: string | undefined, _opts: ImportOptions, _io: CliIO): Promise<number> {
  throw new UsageError('not yet');
}
