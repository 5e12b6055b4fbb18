import { defineConfig } from 'vite';

// The built files go where Spring Boot serves static resources from the ui jar.
export default defineConfig({
  root: 'web',
  base: './',
  build: {
    outDir: '../target/classes/static',
    emptyOutDir: true,
    sourcemap: false,
  },
});
