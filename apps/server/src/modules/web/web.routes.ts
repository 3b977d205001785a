import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors/app-error';
import { findRepoPath } from '../../platform/repo-paths';

/** Paths that belong to the API and its tooling: an unknown one is a problem+json 404, never the app. */
export const API_PREFIXES = [
  '/api',
  '/healthz',
  '/readyz',
  '/metrics',
  '/docs',
  '/openapi.json',
  '/problems',
];

/** Vite puts every hashed file here; a new build gets new names, so browsers may keep them for a year. */
const HASHED_ASSETS_PREFIX = '/assets/';
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html and the few unhashed files: keep them, but ask each time, so a new release shows at once. */
const REVALIDATE = 'no-cache';
const INDEX_FILE = 'index.html';

export type WebRoutesOptions = {
  /** The built web app (Vite's `apps/web/dist`); found from the repository by default. */
  distDir?: string | undefined;
};

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Groundwork: the web app is not built</title></head>
<body><h1>The web app is not built yet</h1>
<p>Run <code>npm install</code> (or <code>npm run build -w @groundwork/web</code>) in the repository, then reload.
The API is running: see <a href="/docs">/docs</a>.</p></body></html>
`;

export function isApiPath(pathname: string): boolean {
  return API_PREFIXES.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
}

/** A path that names a file (it has an extension, or sits under /assets/) rather than a page of the app. */
function looksLikeFile(pathname: string): boolean {
  return pathname.startsWith(HASHED_ASSETS_PREFIX) || /\.[a-z0-9]+$/i.test(pathname);
}

/** Every file of the build, as URL paths ("/assets/index-abc.js"), listed once at start. */
async function listBuiltFiles(dir: string): Promise<Set<string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const paths = entries
    .filter((entry) => entry.isFile())
    .map((entry) => `/${relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/')}`);
  return new Set(paths);
}

/**
 * Serves the built web app: its files as they are (hashed assets cached for a year), and index.html for
 * every other GET, so client routes such as /roadmap/http survive a reload. API paths keep their
 * problem+json 404s. The document's CSP comes from platform/security-headers.ts (it is text/html).
 */
export const webRoutes: FastifyPluginAsync<WebRoutesOptions> = async (app, options) => {
  const distDir = options.distDir ?? findRepoPath('apps/web/dist', INDEX_FILE);
  const isBuilt = distDir !== undefined && existsSync(join(distDir, INDEX_FILE));
  if (!isBuilt) app.log.warn('the web app is not built (apps/web/dist): `/` explains how to build it');
  const files = isBuilt ? await listBuiltFiles(distDir) : new Set<string>();
  if (isBuilt) await app.register(fastifyStatic, { root: distDir, serve: false });

  const serveApp = async (request: FastifyRequest, reply: FastifyReply) => {
    const pathname = decodeURIComponent(request.url.split('?')[0] ?? '/');
    if (isApiPath(pathname)) {
      throw new AppError('not_found', `No route matches ${request.method} ${pathname}.`);
    }
    if (files.has(pathname) && pathname !== `/${INDEX_FILE}`) {
      const isHashed = pathname.startsWith(HASHED_ASSETS_PREFIX);
      reply.header('cache-control', isHashed ? IMMUTABLE : REVALIDATE);
      return reply.sendFile(pathname.slice(1), { cacheControl: false });
    }
    // a missing chunk must fail as a missing file, not load the app's HTML as JavaScript
    if (looksLikeFile(pathname) && pathname !== `/${INDEX_FILE}`) {
      throw new AppError('not_found', `There is no file ${pathname}.`);
    }
    reply.header('cache-control', REVALIDATE);
    if (!isBuilt) return reply.status(503).type('text/html; charset=utf-8').send(NOT_BUILT_PAGE);
    // always a full 200, read fresh (it is tiny): a 304 carries no content type, so it would get the API's
    // CSP, and the browser would keep that CSP with the cached page and block every script on it
    return reply.type('text/html; charset=utf-8').send(await readFile(join(distDir, INDEX_FILE)));
  };

  const route = {
    config: { access: 'public' as const },
    schema: { hide: true },
    // a page load asks for a dozen files: log only the failures
    logLevel: 'warn' as const,
  };
  app.get('/', route, serveApp);
  app.get('/*', route, serveApp);
};
