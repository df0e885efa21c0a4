/** Settings shared by playwright.config.ts and the specs; scripts/e2e.mjs passes them by environment. */

/** The port the test server listens on (scripts/test-all.mjs picks a free one). */
export const e2ePort = Number(process.env.STOA_E2E_PORT ?? 3210);

/** Every demo account's password in the browser suite. */
export const demoPassword = process.env.STOA_E2E_PASSWORD ?? "e2e-Demo-Passw0rd!";
