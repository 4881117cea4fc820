import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadConfigOrExit } from '../../../libs/config/src';
import { startWorkerApplication } from './worker-application';

startWorkerApplication(loadConfigOrExit()).catch((error: unknown) => {
  new Logger('Worker').fatal(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
