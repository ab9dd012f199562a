import DOMPurify from 'dompurify';
import hljs from 'highlight.js/lib/core';
import python from 'highlight.js/lib/languages/python';

/**
 * Python highlighting with highlight.js core and the python grammar only (the full bundle is ~1 MB).
 * highlight.js escapes the code it wraps; DOMPurify runs anyway, so the string is safe for unsafeHTML
 * even if a grammar bug let markup through.
 */
hljs.registerLanguage('python', python);

/** Above this size code is shown unhighlighted (highlighting runs on every frame while code streams). */
export const MAX_HIGHLIGHT_CHARS = 30_000;

export function highlightPython(code: string): string {
  const html = hljs.highlight(code, { language: 'python', ignoreIllegals: true }).value;
  return DOMPurify.sanitize(html, { ALLOWED_TAGS: ['span'], ALLOWED_ATTR: ['class'] }) as unknown as string;
}
