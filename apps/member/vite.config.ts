import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { onwarn } from '../vite-warnings';

export default defineConfig({
  base: '/',
  plugins: [react()],
  build: { outDir: 'dist', chunkSizeWarningLimit: 1500, rollupOptions: { onwarn } },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
