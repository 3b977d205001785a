import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { ProblemError } from '../../kit/reference/problem';
import type { FaultId } from '../faults';
import type { Link } from './links.model';
import { encodeCursor } from './links.schemas';
import type { LinksService } from './links.service';
import { parseCreateLinkInput, parseListQuery } from './links.validation';

export interface LinkRoutesOptions {
  links: LinksService;
  fault?: FaultId | undefined;
}

interface CodeParams {
  code: string;
}

/** The link as clients see it: dates as RFC 3339 strings, plus the short URL to hand out. */
export interface LinkResponse {
  code: string;
  url: string;
  shortUrl: string;
  clicks: number;
  createdAt: string;
  lastClickedAt: string | null;
  expiresAt: string | null;
}

export const linkRoutes: FastifyPluginAsync<LinkRoutesOptions> = async (app, { links, fault }) => {
  let redirectsServed = 0;

  app.post('/links', async (request, reply) => {
    const input = parseCreateLinkInput(request.body, fault);
    if (fault === 'alias-ignored') delete input.alias;
    const link = await links.createLink(input);
    reply.code(201).header('location', `/links/${link.code}`);
    if (fault === 'create-returns-200') reply.code(200);
    if (fault === 'create-missing-location') reply.removeHeader('location');
    return toLinkResponse(link, originOf(request));
  });

  app.get('/links', async (request) => {
    const page = await links.listLinks(parseListQuery(request.query, fault));
    return {
      items: page.links.map((link) => toLinkResponse(link, originOf(request))),
      nextCursor: page.lastOfPage ? encodeCursor(page.lastOfPage.id) : null,
    };
  });

  app.get<{ Params: CodeParams }>('/links/:code', async (request) => {
    const link = await links.getLink(request.params.code);
    return toLinkResponse(link, originOf(request));
  });

  app.get<{ Params: CodeParams }>('/:code', async (request, reply) => {
    if (fault === 'slow-redirect') await sleep(250);
    if (fault === 'errors-under-load') {
      redirectsServed += 1;
      if (redirectsServed > 300 && redirectsServed % 20 === 0) {
        throw new ProblemError(503, 'No database connection is free.');
      }
    }
    let url = await links.followLink(request.params.code);
    if (fault === 'redirect-wrong-target') url = url.replace(/\?.*$/, '');
    if (fault === 'redirect-200-with-body') {
      return reply.type('text/html').send(`<meta http-equiv="refresh" content="0; url=${encodeURI(url)}">`);
    }
    // 302 rather than 301: browsers keep a 301 forever, so later clicks would never reach us to be counted
    return reply.header('cache-control', 'no-store').redirect(url, 302);
  });
};

function toLinkResponse(link: Link, origin: string): LinkResponse {
  return {
    code: link.code,
    url: link.url,
    shortUrl: `${origin}/${link.code}`,
    clicks: link.clicks,
    createdAt: link.createdAt.toISOString(),
    lastClickedAt: link.lastClickedAt?.toISOString() ?? null,
    expiresAt: link.expiresAt?.toISOString() ?? null,
  };
}

function originOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}
