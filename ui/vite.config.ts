import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// Two pages: the web interface (index.html) and the GraphQL explorer (graphiql.html, GraphiQL with
// its Monaco editors and their workers). The built files go where Spring Boot serves static
// resources from the ui jar. Nothing is loaded from outside at run time.
export default defineConfig({
  root: 'web',
  base: './',
  build: {
    outDir: '../target/classes/static',
    emptyOutDir: true,
    sourcemap: false,
    // The explorer's editor (Monaco) is large by nature; it is loaded by graphiql.html only.
    chunkSizeWarningLimit: 4096,
    rollupOptions: {
      input: {
        main: resolve(import.meta.dirname, 'web/index.html'),
        graphiql: resolve(import.meta.dirname, 'web/graphiql.html'),
      },
      // React libraries mark modules "use client" for server rendering, which a browser bundle ignores.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  worker: { format: 'es' },
});
