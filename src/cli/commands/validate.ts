import type { CommandHandler } from '../io';
import { UsageError } from '../io';

export const validateCommand: CommandHandler = async () => {
  throw new UsageError('not implemented yet');
};
