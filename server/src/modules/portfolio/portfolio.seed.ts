import { and, asc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import {
  enrolments,
  portfolioArtifacts,
  portfolioCollectionPages,
  portfolioCollections,
  portfolioPageArtifacts,
  portfolioPages,
  portfolioPrompts,
  portfolioReflections,
  portfolioShares,
  portfolioTemplates,
} from "../../db/schema/index.js";

// Demo portfolios: student1..student12 each have a few artifacts, a page and a reflection;
// student1's page is shared with their first class and their guardian (guardian1), so a
// classmate, a teacher and a parent each have something to see. The first class of teacher1 and
// teacher6 gets reflection prompts and a "Term 1 reflection" template. No files (nothing to upload).

const layoutOf = (blocks: Record<string, unknown>[]) => ({ sections: [{ id: "s1", title: "My work", columns: [{ id: "c1", blocks }] }] });

/** Seeds demo portfolios into the demo district (called from the demo seed, inside its transaction). */
export async function seedPortfolios(tx: DbOrTx, districtId: string, idOf: Map<string, string>) {
  const userId = (name: string) => idOf.get(name) ?? "";
  for (const teacher of ["teacher1", "teacher6"]) {
    const [first] = await tx
      .select({ classId: enrolments.classId })
      .from(enrolments)
      .where(and(eq(enrolments.userId, userId(teacher)), eq(enrolments.role, "teacher")))
      .orderBy(asc(enrolments.classId))
      .limit(1);
    if (!first) continue;
    await tx.insert(portfolioPrompts).values([
      { districtId, classId: first.classId, text: "What did you learn?", position: 0, createdBy: userId(teacher) },
      { districtId, classId: first.classId, text: "What would you do differently next time?", position: 1, createdBy: userId(teacher) },
    ]);
    await tx.insert(portfolioTemplates).values({
      districtId,
      classId: first.classId,
      kind: "page",
      title: "Term 1 reflection",
      description: "Pick your best piece of work and tell us about it.",
      purpose: "showcase",
      pages: [
        {
          title: "Term 1 reflection",
          layout: layoutOf([
            { id: "t1", type: "text", html: "<p>This term I am proud of…</p>" },
            { id: "p1", type: "placeholder", hint: "Add your best piece of work here" },
          ]),
        },
      ],
      createdBy: userId(teacher),
    });
  }

  for (let n = 1; n <= 12; n++) {
    const ownerId = userId(`student${n}`);
    if (!ownerId) continue;
    const artifacts = await tx
      .insert(portfolioArtifacts)
      .values([
        {
          districtId,
          ownerId,
          kind: "text",
          title: "My story about the river",
          body: "<p>The river starts in the hills and <strong>ends in the sea</strong>.</p>",
          tags: ["writing"],
          skills: ["Narrative writing"],
          occurredOn: "2026-09-20",
        },
        {
          districtId,
          ownerId,
          kind: "link",
          title: "Fractions game I made",
          url: "https://example.org/fractions",
          tags: ["maths"],
          skills: ["Fractions"],
          occurredOn: "2026-10-02",
        },
        {
          districtId,
          ownerId,
          kind: "stoa",
          title: "Notes from our science class",
          body: "<p>Plants need light, water and air.</p>",
          source: {
            type: "text",
            id: `demo-${n}`,
            classId: null,
            title: "Science notes",
            capturedAt: "2026-10-10T09:00:00.000Z",
            text: "<p>Plants need light, water and air.</p>",
          },
          tags: ["science"],
        },
      ])
      .returning({ id: portfolioArtifacts.id });
    const [story, game] = artifacts;
    if (!story || !game) continue;
    const [page] = await tx
      .insert(portfolioPages)
      .values({
        districtId,
        ownerId,
        title: "My best work this term",
        purpose: "showcase",
        layout: layoutOf([
          { id: "t1", type: "text", html: "<p>Here is what I am proud of.</p>" },
          { id: "a1", type: "artifact", artifactId: story.id, showReflections: true },
          { id: "a2", type: "artifact", artifactId: game.id, showReflections: true },
        ]),
      })
      .returning({ id: portfolioPages.id });
    if (!page) continue;
    await tx.insert(portfolioPageArtifacts).values([story.id, game.id].map((artifactId) => ({ pageId: page.id, artifactId, districtId })));
    await tx.insert(portfolioReflections).values([
      {
        districtId,
        authorId: ownerId,
        artifactId: story.id,
        body: "<p>I learned to plan my story before writing it.</p>",
        promptText: "What did you learn?",
      },
      { districtId, authorId: ownerId, pageId: page.id, body: "<p>I chose these because I worked hardest on them.</p>" },
    ]);
    if (n === 1) await shareStudentOne(tx, districtId, ownerId, page.id);
  }
}

async function shareStudentOne(tx: DbOrTx, districtId: string, ownerId: string, pageId: string) {
  const classesOfOwner = await tx
    .select({ classId: enrolments.classId })
    .from(enrolments)
    .where(and(eq(enrolments.userId, ownerId), inArray(enrolments.role, ["student"])))
    .orderBy(asc(enrolments.classId))
    .limit(1);
  const firstClass = classesOfOwner[0];
  await tx
    .insert(portfolioShares)
    .values([
      ...(firstClass ? [{ districtId, ownerId, pageId, targetType: "class" as const, targetId: firstClass.classId }] : []),
      { districtId, ownerId, pageId, targetType: "guardians" as const, targetId: null },
    ]);
  const [collection] = await tx
    .insert(portfolioCollections)
    .values({ districtId, ownerId, title: "Year 2026 portfolio", purpose: "presentation" })
    .returning({ id: portfolioCollections.id });
  if (collection) await tx.insert(portfolioCollectionPages).values({ collectionId: collection.id, pageId, districtId, position: 0 });
}
