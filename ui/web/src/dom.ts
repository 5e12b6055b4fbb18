// Tiny DOM helpers: every text goes through textContent, never innerHTML, except highlighted
// fragments whose markup the server produced from escaped text (see renderHighlight).

type Child = Node | string | null | undefined | false;

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    node.setAttribute(name, value);
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return node;
}

export function clear(node: HTMLElement): void {
  while (node.firstChild) node.removeChild(node.firstChild);
}

/** Renders a fragment where the server marked matches with <b>…</b>; everything else is text. */
export function renderHighlight(fragment: string): DocumentFragment {
  const out = document.createDocumentFragment();
  const parts = fragment.split(/(<b>|<\/b>)/);
  let bold = false;
  for (const part of parts) {
    if (part === '<b>') { bold = true; continue; }
    if (part === '</b>') { bold = false; continue; }
    const text = decodeEntities(part);
    out.append(bold ? el('mark', {}, text) : document.createTextNode(text));
  }
  return out;
}

function decodeEntities(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}
