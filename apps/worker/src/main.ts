import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadConfigOrExit } from '@jiebang/config';
import { startFailure } from '@jiebang/temporal';
import { startWorkerApplication } from './worker-application';

/** How long a failed worker may take to close before it is ended anyway. */
const CLOSE_WITHIN_MS = 30_000;

startWorkerApplication(loadConfigOrExit(), {
  // A Worker failed and both stopped polling: the process ends, and its supervisor (start:cluster,
  // compose, systemd, Kubernetes) starts a new one. Left running it would poll nothing, for ever.
  onWorkerFailure: (closed) => {
    setTimeout(() => process.exit(1), CLOSE_WITHIN_MS).unref();
    void closed.finally(() => process.exit(1));
  },
}).catch((error: unknown) => {
  new Logger('Worker').fatal(startFailure(error));
  process.exit(1);
});
