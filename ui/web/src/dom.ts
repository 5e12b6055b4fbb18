// Tiny DOM helpers: every text goes through textContent, never innerHTML, except highlighted
// fragments whose markup the server produced from escaped text (see renderHighlight).

import { num, t } from './i18n';

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

/** A link to another view of the application. */
export function link(hash: string, ...children: Child[]): HTMLAnchorElement {
  return el('a', { href: hash }, ...children);
}

/**
 * Renders a fragment where the server marked matches with <em>…</em> (or <b>…</b>) after escaping
 * the text; the marks become <mark> elements and everything else is text, never markup.
 */
export function renderHighlight(fragment: string): DocumentFragment {
  const out = document.createDocumentFragment();
  const parts = fragment.split(/(<\/?(?:em|b)>)/);
  let marked = false;
  for (const part of parts) {
    if (part === '<em>' || part === '<b>') { marked = true; continue; }
    if (part === '</em>' || part === '</b>') { marked = false; continue; }
    if (part.length === 0) continue;
    const text = decodeEntities(part);
    out.append(marked ? el('mark', {}, text) : document.createTextNode(text));
  }
  return out;
}

const NAMED: Record<string, string> = { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, name: string) => {
    if (name.startsWith('#x')) return safeCodePoint(parseInt(name.slice(2), 16), whole);
    if (name.startsWith('#')) return safeCodePoint(parseInt(name.slice(1), 10), whole);
    return NAMED[name] ?? whole;
  });
}

function safeCodePoint(code: number, fallback: string): string {
  return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : fallback;
}

/** Formats a count in the interface's language (1 234 in French). */
export function count(n: number): string {
  return num(n);
}

/** A loading line replaced by the view once its data has come. */
export function loading(root: HTMLElement): HTMLElement {
  const p = el('p', { class: 'muted loading' }, t.common.loading);
  root.append(p);
  return p;
}
