import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// `npm run dev --workspace web` serves the SPA with hot reload and sends the API, the local
// sign-in and the runtime config to `npm start` on port 3000 (or LOCAL_API).
const api = process.env.LOCAL_API ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    rollupOptions: {
      output: {
        // Libraries change less often than pages: separate files stay cached across releases.
        manualChunks(id) {
          if (!id.includes('node_modules')) return undefined;
          if (/node_modules\/(react|react-dom|react-router|scheduler)\//.test(id)) return 'react';
          if (id.includes('@tanstack')) return 'query';
          // ECharts only loads with the overview page that draws it.
          if (/node_modules\/(echarts|zrender)\//.test(id)) return 'echarts';
          return 'antd';
        },
      },
    },
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: {
      '/api': api,
      '/local': api,
      '/config.json': api,
    },
  },
});
