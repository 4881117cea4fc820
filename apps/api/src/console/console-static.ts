import express, { type NextFunction, type Request, type Response } from 'express';
import { existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';

/**
 * Paths the console never answers, even for a browser: they belong to the API's own pages (and
 * the identity provider's sign-in, which a browser reaches by navigating, redirects).
 */
const SERVER_PAGES = ['/docs', '/health', '/auth/oidc'];

/**
 * Where `vite build` put the console (apps/console/vite.config.ts): `dist/console` of the
 * repository, whether the API runs from its sources (tests) or from dist/ (npm start, the image).
 */
export function consoleDirectory(): string {
  const above = resolve(__dirname, '../../../..');
  return basename(above) === 'dist' ? join(above, 'console') : join(above, 'dist', 'console');
}

/**
 * Serves the built console at `/`: its hashed assets under /assets, and its index page for
 * any GET a browser makes as a navigation (Accept: text/html) to a path that is not /docs or
 * /health. API calls ask for JSON, so an unknown API path still answers the API's JSON 404.
 * Without a built console (a test that never built it), nothing changes.
 */
export function serveConsole(directory = consoleDirectory()) {
  const index = join(directory, 'index.html');
  const assets = express.static(join(directory, 'assets'), { immutable: true, maxAge: '1y', index: false });
  return (request: Request, response: Response, next: NextFunction) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || !existsSync(index)) return next();
    if (request.path.startsWith('/assets/')) {
      request.url = request.url.slice('/assets'.length);
      return assets(request, response, () => {
        request.url = `/assets${request.url}`;
        next();
      });
    }
    if (!isNavigation(request) || SERVER_PAGES.some((page) => isUnder(request.path, page))) return next();
    response.setHeader('cache-control', 'no-cache');
    response.sendFile(index);
  };
}

function isNavigation(request: Request): boolean {
  return (request.headers.accept ?? '').includes('text/html');
}

function isUnder(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}/`) || path.startsWith(`${prefix}-`);
}
