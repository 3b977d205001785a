import { randomInt } from 'node:crypto';
import type { FaultId } from '../faults';
import { problems } from './errors';
import type { Link, LinkPosition, StoredLink } from './links.model';
import type { LinksRepository } from './links.repository';
import type { CreateLinkInput } from './links.validation';

const CODE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
// 62^7 ≈ 3.5e12 codes: a collision is rare, and a retry resolves it
const CODE_LENGTH = 7;
const MAX_CODE_ATTEMPTS = 5;

export interface LinkPage {
  links: Link[];
  /** The last link of the page when more follow, to build the next cursor from. */
  lastOfPage: Link | undefined;
}

export type LinksService = ReturnType<typeof createLinksService>;

export function createLinksService(repository: LinksRepository, fault?: FaultId) {
  /** Why a link cannot be used: it expired (410) or never existed (404). */
  function explainUnavailable(link: StoredLink | undefined): Error {
    if (fault === 'expired-returns-404') return problems.linkNotFound();
    if (fault === 'not-found-returns-500' && link === undefined) {
      return new TypeError("Cannot read properties of undefined (reading 'url')");
    }
    return link?.isExpired ? problems.linkExpired() : problems.linkNotFound();
  }

  return {
    async createLink({ url, alias, expiresAt }: CreateLinkInput): Promise<Link> {
      if (alias !== undefined) {
        const link = await repository.insertLink({ code: alias, url, expiresAt });
        if (link === undefined) throw problems.aliasTaken();
        return link;
      }
      for (let attempt = 1; attempt <= MAX_CODE_ATTEMPTS; attempt++) {
        const link = await repository.insertLink({ code: generateCode(), url, expiresAt });
        if (link !== undefined) return link;
      }
      throw new Error(`no free code after ${MAX_CODE_ATTEMPTS} attempts`);
    },

    /** Counts the click and returns where to send the visitor. */
    async followLink(code: string): Promise<string> {
      const url = await repository.recordClick(code);
      if (url === undefined) throw explainUnavailable(await repository.findLink(code));
      return url;
    },

    async getLink(code: string): Promise<Link> {
      const link = await repository.findLink(code);
      if (link === undefined || link.isExpired) throw explainUnavailable(link);
      return link;
    },

    async listLinks(query: LinkPosition): Promise<LinkPage> {
      // one extra row tells whether another page follows
      const rows = await repository.listLinks({ ...query, limit: query.limit + 1 });
      const links = rows.slice(0, query.limit);
      return { links, lastOfPage: rows.length > query.limit ? links.at(-1) : undefined };
    },
  };
}

function generateCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}
