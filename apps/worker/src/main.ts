import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadConfigOrExit } from '../../../libs/config/src';
import { startFailure } from '../../../libs/temporal/src';
import { startWorkerApplication } from './worker-application';

startWorkerApplication(loadConfigOrExit()).catch((error: unknown) => {
  new Logger('Worker').fatal(startFailure(error));
  process.exit(1);
});
