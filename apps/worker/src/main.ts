import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadConfigOrExit } from '@jiebang/config';
import { startFailure } from '@jiebang/temporal';
import { startWorkerApplication } from './worker-application';

startWorkerApplication(loadConfigOrExit()).catch((error: unknown) => {
  new Logger('Worker').fatal(startFailure(error));
  process.exit(1);
});
