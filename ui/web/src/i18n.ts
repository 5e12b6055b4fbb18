// The interface's words in French (the default) and English. The choice is kept in local storage
// (not in the URL, so that a shared link opens in the reader's own language); `t` always holds the
// current language's messages (an ES live binding), so views read `t.table.title` and so on.

export type Lang = 'fr' | 'en';

const STORAGE_KEY = 'healthgraph.lang';

const fr = {
  lang: { name: 'Français', locale: 'fr-FR', switchTo: 'English', switchLabel: 'Switch to English' },
  nav: {
    label: 'Navigation principale', catalogue: 'Catalogue', tables: 'Tables', joinPath: 'Chemin de jointure',
    cohort: 'Cohorte', api: 'API GraphQL', skip: 'Aller au contenu',
  },
  session: {
    login: 'Se connecter', logout: 'Se déconnecter', title: 'Connexion',
    intro: 'Connectez-vous avec le compte que votre organisation vous a donné. Le rôle du compte dit ce que vous pouvez voir : le catalogue (lecteur), les cohortes agrégées (chercheur), les données individuelles (analyste), la gestion du catalogue (gestionnaire de données).',
    username: 'Nom d’utilisateur', password: 'Mot de passe',
    wrong: 'Nom d’utilisateur ou mot de passe incorrect.',
    tooMany: (minutes: number) => `Trop de tentatives échouées pour ce compte : réessayez dans ${minutes} min.`,
    required: 'Connectez-vous pour voir cette page.',
    forbidden: 'Votre rôle ne permet pas de voir ceci. Connectez-vous avec un compte qui le permet.',
    badge: (name: string, roles: string) => `${name} (${roles})`,
    badgeTitle: 'Utilisateur connecté et ses rôles',
    anonymous: 'Non connecté',
    roles: { READER: 'lecteur', RESEARCHER: 'chercheur', ANALYST: 'analyste', STEWARD: 'gestionnaire de données', ADMIN: 'administrateur' } as Record<string, string>,
  },
  common: {
    loading: 'Chargement…',
    error: (message: string) => `Erreur : ${message}`,
    notFound: 'Introuvable dans le catalogue.',
    backToCatalogue: 'Retour au catalogue',
    unknownPage: 'Page inconnue.',
    apiDown: 'API indisponible',
    none: 'Aucune.',
    noVariable: 'Aucune variable.',
    copy: 'Copier',
    copied: 'Copié dans le presse-papiers.',
    copyByHand: 'Copiez-le à la main :',
  },
  share: {
    button: 'Lien de cette page',
    title: 'Copier l’adresse de cette page : elle rouvre la même vue',
    copied: 'Lien copié :',
    byHand: 'Copiez ce lien :',
    label: 'Lien de cette page',
  },
  kind: { TABLE: 'Table', VARIABLE: 'Variable', NOMENCLATURE: 'Nomenclature', CODE: 'Code' },
  facet: {
    kind: 'Type d’élément', product: 'Produit', table: 'Table', nomenclature: 'Nomenclature', type: 'Type de donnée',
    year: 'Année',
  } as Record<string, string>,
  home: {
    title: 'Catalogue des données de santé',
    intro: 'Tables, variables, nomenclatures et codes du catalogue, avec leurs jointures. Tapez quelques mots en français, un nom de variable ou un code, ou parcourez les produits ci-dessous.',
    stats: (d: number, tb: number, v: number, n: number, c: number, j: number) =>
      `${num(d)} produits · ${num(tb)} tables · ${num(v)} variables · ${num(n)} nomenclatures · ${num(c)} codes · ${num(j)} jointures`,
    products: 'Produits et tables',
    tablesOf: (n: number) => `${num(n)} table${n > 1 ? 's' : ''}`,
    allTables: (n: number, product: string) => `Les ${num(n)} tables de ${product}`,
    explorer: 'Explorateur de tables',
    variablesShort: (n: number) => `${num(n)} var.`,
    empty: 'Le catalogue est vide : importez un dictionnaire (healthgraph import table-schema DOSSIER).',
  },
  search: {
    label: 'Rechercher dans le catalogue',
    placeholder: 'Une table, une variable, un code…',
    placeholderWith: (examples: string[]) => `Une table, une variable, un code… (ex. : ${examples.join(', ')})`,
    submit: 'Rechercher',
    searching: 'Recherche…',
    filters: 'Filtres',
    results: 'Résultats',
    none: 'Aucun résultat',
    count: (n: number, exact: boolean) => `${exact ? '' : 'Au moins '}${num(n)} résultat${n > 1 ? 's' : ''}`,
    forQuery: (q: string) => ` pour « ${q} »`,
    chosenFilters: ' — filtres : ',
    more: 'Résultats suivants',
  },
  tables: {
    title: 'Explorateur de tables',
    intro: 'Toutes les tables du catalogue, avec leur produit, leur nombre de variables et de jointures. Filtrez par nom, titre ou produit.',
    filter: 'Filtrer les tables',
    filterPlaceholder: (example: string) => `Nom ou titre (ex. : ${example})`,
    product: 'Produit',
    allProducts: 'Tous les produits',
    shown: (n: number, total: number) => `${num(n)} table${n > 1 ? 's' : ''} sur ${num(total)}`,
    name: 'Table', titleColumn: 'Titre', productColumn: 'Produit', variables: 'Variables', joins: 'Jointures',
    none: 'Aucune table ne correspond.',
  },
  table: {
    product: 'Produit', primaryKey: 'Clé primaire', variables: 'Variables', scope: 'Champ', observation: 'Observation',
    created: 'Données depuis', deleted: 'Données jusqu’à', missing: 'Périodes sans données',
    joinPathFrom: 'Chemin de jointure depuis cette table',
    variablesTitle: 'Variables',
    filterVariables: 'Filtrer les variables',
    filterVariablesPlaceholder: 'Nom ou description',
    variablesShown: (n: number, total: number) => `${num(n)} variable${n > 1 ? 's' : ''} sur ${num(total)}`,
    columns: { table: 'Table', variable: 'Variable', description: 'Description', type: 'Type', nomenclature: 'Nomenclature' },
    joinsTitle: 'Jointures',
    noJoin: 'Aucune jointure déclarée.',
    joinColumns: { table: 'Table', direction: 'Sens', keys: 'Clés', path: '' },
    to: 'vers', from: 'depuis', path: 'chemin',
    joinsShown: (n: number, total: number) => `${num(n)} premières jointures sur ${num(total)}.`,
    graphTitle: 'Graphe des jointures',
    graphHelp: 'Cliquez sur une table pour l’ouvrir, sur un lien pour le chemin de jointure. Les flèches vont de la table qui référence vers la table référencée.',
    depth: 'Profondeur',
    depthOption: (n: number) => (n === 1 ? 'tables voisines' : `jusqu’à ${n} jointures`),
    graphTruncated: (n: number) => `Graphe limité aux ${num(n)} premières tables.`,
    graphLabel: (name: string, n: number) => `Graphe des jointures autour de ${name} : ${num(n)} tables`,
    legend: 'Produits',
  },
  variable: {
    table: 'Table', type: 'Type', length: 'Longueur', format: 'Format', position: 'Position', nomenclature: 'Nomenclature',
    nomenclatureColumn: 'Colonne de la nomenclature', created: 'Renseignée depuis', deleted: 'Renseignée jusqu’à',
    missing: 'Périodes sans données', observation: 'Observation',
    rule: 'Règle de gestion', noRule: 'Aucune règle de gestion dans le dictionnaire.',
    constraints: 'Contraintes',
    sameName: 'Variables du même nom dans d’autres tables',
    noSameName: 'Aucune autre table n’a de variable de ce nom.',
    sameNameColumns: { variable: 'Variable', description: 'Description' },
    changes: 'Historique des modifications',
    noChange: 'Aucune modification enregistrée depuis le premier import.',
    changeColumns: { at: 'Date', field: 'Champ', before: 'Avant', after: 'Après', source: 'Fichier' },
    fields: {
      description: 'Description', type: 'Type', length: 'Longueur', format: 'Format', constraints: 'Contraintes',
      codedBy: 'Nomenclature', dateCreated: 'Renseignée depuis', dateDeleted: 'Renseignée jusqu’à',
      dateMissing: 'Périodes sans données', observation: 'Observation', managementRule: 'Règle de gestion',
    } as Record<string, string>,
    more: (n: number) => `… et ${num(n)} de plus.`,
  },
  nomenclature: {
    source: 'Source', codes: 'Codes', columnsTitle: 'Colonnes',
    columns: { column: 'Colonne', type: 'Type', role: 'Rôle' },
    roles: { CODE: 'code', LABEL: 'libellé', OTHER: 'autre' } as Record<string, string>,
    codesTitle: 'Codes', code: 'Code', label: 'Libellé',
    shown: (n: number, total: number) => `${num(n)} codes affichés sur ${num(total)}`,
    more: 'Codes suivants',
    download: (n: number) => `Télécharger la liste complète en CSV (${num(n)} codes)`,
    codedVariables: 'Variables codées par cette nomenclature',
  },
  joinPath: {
    title: 'Chemin de jointure',
    intro: 'Comment relier deux tables : les tables à traverser et les clés à égaler à chaque étape.',
    from: 'De', to: 'à', fromLabel: 'Table de départ', toLabel: 'Table d’arrivée',
    placeholder: 'Nom de table',
    placeholderWith: (example: string) => `Nom de table (ex. : ${example})`,
    submit: 'Trouver le chemin',
    unknownTable: (name: string) => `La table « ${name} » n’existe pas dans le catalogue.`,
    didYouMean: 'Tables au nom proche : ',
    none: (from: string, to: string, hops: number) =>
      `Aucun chemin de jointure entre ${from} et ${to} dans la limite de ${hops} étapes : ces tables ne sont reliées par aucune suite de clés étrangères déclarées.`,
    same: 'Les deux tables sont la même : aucune jointure n’est nécessaire.',
    summary: (n: number, hops: number) =>
      `${n === 1 ? 'Un chemin le plus court' : `${n} chemins les plus courts`} (${hops} étape${hops > 1 ? 's' : ''}) :`,
    diagramLabel: (from: string, to: string) => `Schéma des chemins de ${from} à ${to}`,
    path: (i: number) => `Chemin ${i}`,
    columns: { step: 'Étape', from: 'De', to: 'Vers', keys: 'Clés' },
    sql: 'Jointure SQL',
    copySql: 'Copier le SQL',
    keys: (n: number) => `${n} clé${n > 1 ? 's' : ''}`,
  },
  cohort: {
    title: 'Cohorte',
    intro: 'Décrivez la cohorte en JSON : l’événement index, les règles d’inclusion (fenêtres en jours, comptes, négation) et, si vous le souhaitez, les parcours. L’exemple : infarctus du myocarde (CIM-10 I21 en diagnostic principal) puis statine dans les 30 jours après la sortie.',
    editor: 'Requête de cohorte (JSON)',
    run: 'Compter', reset: 'Revenir à l’exemple',
    invalidJson: (message: string) => `JSON invalide : ${message}`,
    computing: 'Calcul…',
    result: 'Résultat',
    patients: 'Patients dans la cohorte : ',
    attrition: 'Attrition',
    columns: { step: 'Étape', rule: 'Règle', patients: 'Patients' },
    index: 'Événement index',
    pathways: 'Parcours après l’événement index',
    noPathway: 'Aucun parcours.',
    sankey: 'Diagramme des parcours',
    step: (n: number) => `Étape ${n}`,
    linkTitle: (source: string, target: string, patients: string) => `${source} → ${target} : ${patients} patients`,
  },
  footer: { version: (v: string) => `healthgraph ${v}` },
};

export type Messages = typeof fr;

const en: Messages = {
  lang: { name: 'English', locale: 'en-GB', switchTo: 'Français', switchLabel: 'Passer en français' },
  nav: {
    label: 'Main navigation', catalogue: 'Catalogue', tables: 'Tables', joinPath: 'Join path', cohort: 'Cohort',
    api: 'GraphQL API', skip: 'Skip to content',
  },
  session: {
    login: 'Log in', logout: 'Log out', title: 'Log in',
    intro: 'Log in with the account your organisation gave you. The account’s role says what you may see: the catalogue (reader), aggregate cohorts (researcher), individual data (analyst), curation of the catalogue (data steward).',
    username: 'User name', password: 'Password',
    wrong: 'Wrong user name or password.',
    tooMany: (minutes: number) => `Too many failed logins for this account: try again in ${minutes} min.`,
    required: 'Log in to see this page.',
    forbidden: 'Your role does not allow you to see this. Log in with an account that does.',
    badge: (name: string, roles: string) => `${name} (${roles})`,
    badgeTitle: 'Logged-in user and their roles',
    anonymous: 'Not logged in',
    roles: { READER: 'reader', RESEARCHER: 'researcher', ANALYST: 'analyst', STEWARD: 'data steward', ADMIN: 'administrator' } as Record<string, string>,
  },
  common: {
    loading: 'Loading…',
    error: (message: string) => `Error: ${message}`,
    notFound: 'Not found in the catalogue.',
    backToCatalogue: 'Back to the catalogue',
    unknownPage: 'Unknown page.',
    apiDown: 'API unavailable',
    none: 'None.',
    noVariable: 'No variable.',
    copy: 'Copy',
    copied: 'Copied to the clipboard.',
    copyByHand: 'Copy it by hand:',
  },
  share: {
    button: 'Link to this page',
    title: 'Copy this page’s address: it reopens the same view',
    copied: 'Link copied:',
    byHand: 'Copy this link:',
    label: 'Link to this page',
  },
  kind: { TABLE: 'Table', VARIABLE: 'Variable', NOMENCLATURE: 'Code list', CODE: 'Code' },
  facet: {
    kind: 'Kind', product: 'Product', table: 'Table', nomenclature: 'Code list', type: 'Data type', year: 'Year',
  },
  home: {
    title: 'Health data catalogue',
    intro: 'The catalogue’s tables, variables, code lists and codes, with their joins. Type a few words (in French), a variable name or a code, or browse the products below.',
    stats: (d, tb, v, n, c, j) =>
      `${num(d)} products · ${num(tb)} tables · ${num(v)} variables · ${num(n)} code lists · ${num(c)} codes · ${num(j)} joins`,
    products: 'Products and tables',
    tablesOf: (n) => `${num(n)} table${n > 1 ? 's' : ''}`,
    allTables: (n, product) => `All ${num(n)} tables of ${product}`,
    explorer: 'Table explorer',
    variablesShort: (n) => `${num(n)} var.`,
    empty: 'The catalogue is empty: import a dictionary (healthgraph import table-schema FOLDER).',
  },
  search: {
    label: 'Search the catalogue',
    placeholder: 'A table, a variable, a code…',
    placeholderWith: (examples) => `A table, a variable, a code… (e.g. ${examples.join(', ')})`,
    submit: 'Search',
    searching: 'Searching…',
    filters: 'Filters',
    results: 'Results',
    none: 'No result',
    count: (n, exact) => `${exact ? '' : 'At least '}${num(n)} result${n > 1 ? 's' : ''}`,
    forQuery: (q) => ` for “${q}”`,
    chosenFilters: ' — filters: ',
    more: 'More results',
  },
  tables: {
    title: 'Table explorer',
    intro: 'Every table of the catalogue, with its product and its numbers of variables and joins. Filter by name, title or product.',
    filter: 'Filter the tables',
    filterPlaceholder: (example) => `Name or title (e.g. ${example})`,
    product: 'Product',
    allProducts: 'All products',
    shown: (n, total) => `${num(n)} table${n > 1 ? 's' : ''} of ${num(total)}`,
    name: 'Table', titleColumn: 'Title', productColumn: 'Product', variables: 'Variables', joins: 'Joins',
    none: 'No table matches.',
  },
  table: {
    product: 'Product', primaryKey: 'Primary key', variables: 'Variables', scope: 'Scope', observation: 'Remarks',
    created: 'Data since', deleted: 'Data until', missing: 'Periods without data',
    joinPathFrom: 'Join path from this table',
    variablesTitle: 'Variables',
    filterVariables: 'Filter the variables',
    filterVariablesPlaceholder: 'Name or description',
    variablesShown: (n, total) => `${num(n)} variable${n > 1 ? 's' : ''} of ${num(total)}`,
    columns: { table: 'Table', variable: 'Variable', description: 'Description', type: 'Type', nomenclature: 'Code list' },
    joinsTitle: 'Joins',
    noJoin: 'No declared join.',
    joinColumns: { table: 'Table', direction: 'Direction', keys: 'Keys', path: '' },
    to: 'to', from: 'from', path: 'path',
    joinsShown: (n, total) => `First ${num(n)} joins of ${num(total)}.`,
    graphTitle: 'Join graph',
    graphHelp: 'Click a table to open it, a link for the join path. Arrows go from the referring table to the referred one.',
    depth: 'Depth',
    depthOption: (n) => (n === 1 ? 'neighbouring tables' : `up to ${n} joins`),
    graphTruncated: (n) => `Graph limited to the first ${num(n)} tables.`,
    graphLabel: (name, n) => `Join graph around ${name}: ${num(n)} tables`,
    legend: 'Products',
  },
  variable: {
    table: 'Table', type: 'Type', length: 'Length', format: 'Format', position: 'Position', nomenclature: 'Code list',
    nomenclatureColumn: 'Code list column', created: 'Filled since', deleted: 'Filled until',
    missing: 'Periods without data', observation: 'Remarks',
    rule: 'Management rule', noRule: 'No management rule in the dictionary.',
    constraints: 'Constraints',
    sameName: 'Variables of the same name in other tables',
    noSameName: 'No other table has a variable of this name.',
    sameNameColumns: { variable: 'Variable', description: 'Description' },
    changes: 'Change history',
    noChange: 'No change recorded since the first import.',
    changeColumns: { at: 'Date', field: 'Field', before: 'Before', after: 'After', source: 'File' },
    fields: {
      description: 'Description', type: 'Type', length: 'Length', format: 'Format', constraints: 'Constraints',
      codedBy: 'Code list', dateCreated: 'Filled since', dateDeleted: 'Filled until', dateMissing: 'Periods without data',
      observation: 'Remarks', managementRule: 'Management rule',
    },
    more: (n) => `… and ${num(n)} more.`,
  },
  nomenclature: {
    source: 'Source', codes: 'Codes', columnsTitle: 'Columns',
    columns: { column: 'Column', type: 'Type', role: 'Role' },
    roles: { CODE: 'code', LABEL: 'label', OTHER: 'other' },
    codesTitle: 'Codes', code: 'Code', label: 'Label',
    shown: (n, total) => `${num(n)} codes shown of ${num(total)}`,
    more: 'More codes',
    download: (n) => `Download the whole list as CSV (${num(n)} codes)`,
    codedVariables: 'Variables coded by this code list',
  },
  joinPath: {
    title: 'Join path',
    intro: 'How to join two tables: the tables to go through and the keys to equate at each step.',
    from: 'From', to: 'to', fromLabel: 'Table to start from', toLabel: 'Table to reach',
    placeholder: 'Table name',
    placeholderWith: (example) => `Table name (e.g. ${example})`,
    submit: 'Find the path',
    unknownTable: (name) => `The table “${name}” does not exist in the catalogue.`,
    didYouMean: 'Tables with a close name: ',
    none: (from, to, hops) =>
      `No join path between ${from} and ${to} within ${hops} steps: no chain of declared foreign keys links these tables.`,
    same: 'Both tables are the same: no join is needed.',
    summary: (n, hops) => `${n === 1 ? 'One shortest path' : `${n} shortest paths`} (${hops} step${hops > 1 ? 's' : ''}):`,
    diagramLabel: (from, to) => `Diagram of the paths from ${from} to ${to}`,
    path: (i) => `Path ${i}`,
    columns: { step: 'Step', from: 'From', to: 'To', keys: 'Keys' },
    sql: 'SQL join',
    copySql: 'Copy the SQL',
    keys: (n) => `${n} key${n > 1 ? 's' : ''}`,
  },
  cohort: {
    title: 'Cohort',
    intro: 'Describe the cohort in JSON: the index event, the inclusion rules (windows in days, counts, negation) and, if you wish, the pathways. The example: myocardial infarction (ICD-10 I21 as main diagnosis) then a statin within 30 days of discharge.',
    editor: 'Cohort query (JSON)',
    run: 'Count', reset: 'Back to the example',
    invalidJson: (message) => `Invalid JSON: ${message}`,
    computing: 'Counting…',
    result: 'Result',
    patients: 'Patients in the cohort: ',
    attrition: 'Attrition',
    columns: { step: 'Step', rule: 'Rule', patients: 'Patients' },
    index: 'Index event',
    pathways: 'Pathways after the index event',
    noPathway: 'No pathway.',
    sankey: 'Pathway diagram',
    step: (n) => `Step ${n}`,
    linkTitle: (source, target, patients) => `${source} → ${target}: ${patients} patients`,
  },
  footer: { version: (v) => `healthgraph ${v}` },
};

function stored(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'fr';
  } catch {
    return 'fr'; // storage refused (private mode): French
  }
}

export let lang: Lang = stored();
export let t: Messages = lang === 'en' ? en : fr;

/** Changes the language for this browser (kept in local storage). */
export function setLang(next: Lang): void {
  lang = next;
  t = next === 'en' ? en : fr;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // the choice lasts for this page only
  }
  document.documentElement.lang = next;
}

/** A count in the current language's way (1 234 or 1,234). */
export function num(n: number): string {
  return n.toLocaleString(t.lang.locale);
}
