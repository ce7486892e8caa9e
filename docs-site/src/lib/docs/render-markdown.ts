/**
 * A tiny, safe Markdown subset for descriptions written by project authors: paragraphs,
 * `*emphasis*` / `_emphasis_`, `**strong**`, `` `code` ``, `[links](https://...)` (http and
 * https only) and `-` / `1.` lists. Everything else is shown as text: all HTML in the input is
 * escaped first, so `<script>` or `<img onerror>` in a description is displayed, never run.
 *
 * @example renderMarkdown('Revenue in **rubles**, see [docs](https://example.com).')
 * // '<p>Revenue in <strong>rubles</strong>, see <a href="https://example.com" rel="nofollow noopener">docs</a>.</p>'
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escape text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** Bold and emphasis on already-escaped text. `_` only counts at word edges, so snake_case stays. */
function renderEmphasis(escaped: string): string {
  return escaped
    .replace(/\*\*(?=\S)([^*]+?)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[^\w])__(?=\S)([^_]+?)__(?=[^\w]|$)/g, '$1<strong>$2</strong>')
    .replace(/\*(?=\S)([^*]+?)\*/g, '<em>$1</em>')
    .replace(/(^|[^\w])_(?=\S)([^_]+?)_(?=[^\w]|$)/g, '$1<em>$2</em>');
}

/** Render one paragraph or list item's text. */
function renderInline(text: string): string {
  const held: string[] = [];
  const hold = (html: string) => `\u0000${held.push(html) - 1}\u0000`;
  let out = text.replace(/\u0000/g, '');
  // Code spans first: their content is literal.
  out = out.replace(/`([^`]+)`/g, (_, code: string) => hold(`<code>${escapeHtml(code)}</code>`));
  out = out.replace(/\[([^\]]+)\]\((https?:\/\/[^\s)]+)\)/g, (_, label: string, href: string) =>
    hold(`<a href="${escapeHtml(href)}" rel="nofollow noopener">${renderEmphasis(escapeHtml(label))}</a>`),
  );
  out = renderEmphasis(escapeHtml(out));
  return out.replace(/\u0000(\d+)\u0000/g, (_, i: string) => held[Number(i)]);
}

interface Block {
  kind: 'p' | 'ul' | 'ol';
  items: string[];
}

const BULLET = /^\s{0,3}[-*+]\s+(.*)$/;
const NUMBERED = /^\s{0,3}\d{1,9}[.)]\s+(.*)$/;

function splitBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  let current: Block | undefined;
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    if (line.trim() === '') {
      current = undefined;
      continue;
    }
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    const item = bullet ?? numbered;
    if (item) {
      const kind = bullet ? 'ul' : 'ol';
      if (current?.kind !== kind) blocks.push((current = { kind, items: [] }));
      current.items.push(item[1]);
    } else if (current && current.kind !== 'p' && /^\s/.test(line)) {
      current.items[current.items.length - 1] += ` ${line.trim()}`;
    } else if (current?.kind === 'p') {
      current.items[0] += `\n${line.trim()}`;
    } else {
      blocks.push((current = { kind: 'p', items: [line.trim()] }));
    }
  }
  return blocks;
}

/** Render Markdown (the safe subset above) to HTML. */
export function renderMarkdown(text: string): string {
  return splitBlocks(text ?? '')
    .map((block) =>
      block.kind === 'p'
        ? `<p>${renderInline(block.items[0])}</p>`
        : `<${block.kind}>${block.items.map((item) => `<li>${renderInline(item)}</li>`).join('')}</${block.kind}>`,
    )
    .join('\n');
}
