import AxeBuilder from "@axe-core/playwright";
import { expect, test as base, type Page } from "@playwright/test";
import { demoPassword } from "./env";

/** WCAG 2.0, 2.1 and 2.2, levels A and AA. */
const wcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];
const blocking = new Set(["serious", "critical"]);

/**
 * The suite's `test`: fails any test in which the page threw an uncaught error (a crashed
 * component can still leave a plausible-looking page behind).
 */
export const test = base.extend<{ pageErrors: Error[] }>({
  pageErrors: [
    async ({ page }, use) => {
      const errors: Error[] = [];
      page.on("pageerror", (error) => errors.push(error));
      await use(errors);
      expect(
        errors.map((e) => e.message),
        "uncaught errors in the page",
      ).toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

/** Signs in through the real sign-in page and waits for the app shell. */
export async function login(page: Page, username: string, password = demoPassword): Promise<void> {
  await page.goto("/sign-in");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.getByLabel(/username/i).fill(username);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: /^sign in$/i }).click();
  // Either the app shell appears, or the sign-in page says why not (wrong password, throttled).
  const shell = page.getByRole("button", { name: /account menu/i });
  const problem = page.getByRole("alert");
  await expect(shell.or(problem).first()).toBeVisible();
  if (await problem.first().isVisible()) throw new Error(`sign-in as ${username} was refused: ${await problem.innerText()}`);
  await expect(page).not.toHaveURL(/\/sign-in/);
}

/** Signs out through the account menu and lands on the sign-in page. */
export async function logout(page: Page): Promise<void> {
  await page.getByRole("button", { name: /account menu/i }).click();
  await page.getByRole("menuitem", { name: /sign out/i }).click();
  await expect(page).toHaveURL(/\/sign-in/);
}

/** The main navigation bar (the app shell's one; breadcrumbs are another navigation landmark). */
export function navBar(page: Page) {
  return page.locator("#main-navigation");
}

/** Follows a link in the main navigation bar and waits for the page's heading. */
export async function navigate(page: Page, link: string | RegExp, heading: string | RegExp = link): Promise<void> {
  await navBar(page).getByRole("link", { name: link }).click();
  await expectHeading(page, heading);
}

/**
 * Waits until the page has stopped loading (no requests in flight, no skeletons) and moves the
 * pointer off whatever was last clicked, so the page is checked at rest rather than hovered.
 */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState("networkidle").catch(() => undefined);
  const size = page.viewportSize();
  if (size) await page.mouse.move(size.width - 5, size.height - 5);
  await expect(page.locator(".mantine-Skeleton-root[data-visible]")).toHaveCount(0);
  await expect(page.locator('main [aria-busy="true"]')).toHaveCount(0);
}

/** The page's one h1. */
export async function expectHeading(page: Page, name: string | RegExp): Promise<void> {
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
}

/** One axe violation, readably: rule, impact, what to do, and where (the first few elements). */
function describeViolation(v: {
  id: string;
  impact?: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}): string {
  const where = v.nodes
    .slice(0, 5)
    .map(
      (n) =>
        `    at ${n.target.map(String).join(" > ")}${n.failureSummary ? `\n       ${n.failureSummary.replace(/\n/g, "\n       ")}` : ""}`,
    )
    .join("\n");
  const more = v.nodes.length > 5 ? `\n    ... and ${v.nodes.length - 5} more element(s)` : "";
  return `[${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n${where}${more}`;
}

/**
 * Runs axe (WCAG 2.0/2.1/2.2 A and AA) on the page as it is now, and fails the test on any
 * serious or critical violation with a readable list. Call it on every page a test visits.
 */
export async function expectAccessible(page: Page, what?: string): Promise<void> {
  await settle(page);
  const results = await new AxeBuilder({ page }).withTags(wcagTags).analyze();
  const found = results.violations.filter((v) => blocking.has(v.impact ?? ""));
  const label = what ?? new URL(page.url()).pathname;
  // Soft: the walk goes on, so one run reports every page's violations; the test still fails.
  expect.soft(found.map(describeViolation), `accessibility violations (serious or critical) on ${label}`).toEqual([]);
}

/** A person's name as the app shows it: preferred given name when set, then family name. */
export function displayName(p: { givenName: string; familyName: string; preferredName?: string | null }): string {
  return `${p.preferredName?.trim() || p.givenName} ${p.familyName}`.trim();
}

/** "Nobody matches" and the other empty-list states (role status). */
export function emptyState(page: Page, title: string | RegExp) {
  return page.getByRole("main").getByRole("status").filter({ hasText: title });
}

/**
 * Text the page shows outside any rich-text editor: right after "Save", the editor can still hold
 * what was just typed for a moment, and a plain getByText would find both.
 */
export function savedText(page: Page, text: string) {
  return page.getByText(text, { exact: true }).and(page.locator(":not([contenteditable] *)"));
}
