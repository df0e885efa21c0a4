import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// The dev server proxies /api to a running Stoa server (STOA_API_URL, default http://localhost:3000).
const apiTarget = process.env.STOA_API_URL ?? `http://localhost:${process.env.STOA_API_PORT ?? "3000"}`;

export default defineConfig({
  plugins: [react()],
  build: { outDir: "dist", emptyOutDir: true, sourcemap: true },
  server: {
    port: Number(process.env.WEB_PORT ?? 5173),
    proxy: { "/api": { target: apiTarget, changeOrigin: false, ws: true } },
  },
  preview: { port: Number(process.env.WEB_PORT ?? 4173), proxy: { "/api": { target: apiTarget } } },
});
