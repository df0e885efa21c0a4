import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "contracts",
          include: ["contracts/src/**/*.test.ts"],
        },
      },
      {
        test: {
          // Pure functions of the web app (screens are covered by the browser suite).
          name: "web",
          include: ["web/src/**/*.test.ts"],
          // Vitest runs projects with different worker limits in separate groups.
          sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          name: "server",
          include: ["server/src/**/*.test.ts"],
          globalSetup: ["server/src/test/global-setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // PGlite is memory-hungry; two workers fit two cores.
          maxWorkers: 2,
        },
      },
    ],
  },
});
