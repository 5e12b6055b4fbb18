// French words for the API's closed sets, and the route of each kind of catalog entry.

import type { Kind } from './queries';

export const KIND_LABEL: Record<Kind, string> = {
  TABLE: 'Table',
  VARIABLE: 'Variable',
  NOMENCLATURE: 'Nomenclature',
  CODE: 'Code',
};

export const FACET_LABEL: Record<string, string> = {
  kind: 'Type d’élément',
  product: 'Produit',
  table: 'Table',
  nomenclature: 'Nomenclature',
  type: 'Type de donnée',
  year: 'Année',
};

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
      return `#/nomenclature/${encodeURIComponent(key.slice(0, colon))}?code=${encodeURIComponent(key.slice(colon + 1))}`;
    }
  }
}
