import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import yauzl from "yauzl";
import type { Db } from "../../db/client.js";
import { portfolioComments } from "../../db/schema/index.js";
import { localFileStorage } from "../../platform/storage.js";
import { getTestDatabase } from "../../test/db.js";
import { actorOf, buildDistrict, type TestDistrict } from "../../test/factories.js";
import * as assessments from "./assessment.service.js";
import * as exporter from "./export.service.js";
import * as feedback from "./feedback.service.js";
import * as rubrics from "./rubrics.service.js";
import { buildArtifact, buildFile, buildPage, buildReflection, sharePage } from "./feedback.test-helpers.js";

let db: Db;
let d: TestDistrict;
const storage = localFileStorage(mkdtempSync(join(tmpdir(), "stoa-export-test-")));

beforeAll(async () => {
  db = (await getTestDatabase()).db;
  d = await buildDistrict(db);
});
afterAll(async () => (await getTestDatabase()).close());

/** Every entry of a zip, as buffers by path. */
async function unzip(stream: Readable): Promise<Map<string, Buffer>> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(Buffer.concat(chunks), { lazyEntries: true }, (error, z) => (error ? reject(error) : resolve(z))),
  );
  const entries = new Map<string, Buffer>();
  await new Promise<void>((resolve, reject) => {
    zip.on("entry", (entry: yauzl.Entry) => {
      zip.openReadStream(entry, (error, read) => {
        if (error) return reject(error);
        const parts: Buffer[] = [];
        read.on("data", (c: Buffer) => parts.push(c));
        read.on("end", () => {
          entries.set(entry.fileName, Buffer.concat(parts));
          zip.readEntry();
        });
      });
    });
    zip.on("end", () => resolve());
    zip.on("error", reject);
    zip.readEntry();
  });
  return entries;
}

const payload = `<script>alert("x")</script><img src=x onerror=alert(1)><svg onload=alert(2)></svg><p onclick="alert(3)">hi</p><a href="javascript:alert(4)">go</a>`;

describe("HTML archive", () => {
  it("holds pages, artifacts, files, reflections, comments and assessments, and no script survives", async () => {
    const owner = d.studentA1;
    const stored = await storage.put("test", Readable.from([Buffer.from("%PDF-1.4 essay bytes")]), 1024);
    const file = await buildFile(db, owner, {
      storageKey: stored.key,
      fileName: `"><script>alert(5)</script>.pdf`,
      mediaType: "application/pdf",
      sizeBytes: stored.size,
    });
    const evil = await buildArtifact(db, owner, {
      title: `<script>alert("title")</script>`,
      description: `" onmouseover="alert(6)`,
      body: payload,
      tags: [`<img src=x onerror=alert(7)>`],
    });
    const link = await buildArtifact(db, owner, { kind: "link", title: "Link", url: "javascript:alert(8)", body: null });
    const withFile = await buildArtifact(db, owner, { kind: "file", title: "Essay", fileId: file.id, body: null });
    const page = await buildPage(db, owner, [evil.id, link.id, withFile.id], { title: `Term <b>1</b>`, purpose: "assessment" });
    // A text block straight in the stored layout, as if a bad row slipped past validation.
    await buildReflection(db, owner, { pageId: page.id }, payload);
    await sharePage(db, page, "class", d.classA.id);
    await feedback.createComment(db, actorOf(d.teacherA), { type: "page", id: page.id }, { body: "<p>Lovely work, Ada</p>" });
    // Stored comments are sanitised on write; write a raw one to prove the archive sanitises again.
    await db
      .insert(portfolioComments)
      .values({ districtId: d.district.id, pageId: page.id, ownerId: owner.id, authorId: d.studentA2.id, body: payload });
    const rubric = await rubrics.createRubric(db, actorOf(d.teacherA), d.classA.id, {
      title: "R",
      description: "",
      criteria: [{ title: "Evidence", description: "", levels: [{ title: "Secure", description: "", points: "2.5" }] }],
    });
    const assessment = await assessments.createAssessment(db, actorOf(d.teacherA), d.classA.id, {
      title: "Term 1 portfolio",
      instructions: "",
      rubricId: rubric.id,
    });
    const submission = await assessments.submit(db, actorOf(owner), assessment.id, { pageId: page.id });
    await assessments.assess(db, actorOf(d.teacherA), submission.id, {
      scores: [{ criterionId: rubric.criteria[0]!.id, levelId: rubric.criteria[0]!.levels[0]!.id, comment: "Clear evidence" }],
      overallComment: "Well done",
      returnToStudent: true,
    });

    const { stream, fileName } = await exporter.exportArchive(db, storage, actorOf(owner));
    expect(fileName).toMatch(/^portfolio-.*\.zip$/);
    const entries = await unzip(stream);
    const paths = [...entries.keys()];
    expect(paths).toEqual(
      expect.arrayContaining([
        "index.html",
        `pages/${page.id}.html`,
        `artifacts/${evil.id}.html`,
        `artifacts/${withFile.id}.html`,
        `assessments/${submission.id}.html`,
        expect.stringMatching(new RegExp(`^files/${file.id}/`)),
      ]),
    );
    const filePath = paths.find((p) => p.startsWith("files/"))!;
    expect(filePath).toMatch(new RegExp(`^files/${file.id}/[^/<>"]+$`));
    expect(entries.get(filePath)!.toString()).toBe("%PDF-1.4 essay bytes");

    const html = [...entries].filter(([p]) => p.endsWith(".html")).map(([p, b]) => [p, b.toString("utf8")] as const);
    for (const [path, text] of html) {
      expect(text, path).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none';`);
      expect(text.toLowerCase(), path).not.toContain("<script");
      expect(text.toLowerCase(), path).not.toContain("<svg");
      // Event-handler attributes inside any tag (escaped text such as `&#34; onmouseover=` is inert).
      const tags = text.match(/<[a-z][^>]*>/gi) ?? [];
      expect(
        tags.filter((tag) => /\son[a-z]+\s*=/i.test(tag)),
        path,
      ).toEqual([]);
      expect(text.toLowerCase(), path).not.toContain("javascript:");
    }
    const pageHtml = entries.get(`pages/${page.id}.html`)!.toString();
    expect(pageHtml).toContain("Term &#60;b&#62;1&#60;/b&#62;");
    expect(pageHtml).toContain("Lovely work, Ada");
    expect(pageHtml).toContain(`../artifacts/${withFile.id}.html`);
    expect(pageHtml).toContain("Reflections");
    const assessmentHtml = entries.get(`assessments/${submission.id}.html`)!.toString();
    expect(assessmentHtml).toContain("Clear evidence");
    expect(assessmentHtml).toContain("Total: 2.50");
    expect(assessmentHtml).toContain(`../${filePath.replace(/"/g, "&#34;")}`.split("/").slice(0, 3).join("/"));
    expect(assessmentHtml).not.toContain("/api/");
    const index = entries.get("index.html")!.toString();
    expect(index).toContain(`pages/${page.id}.html`);
    expect(index).toContain("Term 1 portfolio");
  });

  it("exports only the person's own work", async () => {
    const mine = await buildArtifact(db, d.studentA2, { title: "Ali's only artifact" });
    const entries = await unzip((await exporter.exportArchive(db, storage, actorOf(d.studentA2))).stream);
    const artifactPages = [...entries.keys()].filter((p) => p.startsWith("artifacts/"));
    expect(artifactPages).toEqual([`artifacts/${mine.id}.html`]);
  });
});

describe("Leap2A", () => {
  it("is well-formed Atom with leap2 entries for artifacts, pages and reflections, escaped", async () => {
    const owner = d.studentB1;
    const art = await buildArtifact(db, owner, { title: `Fish & <chips> "quoted" \u0001`, tags: ["a&b"] });
    const page = await buildPage(db, owner, [art.id], { title: "Page ]]> <x>" });
    const reflection = await buildReflection(db, owner, { artifactId: art.id }, "<p>I learned & grew</p>");
    const { xml, fileName } = await exporter.exportLeap2a(db, actorOf(owner));
    expect(fileName).toMatch(/leap2a\.xml$/);
    expect(xml).toContain('xmlns:leap2="http://terms.leapspecs.org/"');
    expect(xml).toContain("<leap2:version>http://www.leapspecs.org/2010-07/2A/</leap2:version>");
    expect(xml).toContain(`<id>portfolio:artefact/${art.id}</id>`);
    expect(xml).toContain(`<title>Fish &amp; &lt;chips&gt; &quot;quoted&quot; </title>`);
    expect(xml).toContain(`<title>Page ]]&gt; &lt;x&gt;</title>`);
    expect(xml).toContain(`<link rel="leap2:has_part" href="portfolio:artefact/${art.id}" leap2:display_order="0"/>`);
    expect(xml).toContain(`<link rel="leap2:reflects_on" href="portfolio:artefact/${art.id}"/>`);
    expect(xml).toContain(`<id>portfolio:reflection/${reflection.id}</id>`);
    expect(xml).toContain("&lt;p&gt;I learned &amp;amp; grew&lt;/p&gt;");
    expect(xml).not.toContain("\u0001");
    // Every element opened is closed: a cheap well-formedness check without an XML parser.
    const opened = (xml.match(/<entry>/g) ?? []).length;
    expect(opened).toBe((xml.match(/<\/entry>/g) ?? []).length);
    expect(opened).toBe(3);
    void page;
  });
});
