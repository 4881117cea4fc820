import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadConfigOrExit } from '@jiebang/config';
import { startFailure } from '@jiebang/temporal';
import { createApiApplication } from './api-application';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const app = await createApiApplication(config);
  await app.listen(config.PORT);
  new Logger('Api').log(`listening on http://localhost:${config.PORT} (OpenAPI docs at /docs)`);
}

main().catch((error: unknown) => {
  new Logger('Api').fatal(startFailure(error));
  process.exit(1);
});
