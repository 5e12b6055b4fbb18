// The GraphQL explorer (GraphiQL), bundled by the build from the npm registry and served by the
// application at /graphiql: it loads nothing from outside, so it works on a machine without
// internet. Its editors (Monaco) run their language services in web workers that Vite bundles too.

import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import './explorer.css';
import { GraphiQL, type GraphiQLProps } from 'graphiql';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';

type Fetcher = GraphiQLProps['fetcher'];

/** Posts to the API beside this page (relative URL: works under any context path). */
const fetcher: Fetcher = async (params) => {
  const response = await fetch('graphql', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(params),
  });
  return response.json();
};

const EXAMPLE = `# The healthgraph API. Run: Ctrl+Enter.
# Complete: Ctrl+Space. Docs: the book icon.
{
  catalogStats { datasets tables variables nomenclatures codes joins }
  search(query: "date de décès", first: 3) {
    edges { node { kind key label } }
  }
}
`;

const root = document.getElementById('graphiql') as HTMLElement;
root.removeAttribute('aria-busy');
createRoot(root).render(createElement(GraphiQL, { fetcher, defaultQuery: EXAMPLE }));
