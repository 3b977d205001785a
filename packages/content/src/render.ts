import { Marked, type Token, type Tokens } from 'marked';

const TOPIC_LINK_PREFIX = 'topic:';
const EXTERNAL_LINK_PATTERN = /^https?:\/\//i;
// A word starts with a letter or digit (so "-" bullets and "```" fences are not words).
const WORD_PATTERN = /[A-Za-z0-9][\p{L}\p{N}_'’.-]*/gu;

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escapes text for HTML content and attribute values.
 * @example escapeHtml('<b>') // '&lt;b&gt;'
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
}

/** Where a link in content may point once rendered, or null when it must not become a link at all. */
function resolveHref(href: string): { href: string; isExternal: boolean } | null {
  if (href.startsWith(TOPIC_LINK_PREFIX)) {
    return {
      href: `/roadmap/${encodeURIComponent(href.slice(TOPIC_LINK_PREFIX.length))}`,
      isExternal: false,
    };
  }
  if (EXTERNAL_LINK_PATTERN.test(href)) return { href, isExternal: true };
  if (href.startsWith('mailto:')) return { href, isExternal: true };
  // same-site paths and fragments; "//host" would leave the site, so it is not one of them
  if ((href.startsWith('/') && !href.startsWith('//')) || href.startsWith('#'))
    return { href, isExternal: false };
  return null;
}

const markdown = new Marked({
  gfm: true,
  renderer: {
    html({ text, block }: Tokens.HTML | Tokens.Tag): string {
      // raw HTML in content is shown as text, never passed through
      return block ? `<p>${escapeHtml(text.trim())}</p>\n` : escapeHtml(text);
    },
    link({ href, title, tokens }: Tokens.Link): string {
      const label = this.parser.parseInline(tokens);
      const target = resolveHref(href);
      if (target === null) return label;
      const titleAttribute = title ? ` title="${escapeHtml(title)}"` : '';
      const relAttribute = target.isExternal ? ' rel="noopener noreferrer"' : '';
      return `<a href="${escapeHtml(target.href)}"${titleAttribute}${relAttribute}>${label}</a>`;
    },
    image({ href, title, text }: Tokens.Image): string {
      if (!href.startsWith('https://')) return escapeHtml(text);
      const titleAttribute = title ? ` title="${escapeHtml(title)}"` : '';
      return `<img src="${escapeHtml(href)}" alt="${escapeHtml(text)}"${titleAttribute} loading="lazy">`;
    },
  },
});

/**
 * Renders content Markdown to HTML that is safe to insert: raw HTML is escaped, `topic:<id>` links point at
 * `/roadmap/<id>`, external links get `rel="noopener noreferrer"`, and other link schemes lose their link.
 * @example renderMarkdown('See [HTTP](topic:http).') // '<p>See <a href="/roadmap/http">HTTP</a>.</p>\n'
 */
export function renderMarkdown(source: string): string {
  return markdown.parse(source, { async: false });
}

function walk(source: string, visit: (token: Token) => void): void {
  // the visitor is synchronous, so the returned array holds no promises
  void markdown.walkTokens(markdown.lexer(source), visit);
}

/**
 * Counts the words of prose, leaving code blocks out (inline code counts).
 * @example countProseWords('Two words.\n\n```\nnot counted\n```') // 2
 */
export function countProseWords(source: string): number {
  let words = source.match(WORD_PATTERN)?.length ?? 0;
  walk(source, (token) => {
    if (token.type === 'code') words -= token.raw.match(WORD_PATTERN)?.length ?? 0;
  });
  return words;
}

/**
 * The topic ids that `[text](topic:<id>)` links in the Markdown point at, in order of appearance.
 * @example listTopicLinks('[HTTP](topic:http)') // ['http']
 */
export function listTopicLinks(source: string): string[] {
  const ids: string[] = [];
  walk(source, (token) => {
    if (token.type === 'link' && token.href.startsWith(TOPIC_LINK_PREFIX)) {
      ids.push(token.href.slice(TOPIC_LINK_PREFIX.length));
    }
  });
  return ids;
}
