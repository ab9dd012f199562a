import DOMPurify from 'dompurify';
import { Marked, type Tokens } from 'marked';
import { protectArithmetic } from './arithmetic';

/**
 * Model text as sanitised markdown. Two layers: raw HTML in the text is turned into visible text before
 * parsing finishes (the model's `<img onerror>` shows as characters), and DOMPurify cleans the result
 * (no scripts, handlers, styles, forms, frames, images or non-http links). Callers may then hand the
 * returned string to Lit's unsafeHTML: it is sanitised here, and only here.
 */
const marked = new Marked({ gfm: true, breaks: false, async: false });
marked.use({
  renderer: {
    html(token: Tokens.HTML | Tokens.Tag): string {
      return escapeHtml(token.text);
    },
    image(token: Tokens.Image): string {
      // Remote images would fetch from anywhere the model names: show the alt text and address instead.
      return escapeHtml(`[image: ${token.text || 'no description'}${token.href ? ' — ' + token.href : ''}]`);
    },
  },
});

const SAFE_LINK = /^(https?:|mailto:|#)/i;

let hooksInstalled = false;
function installHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  DOMPurify.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName === 'A') {
      const href = node.getAttribute('href') ?? '';
      if (!SAFE_LINK.test(href.trim())) node.removeAttribute('href');
      else {
        node.setAttribute('target', '_blank');
        node.setAttribute('rel', 'noopener noreferrer nofollow');
      }
    }
  });
}

const PURIFY_CONFIG = {
  FORBID_TAGS: ['style', 'script', 'img', 'svg', 'math', 'iframe', 'form', 'input', 'button', 'textarea', 'select', 'video', 'audio', 'object', 'embed', 'link', 'meta', 'base'],
  FORBID_ATTR: ['style', 'class', 'id', 'srcset', 'src', 'action', 'formaction'],
  ALLOW_DATA_ATTR: false,
};

/** Above this many characters a block is shown as plain text: parsing it would stall the page. */
export const MAX_MARKDOWN_BLOCK_CHARS = 20_000;

export function renderMarkdown(text: string): string {
  installHooks();
  let html: string;
  try {
    html = marked.parse(protectArithmetic(text)) as string;
  } catch {
    // A shape the parser cannot take (see markdown-limits.ts) that slipped past the checks: the text,
    // as text, rather than a render that throws and leaves the element broken.
    return `<p class="plain">${escapeHtml(text)}</p>`;
  }
  return DOMPurify.sanitize(html, PURIFY_CONFIG) as unknown as string;
}

/** A small cache of rendered blocks: streaming re-renders the same finished blocks on every frame. */
const cache = new Map<string, string>();
const CACHE_LIMIT = 2000;

export function renderMarkdownCached(text: string): string {
  let html = cache.get(text);
  if (html === undefined) {
    html = renderMarkdown(text);
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
    cache.set(text, html);
  }
  return html;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
