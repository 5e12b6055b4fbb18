// Words for the API's closed sets in the interface's language (i18n.ts), and the route of each
// kind of catalog entry.

import { t } from './i18n';
import type { Kind } from './queries';

export const KIND_LABEL: Record<Kind, string> = {
  get TABLE() { return t.kind.TABLE; },
  get VARIABLE() { return t.kind.VARIABLE; },
  get NOMENCLATURE() { return t.kind.NOMENCLATURE; },
  get CODE() { return t.kind.CODE; },
  get DOCUMENT() { return t.kind.DOCUMENT; },
};

export const FACET_LABEL: Record<string, string> = new Proxy({}, {
  get: (_target, name) => (typeof name === 'string' ? t.facet[name] : undefined),
  has: (_target, name) => typeof name === 'string' && name in t.facet,
});

/** The page of a catalog entry from its kind and key (ER_PHA_F, ER_PHA_F.PHA_PRS_C13, IR_CIM_V, IR_CIM_V:I21). */
export function hrefOf(kind: Kind, key: string): string {
  switch (kind) {
    case 'TABLE':
      return `#/table/${encodeURIComponent(key)}`;
    case 'VARIABLE': {
      const dot = key.indexOf('.');
      return `#/variable/${encodeURIComponent(key.slice(0, dot))}/${encodeURIComponent(key.slice(dot + 1))}`;
    }
    case 'NOMENCLATURE':
      return `#/nomenclature/${encodeURIComponent(key)}`;
    case 'CODE': {
      const colon = key.indexOf(':');
      return `#/code/${encodeURIComponent(key.slice(0, colon))}/${encodeURIComponent(key.slice(colon + 1))}`;
    }
    case 'DOCUMENT':
      return docHref(key);
  }
}

/** A documentation page's route from its path (fiches/ivg, fiches/ivg#les-ivg): #/doc/fiches/ivg?s=les-ivg. */
export function docHref(path: string): string {
  const hash = path.indexOf('#');
  const page = (hash < 0 ? path : path.slice(0, hash)).replace(/\.md$/, '');
  const anchor = hash < 0 ? '' : path.slice(hash + 1);
  return `#/doc/${page.split('/').map(encodeURIComponent).join('/')}${anchor ? `?s=${encodeURIComponent(anchor)}` : ''}`;
}
