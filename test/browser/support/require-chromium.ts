import { existsSync } from 'node:fs';

/** Debian's Chromium (apt-get install chromium): the tests never download a browser. */
export const CHROMIUM = '/usr/bin/chromium';

/** The browser suites need Debian's Chromium; without it `npm test` stops here and says how to get it. */
export default function requireChromium(): void {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `${CHROMIUM} is missing: run "sudo apt-get install -y chromium fonts-noto-cjk", then npm test again`,
    );
  if (!existsSync(CONSOLE_INDEX)) throw new Error(`${CONSOLE_INDEX} is missing: run "npm run build" first`);
}

const CONSOLE_INDEX = 'dist/console/index.html';
