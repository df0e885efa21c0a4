import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import type { TChild, TRosterEntry, TTask } from "@stoa/contracts";
import WebSocket from "ws";
import * as Y from "yjs";
import { apiAs, publishGroupSet, type Api } from "./api";
import { demoPassword, e2ePort } from "./env";
import { expect, login, test } from "./fixtures";
import { payloadBatches, xssPayloads } from "./xss-payloads";

/**
 * Stored XSS, end to end: every payload of xss-payloads.ts goes through every rich-text (and
 * free-text) field of the product over the API, then each role that can see the field opens the
 * pages that render it. The test fails on ANY sign of script execution: a dialog (alert, confirm,
 * prompt), a call to `window.__xss` (defined by an init script; payloads call it), and, because
 * the Content-Security-Policy would hide a sanitiser's failure by blocking inline handlers, on any
 * dangerous markup that reached the DOM (event-handler attributes, javascript: URLs, script,
 * iframe, object, embed, base, meta, form actions, CSS expressions). CSP violations in the console
 * are allowed (they prove the second wall holds) but recorded as annotations.
 *
 * Adding a field is one entry in `fields` below: plant the batches, return the pages and roles.
 */

test.use({ actionTimeout: 20_000 });

type Role = "teacher" | "student" | "guardian" | "visitor";
interface Visit {
  role: Role;
  path: string;
  /** Clicks to reveal the field (a tab) before checking. */
  reveal?: (page: Page) => Promise<void>;
  /** Further checks on the open page (e.g. a file the page offers): answers the problems found. */
  inspect?: (page: Page) => Promise<string[]>;
}
interface Ctx {
  teacher: Api;
  student: Api;
  guardian: Api;
  classId: string;
  /** The student's username (to open a co-editing socket as them). */
  studentUsername: string;
  /** The student's group in a published set of the class (created once). */
  group: () => Promise<{ setId: string; groupId: string }>;
  /** A task of that set (created once). */
  task: () => Promise<TTask>;
  /** The student's page shared with their guardians and by a secret link (created once). */
  portfolioPage: () => Promise<{ id: string; linkPath: string; artifactId: string }>;
}
interface Field {
  name: string;
  /** Stores every batch through the field; answers the pages that render it and who opens them. */
  plant: (ctx: Ctx, batches: { label: string; html: string }[]) => Promise<Visit[]>;
}

const batches = payloadBatches(36);
const once = <T>(make: () => Promise<T>) => {
  let value: Promise<T> | undefined;
  return () => (value ??= make());
};

/** The fields of the product that keep text people write. */
const fields: Field[] = [
  {
    name: "task instructions",
    async plant(ctx, list) {
      const { setId } = await ctx.group();
      const visits: Visit[] = [];
      for (const b of list) {
        const task = await ctx.teacher.call<TTask>("POST", "/api/tasks", {
          classId: ctx.classId,
          setId,
          title: `XSS ${b.label}`,
          instructions: b.html,
          dueAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
        });
        // A student lands in their group space, where the instructions are a closed <details>: open it.
        const openInstructions = async (page: Page) => {
          const summary = page.locator("summary").filter({ hasText: "Instructions" });
          await summary.waitFor();
          await summary.click();
        };
        visits.push(
          { role: "teacher", path: `/tasks/${task.id}` },
          { role: "student", path: `/tasks/${task.id}`, reveal: openInstructions },
        );
      }
      return visits;
    },
  },
  {
    name: "group charter",
    async plant(ctx, list) {
      const task = await ctx.task();
      const { groupId } = await ctx.group();
      const [goals = "", norms = "", decisions = "", fallingBehind = ""] = list.map((b) => b.html);
      await ctx.student.call("PUT", `/api/tasks/${task.id}/groups/${groupId}/charter`, {
        goals,
        norms,
        decisions,
        fallingBehind,
        version: 0,
      });
      const path = `/tasks/${task.id}/groups/${groupId}`;
      return [
        { role: "student", path: `${path}?tab=charter` },
        { role: "teacher", path: `${path}?tab=charter` },
      ];
    },
  },
  {
    name: "group submission",
    async plant(ctx, list) {
      const task = await ctx.task();
      const { groupId } = await ctx.group();
      await ctx.student.call("PUT", `/api/tasks/${task.id}/groups/${groupId}/submission`, {
        version: 0,
        body: list.map((b) => b.html).join("\n"),
      });
      const path = `/tasks/${task.id}/groups/${groupId}`;
      return [
        { role: "student", path: `${path}?tab=submission` },
        { role: "teacher", path: `${path}?tab=submission` },
      ];
    },
  },
  {
    name: "portfolio text artifacts and reflections",
    async plant(ctx, list) {
      const visits: Visit[] = [];
      for (const b of list) {
        const artifact = await ctx.student.call<{ id: string }>("POST", "/api/portfolio/artifacts", {
          kind: "text",
          title: `XSS ${b.label}`,
          body: b.html,
        });
        await ctx.student.call("POST", `/api/portfolio/artifacts/${artifact.id}/reflections`, { body: b.html });
        visits.push({ role: "student", path: `/portfolio/artifacts/${artifact.id}` });
      }
      return visits;
    },
  },
  {
    name: "portfolio page text blocks, shared with guardians and by link",
    async plant(ctx) {
      const page = await ctx.portfolioPage();
      const path = `/portfolio/pages/${page.id}`;
      return [
        { role: "student", path },
        { role: "guardian", path },
        { role: "visitor", path: page.linkPath },
      ];
    },
  },
  {
    name: "portfolio comments",
    async plant(ctx, list) {
      const page = await ctx.portfolioPage();
      for (const b of list) await ctx.guardian.call("POST", `/api/portfolio/pages/${page.id}/comments`, { body: b.html });
      const path = `/portfolio/pages/${page.id}`;
      return [
        { role: "student", path },
        { role: "guardian", path },
      ];
    },
  },
  {
    name: "portfolio templates (teacher's text blocks, copied by a student)",
    async plant(ctx, list) {
      const blocks = list.map((b, i) => ({ id: `t${i}`, type: "text", html: b.html }));
      const template = await ctx.teacher.call<{ id: string }>("POST", `/api/classes/${ctx.classId}/portfolio/templates`, {
        kind: "page",
        title: "XSS template",
        description: list[0]!.html.slice(0, 1900),
        pages: [{ title: "XSS template page", layout: { sections: [{ id: "s1", columns: [{ id: "c1", blocks }] }] } }],
      });
      const copy = await ctx.student.call<{ id: string }>("POST", `/api/portfolio/templates/${template.id}/copy`, {});
      return [
        { role: "student", path: `/portfolio/pages/${copy.id}` },
        { role: "student", path: "/portfolio/templates" },
        { role: "teacher", path: "/portfolio/templates" },
      ];
    },
  },
  {
    name: "rubric comments, assessment instructions and the submitted snapshot",
    async plant(ctx, list) {
      const page = await ctx.portfolioPage();
      const rubric = await ctx.teacher.call<{ id: string; criteria: { id: string; levels: { id: string }[] }[] }>(
        "POST",
        `/api/classes/${ctx.classId}/portfolio/rubrics`,
        {
          title: "XSS rubric",
          description: list[0]!.html.slice(0, 1900),
          criteria: [{ title: "Ideas", levels: [{ title: "Good", points: "4" }] }],
        },
      );
      const assessment = await ctx.teacher.call<{ id: string }>("POST", `/api/classes/${ctx.classId}/portfolio/assessments`, {
        title: "XSS assessment",
        instructions: list[1]!.html,
        rubricId: rubric.id,
      });
      const submission = await ctx.student.call<{ id: string }>("POST", `/api/portfolio/assessments/${assessment.id}/submissions`, {
        pageId: page.id,
      });
      const criterion = rubric.criteria[0]!;
      await ctx.teacher.call("PUT", `/api/portfolio/submissions/${submission.id}/assessment`, {
        scores: [{ criterionId: criterion.id, levelId: criterion.levels[0]!.id, comment: list[2]!.html }],
        overallComment: list[3]?.html ?? list[0]!.html,
        returnToStudent: true,
      });
      const path = `/portfolio/submissions/${submission.id}`;
      return [
        { role: "teacher", path },
        { role: "student", path },
      ];
    },
  },
  {
    name: "discussion board descriptions, opening posts and replies",
    async plant(ctx, list) {
      const board = await ctx.teacher.call<{ id: string }>("POST", "/api/discussions/boards", {
        classId: ctx.classId,
        title: "XSS board",
        description: list.map((b) => b.html).join("\n"),
      });
      const visits: Visit[] = [
        { role: "teacher", path: `/discussions/boards/${board.id}` },
        { role: "student", path: `/discussions/boards/${board.id}` },
      ];
      // Posting allows 10 posts a minute per person: one thread per batch (the student's opening
      // post) and one reply (the teacher's) keep both well under it.
      for (const b of list) {
        const thread = await ctx.student.call<{ id: string }>("POST", `/api/discussions/boards/${board.id}/threads`, {
          title: `XSS ${b.label}`,
          body: b.html,
        });
        await ctx.teacher.call("POST", `/api/discussions/threads/${thread.id}/posts`, { body: b.html });
        visits.push(
          { role: "teacher", path: `/discussions/threads/${thread.id}` },
          { role: "student", path: `/discussions/threads/${thread.id}` },
        );
      }
      return visits;
    },
  },
  {
    name: "class chat messages (plain text)",
    async plant(ctx) {
      // At most 2,000 characters a message and 20 messages per 10 s: a handful of packed messages.
      for (const text of packPlain(2000)) await ctx.student.call("POST", `/api/classes/${ctx.classId}/chat/messages`, { body: text });
      // Plain text renders as text: the markup itself is visible, never interpreted.
      const shownAsText = async (page: Page) => {
        const panel = page.getByText("<script>", { exact: false }).first();
        return (await panel.isVisible()) ? [] : ["chat: the payload's markup is not shown as text"];
      };
      return [
        { role: "teacher", path: `/classes/${ctx.classId}`, inspect: shownAsText },
        { role: "student", path: `/classes/${ctx.classId}`, inspect: shownAsText },
        { role: "student", path: `/chat/classes/${ctx.classId}`, inspect: shownAsText },
      ];
    },
  },
  {
    name: "brainstorm cards (plain text)",
    async plant(ctx) {
      const board = await ctx.teacher.call<{ id: string }>("POST", "/api/brainstorm-boards", {
        classId: ctx.classId,
        title: "XSS ideas",
        layout: "columns",
      });
      // A card holds 500 characters and a person adds at most 30 a minute: pack the payloads.
      for (const text of packPlain(500)) await ctx.student.call("POST", `/api/brainstorm-boards/${board.id}/cards`, { text });
      return [
        { role: "teacher", path: `/brainstorm/${board.id}` },
        { role: "student", path: `/brainstorm/${board.id}` },
      ];
    },
  },
  {
    name: "shared documents (live editor, saved version view, HTML export)",
    async plant(ctx) {
      const { groupId } = await ctx.group();
      const doc = await ctx.student.call<{ id: string }>("POST", `/api/groups/${groupId}/documents`, { title: "XSS document" });
      // A hostile client writes the Yjs document directly (not through the editor's schema):
      // payloads as text, as link targets, and inside unknown nodes and attributes.
      await writeDocument(ctx.studentUsername, doc.id, (fragment) => {
        xssPayloads.forEach((payload, i) => {
          const n = i + 1;
          const marker = new Y.XmlElement("paragraph");
          marker.insert(0, [new Y.XmlText(`xss-marker-${n}`)]);
          const text = new Y.XmlElement("paragraph");
          const t = new Y.XmlText();
          t.insert(0, payload);
          // (Offsets counted by hand: a text not yet in a document cannot be measured.)
          t.insert(payload.length, " link", { link: { href: `javascript:__xss(${n})` }, bold: true });
          t.insert(payload.length + 5, " quote", { link: { href: `"><img src=x onerror=__xss(${n})>` } });
          text.insert(0, [t]);
          text.setAttribute("onclick", `__xss(${n})`);
          const unknown = new Y.XmlElement(n % 2 ? "script" : "iframe");
          unknown.setAttribute("src", `javascript:__xss(${n})`);
          unknown.insert(0, [new Y.XmlText(`__xss(${n})`)]);
          const heading = new Y.XmlElement("heading");
          heading.setAttribute("level", `2 onclick=__xss(${n})`);
          heading.insert(0, [new Y.XmlText(payload)]);
          fragment.push([marker, text, unknown, heading]);
        });
      });
      await ctx.student.call("POST", `/api/documents/${doc.id}/versions`, {});
      const path = `/documents/${doc.id}`;
      const openVersion = async (page: Page) => {
        await page.getByRole("button", { name: "History" }).click();
        await page
          .getByRole("button", { name: /^View: Version/ })
          .first()
          .click();
        await page
          .getByRole("dialog")
          .getByText(/xss-marker-\d+/)
          .first()
          .waitFor();
      };
      const exportIsInert = async (page: Page) => {
        const res = await page.request.get(`/api/documents/${doc.id}/export`);
        const html = await res.text();
        const problems: string[] = [];
        if (res.status() !== 200) problems.push(`export answered ${res.status()}`);
        if (!/sandbox/.test(res.headers()["content-security-policy"] ?? "")) problems.push("export without a sandboxing CSP");
        if (!html.includes("xss-marker-1")) problems.push("export misses the content");
        for (const m of await dangerousMarkup(page, html)) problems.push(`export: ${m}`);
        return problems;
      };
      return [
        { role: "student", path },
        { role: "teacher", path },
        { role: "student", path, reveal: openVersion, inspect: exportIsInert },
        { role: "teacher", path, reveal: openVersion, inspect: exportIsInert },
      ];
    },
  },
];

/** Every payload with its marker, as plain text, packed into pieces of at most `limit` characters. */
function packPlain(limit: number): string[] {
  const pieces: string[] = [];
  let current = "";
  xssPayloads.forEach((payload, i) => {
    const item = `xss-marker-${i + 1} ${payload}`;
    if (current && current.length + 1 + item.length > limit) {
      pieces.push(current);
      current = "";
    }
    current = current ? `${current}\n${item}` : item;
  });
  if (current) pieces.push(current);
  return pieces;
}

/** Signs in and answers the session cookie (for the co-editing socket). */
async function sessionCookie(username: string): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${e2ePort}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ login: username, password: demoPassword }),
  });
  expect(res.status, `sign-in as ${username}`).toBe(200);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

/** Connects to the co-editing socket as `username`, applies `change` to the document, waits until the server has it. */
async function writeDocument(username: string, documentId: string, change: (fragment: Y.XmlFragment) => void): Promise<void> {
  const cookie = await sessionCookie(username);
  const document = new Y.Doc();
  class CookieSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers: { cookie } });
    }
  }
  const socket = new HocuspocusProviderWebsocket({
    url: `ws://127.0.0.1:${e2ePort}/api/documents/collab`,
    WebSocketPolyfill: CookieSocket,
  });
  const provider = new HocuspocusProvider({ websocketProvider: socket, name: documentId, document });
  provider.attach();
  try {
    await expect.poll(() => provider.isSynced, { message: "the co-editing socket syncs", timeout: 15_000 }).toBe(true);
    document.transact(() => change(document.getXmlFragment("default")));
    await expect.poll(() => provider.hasUnsyncedChanges, { message: "the server acknowledges the change", timeout: 15_000 }).toBe(false);
  } finally {
    provider.destroy();
    socket.destroy();
  }
}

/** Everything dangerous that reached the page's DOM (the app's root), as readable strings. */
async function dangerousMarkup(page: Page, html?: string): Promise<string[]> {
  return page.evaluate((html) => {
    // The page's app root, or the body of a separate document parsed (never run) from the given
    // HTML (its head keeps the file's own <meta charset>).
    const root =
      html === undefined ? (document.getElementById("root") ?? document.body) : new DOMParser().parseFromString(html, "text/html").body;
    const found: string[] = [];
    const describe = (el: Element) => el.outerHTML.slice(0, 160);
    for (const el of Array.from(root.querySelectorAll("*"))) {
      for (const attr of Array.from(el.attributes)) {
        const name = attr.name.toLowerCase();
        const value = Array.from(attr.value)
          .filter((c) => c.charCodeAt(0) > 32)
          .join("")
          .toLowerCase();
        if (name.startsWith("on")) found.push(`event handler ${name}: ${describe(el)}`);
        if (["href", "src", "action", "formaction", "data", "xlink:href", "srcdoc", "background", "poster"].includes(name)) {
          if (/^(javascript|vbscript|data:text\/html)/.test(value) || name === "srcdoc")
            found.push(`${name}=${attr.value}: ${describe(el)}`);
        }
        if (name === "style" && /expression\(|javascript:|behavior:|-moz-binding/.test(value)) found.push(`style: ${describe(el)}`);
      }
    }
    for (const el of Array.from(
      root.querySelectorAll("script, iframe, frame, frameset, object, embed, applet, base, meta, link, portal, form[action]"),
    ))
      found.push(`element <${el.tagName.toLowerCase()}>: ${describe(el)}`);
    return found;
  }, html);
}

interface Watched {
  page: Page;
  context: BrowserContext;
  dialogs: string[];
  csp: string[];
}

/** A context for a role with the execution traps installed. */
async function open(browser: Browser, role: Role, usernames: Record<Exclude<Role, "visitor">, string>): Promise<Watched> {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    const w = window as unknown as { __xss: (n: number) => void; __xssHits: number[] };
    w.__xssHits = [];
    w.__xss = (n: number) => void w.__xssHits.push(n);
  });
  const page = await context.newPage();
  const dialogs: string[] = [];
  const csp: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) csp.push(m.text().slice(0, 200));
  });
  if (role !== "visitor") await login(page, usernames[role]);
  return { page, context, dialogs, csp };
}

test("stored XSS payloads render inert in every rich-text field, for every role that sees them", async ({ browser }) => {
  test.setTimeout(600_000);
  expect(xssPayloads.length).toBeGreaterThanOrEqual(100);

  // The people: guardian1, their child (the student), and the teacher of one of the child's classes.
  const guardian = await apiAs("guardian1");
  const children = await guardian.call<TChild[]>("GET", "/api/children");
  const child = children.find((c) => c.classes.length > 0)!;
  const admin = await apiAs("admin");
  const person = await admin.call<{ username: string }>("GET", `/api/people/${child.id}`);
  const cls = child.classes[0]!;
  const roster = await admin.call<TRosterEntry[]>("GET", `/api/classes/${cls.id}/roster`);
  const teacherName = roster.find((e) => e.role === "teacher" && e.status === "active")!.username!;
  await admin.dispose();
  const teacher = await apiAs(teacherName);
  const student = await apiAs(person.username);
  const usernames = { teacher: teacherName, student: person.username, guardian: "guardian1" };

  const group = once(async () => {
    const set = await publishGroupSet(teacher, cls.id, { name: `XSS ${Date.now()}`, groupSize: 2, seed: 7 });
    const mine = set.groups.find((g) => g.members.some((m) => m.userId === child.id))!;
    return { setId: set.id, groupId: mine.id };
  });
  const ctx: Ctx = {
    teacher,
    student,
    guardian,
    classId: cls.id,
    studentUsername: person.username,
    group,
    task: once(async () =>
      teacher.call<TTask>("POST", "/api/tasks", {
        classId: cls.id,
        setId: (await group()).setId,
        title: "XSS group work",
        dueAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      }),
    ),
    portfolioPage: once(async () => {
      const artifact = await student.call<{ id: string }>("POST", "/api/portfolio/artifacts", {
        kind: "text",
        title: "XSS placed",
        body: batches[0]!.html,
      });
      await student.call("POST", `/api/portfolio/artifacts/${artifact.id}/reflections`, { body: batches[1]!.html });
      const blocks = batches.map((b, i) => ({ id: `t${i}`, type: "text", html: b.html }));
      const layout = {
        sections: [
          {
            id: "s1",
            columns: [{ id: "c1", blocks: [...blocks, { id: "a1", type: "artifact", artifactId: artifact.id, showReflections: true }] }],
          },
        ],
      };
      const page = await student.call<{ id: string }>("POST", "/api/portfolio/pages", { title: "XSS page", purpose: "assessment", layout });
      await student.call("POST", `/api/portfolio/pages/${page.id}/shares`, { targetType: "guardians", targetId: null });
      const link = await student.call<{ path: string }>("POST", `/api/portfolio/pages/${page.id}/links`, { label: "xss" });
      return { id: page.id, linkPath: link.path, artifactId: artifact.id };
    }),
  };

  // Plant everything first, then walk the pages role by role (one signed-in context per role).
  const visits: (Visit & { field: string })[] = [];
  for (const field of fields) for (const v of await field.plant(ctx, batches)) visits.push({ ...v, field: field.name });
  for (const api of [teacher, student, guardian]) await api.dispose();

  const problems: string[] = [];
  const roles = [...new Set(visits.map((v) => v.role))];
  for (const role of roles) {
    const watched = await open(browser, role, usernames);
    for (const visit of visits.filter((v) => v.role === role)) {
      await watched.page.goto(visit.path);
      if (visit.reveal) await visit.reveal(watched.page);
      // The field rendered: its first marker is on the page (as text or inside rich text).
      await expect(watched.page.getByText(/xss-marker-\d+/).first(), `${visit.field} on ${visit.path} as ${role}`).toBeVisible();
      await watched.page.waitForTimeout(300);
      const hits = await watched.page.evaluate(() => (window as unknown as { __xssHits: number[] }).__xssHits);
      const where = `${visit.field} at ${visit.path} as ${role}`;
      for (const n of hits) problems.push(`${where}: payload ${n} ran: ${xssPayloads[n - 1]}`);
      for (const d of watched.dialogs.splice(0)) problems.push(`${where}: a dialog opened (${d})`);
      for (const m of await dangerousMarkup(watched.page)) problems.push(`${where}: ${m}`);
      if (visit.inspect) for (const m of await visit.inspect(watched.page)) problems.push(`${where}: ${m}`);
    }
    if (watched.csp.length > 0)
      test
        .info()
        .annotations.push({ type: "csp-blocked", description: `${role}: ${watched.csp.length} CSP report(s), e.g. ${watched.csp[0]}` });
    await watched.context.close();
  }
  expect(problems, "script execution or dangerous markup from stored payloads").toEqual([]);
});

test("the traps catch what they are meant to catch (so the suite can fail)", async ({ browser }) => {
  const watched = await open(browser, "visitor", { teacher: "", student: "", guardian: "" });
  await watched.page.goto("/sign-in");
  await watched.page.getByRole("heading", { level: 1 }).waitFor();
  expect(await dangerousMarkup(watched.page)).toEqual([]);
  // Markup a broken sanitiser would let through: found in the DOM even though CSP stops it running.
  await watched.page.evaluate(() => {
    document
      .getElementById("root")!
      .insertAdjacentHTML("beforeend", `<img src=x onerror="__xss(1)"><a href=" javascript:__xss(2)">x</a><iframe srcdoc="x"></iframe>`);
  });
  const found = await dangerousMarkup(watched.page);
  expect(found.some((f) => f.startsWith("event handler onerror"))).toBe(true);
  expect(found.some((f) => f.startsWith("href="))).toBe(true);
  expect(found.some((f) => f.startsWith("element <iframe>"))).toBe(true);
  // Script that does run is seen through the hook and the dialog handler.
  await watched.page.evaluate(() => {
    (window as unknown as { __xss: (n: number) => void }).__xss(7);
    window.alert("caught");
  });
  expect(await watched.page.evaluate(() => (window as unknown as { __xssHits: number[] }).__xssHits)).toEqual([7]);
  expect(watched.dialogs).toEqual(["alert: caught"]);
  await watched.context.close();
});
