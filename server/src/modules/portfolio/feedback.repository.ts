import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import {
  enrolments,
  portfolioComments,
  portfolioFeedbackRequests,
  portfolioFeedbackReviewers,
  portfolioPages,
  portfolioShares,
  users,
} from "../../db/schema/index.js";

const personName = (alias: string) => sql.raw(`coalesce(${alias}.preferred_name, ${alias}.given_name) || ' ' || ${alias}.family_name`);

/** True when the person was asked for feedback on this page by a request still open. */
export async function isOpenReviewer(db: DbOrTx, reviewerId: string, pageId: string) {
  const [row] = await db
    .select({ id: portfolioFeedbackRequests.id })
    .from(portfolioFeedbackRequests)
    .innerJoin(portfolioFeedbackReviewers, eq(portfolioFeedbackReviewers.requestId, portfolioFeedbackRequests.id))
    .where(
      and(
        eq(portfolioFeedbackRequests.pageId, pageId),
        isNull(portfolioFeedbackRequests.closedAt),
        eq(portfolioFeedbackReviewers.reviewerId, reviewerId),
      ),
    )
    .limit(1);
  return row !== undefined;
}

/** Which comment target a row belongs to. */
export type CommentTarget = { type: "page"; id: string } | { type: "artifact"; id: string };
const targetColumn = (target: CommentTarget) => (target.type === "page" ? portfolioComments.pageId : portfolioComments.artifactId);

/** The comments on one target, oldest first, with author names (bounded: a thread never grows past the cap). */
export function listComments(db: DbOrTx, target: CommentTarget, limit: number) {
  return db
    .select({
      id: portfolioComments.id,
      pageId: portfolioComments.pageId,
      artifactId: portfolioComments.artifactId,
      parentId: portfolioComments.parentId,
      authorId: portfolioComments.authorId,
      authorName: sql<string>`${personName("u")}`,
      body: portfolioComments.body,
      requestId: portfolioComments.requestId,
      questionIndex: portfolioComments.questionIndex,
      hiddenAt: portfolioComments.hiddenAt,
      resolvedAt: portfolioComments.resolvedAt,
      createdAt: portfolioComments.createdAt,
      editedAt: portfolioComments.editedAt,
    })
    .from(portfolioComments)
    .innerJoin(sql`${users} u`, sql`u.id = ${portfolioComments.authorId}`)
    .where(eq(targetColumn(target), target.id))
    .orderBy(asc(portfolioComments.createdAt), asc(portfolioComments.id))
    .limit(limit);
}
export type CommentRow = Awaited<ReturnType<typeof listComments>>[number];

/** How many comments a target has (to refuse past the cap). */
export async function countComments(db: DbOrTx, target: CommentTarget) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(portfolioComments)
    .where(eq(targetColumn(target), target.id));
  return row?.n ?? 0;
}

/** One comment by id within a district. */
export async function findComment(db: DbOrTx, districtId: string, id: string) {
  const [row] = await db
    .select()
    .from(portfolioComments)
    .where(and(eq(portfolioComments.id, id), eq(portfolioComments.districtId, districtId)));
  return row ?? null;
}

/** Inserts a comment. */
export async function insertComment(db: DbOrTx, values: typeof portfolioComments.$inferInsert) {
  const [row] = await db.insert(portfolioComments).values(values).returning({ id: portfolioComments.id });
  return row!;
}

/** Sets or clears a comment's hidden and resolved marks. */
export async function moderateComment(db: DbOrTx, id: string, change: { hidden?: boolean; resolved?: boolean }) {
  const now = new Date();
  await db
    .update(portfolioComments)
    .set({
      ...(change.hidden === undefined ? {} : { hiddenAt: change.hidden ? now : null }),
      ...(change.resolved === undefined ? {} : { resolvedAt: change.resolved ? now : null }),
    })
    .where(eq(portfolioComments.id, id));
}

// --- feedback requests ------------------------------------------------------------------------

/** Of these people, those who are active students in a class where the owner is also an active student. */
export async function classmatesAmong(db: DbOrTx, districtId: string, ownerId: string, candidateIds: string[]) {
  if (candidateIds.length === 0) return [];
  const rows = await db
    .selectDistinct({ id: enrolments.userId })
    .from(enrolments)
    .where(
      and(
        eq(enrolments.districtId, districtId),
        inArray(enrolments.userId, candidateIds),
        eq(enrolments.role, "student"),
        eq(enrolments.status, "active"),
        sql`${enrolments.classId} in (select e.class_id from ${enrolments} e where e.user_id = ${ownerId} and e.role = 'student' and e.status = 'active')`,
      ),
    );
  return rows.map((r) => r.id);
}

/** Inserts a request with its reviewers, and a person share per reviewer so they may see the page. */
export async function insertFeedbackRequest(
  db: DbOrTx,
  values: { districtId: string; pageId: string; ownerId: string; questions: string[]; message: string | null },
  reviewerIds: string[],
) {
  const [request] = await db.insert(portfolioFeedbackRequests).values(values).returning({ id: portfolioFeedbackRequests.id });
  await db
    .insert(portfolioFeedbackReviewers)
    .values(reviewerIds.map((reviewerId) => ({ requestId: request!.id, reviewerId, districtId: values.districtId })));
  for (const reviewerId of reviewerIds) {
    await db
      .update(portfolioShares)
      .set({ allowComments: true })
      .where(
        and(eq(portfolioShares.pageId, values.pageId), eq(portfolioShares.targetType, "person"), eq(portfolioShares.targetId, reviewerId)),
      );
    await db.execute(sql`insert into ${portfolioShares} (district_id, owner_id, page_id, target_type, target_id, allow_comments)
      select ${values.districtId}, ${values.ownerId}, ${values.pageId}, 'person', ${reviewerId}, true
      where not exists (select 1 from ${portfolioShares} s where s.page_id = ${values.pageId} and s.target_type = 'person' and s.target_id = ${reviewerId})`);
  }
  return request!.id;
}

const requestColumns = {
  id: portfolioFeedbackRequests.id,
  pageId: portfolioFeedbackRequests.pageId,
  pageTitle: portfolioPages.title,
  ownerId: portfolioFeedbackRequests.ownerId,
  ownerName: sql<string>`${personName("o")}`,
  questions: portfolioFeedbackRequests.questions,
  message: portfolioFeedbackRequests.message,
  closedAt: portfolioFeedbackRequests.closedAt,
  createdAt: portfolioFeedbackRequests.createdAt,
  reviewers: sql<{ id: string; name: string; answered: boolean }[]>`coalesce((select json_agg(json_build_object(
      'id', ru.id, 'name', coalesce(ru.preferred_name, ru.given_name) || ' ' || ru.family_name, 'answered', r.answered_at is not null) order by ru.family_name, ru.id)
    from ${portfolioFeedbackReviewers} r join ${users} ru on ru.id = r.reviewer_id where r.request_id = ${portfolioFeedbackRequests.id}), '[]'::json)`,
};

/** Requests the owner made, newest first. */
export function listRequestsBy(db: DbOrTx, districtId: string, ownerId: string) {
  return db
    .select(requestColumns)
    .from(portfolioFeedbackRequests)
    .innerJoin(portfolioPages, eq(portfolioPages.id, portfolioFeedbackRequests.pageId))
    .innerJoin(sql`${users} o`, sql`o.id = ${portfolioFeedbackRequests.ownerId}`)
    .where(and(eq(portfolioFeedbackRequests.districtId, districtId), eq(portfolioFeedbackRequests.ownerId, ownerId)))
    .orderBy(sql`${portfolioFeedbackRequests.createdAt} desc`)
    .limit(200);
}

/** Open requests made to a reviewer, newest first. */
export function listRequestsTo(db: DbOrTx, districtId: string, reviewerId: string) {
  return db
    .select(requestColumns)
    .from(portfolioFeedbackRequests)
    .innerJoin(portfolioPages, eq(portfolioPages.id, portfolioFeedbackRequests.pageId))
    .innerJoin(sql`${users} o`, sql`o.id = ${portfolioFeedbackRequests.ownerId}`)
    .where(
      and(
        eq(portfolioFeedbackRequests.districtId, districtId),
        isNull(portfolioFeedbackRequests.closedAt),
        sql`exists (select 1 from ${portfolioFeedbackReviewers} r where r.request_id = ${portfolioFeedbackRequests.id} and r.reviewer_id = ${reviewerId})`,
      ),
    )
    .orderBy(sql`${portfolioFeedbackRequests.createdAt} desc`)
    .limit(200);
}
export type RequestRow = Awaited<ReturnType<typeof listRequestsBy>>[number];

/** One request within a district, with whether this person is one of its reviewers. */
export async function findRequest(db: DbOrTx, districtId: string, id: string, viewerId: string) {
  const [row] = await db
    .select({
      id: portfolioFeedbackRequests.id,
      pageId: portfolioFeedbackRequests.pageId,
      ownerId: portfolioFeedbackRequests.ownerId,
      questions: portfolioFeedbackRequests.questions,
      closedAt: portfolioFeedbackRequests.closedAt,
      isReviewer: sql<boolean>`exists (select 1 from ${portfolioFeedbackReviewers} r where r.request_id = "portfolio_feedback_requests"."id" and r.reviewer_id = ${viewerId})`,
    })
    .from(portfolioFeedbackRequests)
    .where(and(eq(portfolioFeedbackRequests.id, id), eq(portfolioFeedbackRequests.districtId, districtId)));
  return row ?? null;
}

/** Marks a reviewer as having answered. */
export async function markAnswered(db: DbOrTx, requestId: string, reviewerId: string) {
  await db
    .update(portfolioFeedbackReviewers)
    .set({ answeredAt: sql`coalesce(${portfolioFeedbackReviewers.answeredAt}, now())` })
    .where(and(eq(portfolioFeedbackReviewers.requestId, requestId), eq(portfolioFeedbackReviewers.reviewerId, reviewerId)));
}

/**
 * Closes a request: it leaves the reviewers' "feedback requested" list and takes no more answers.
 * The person shares it created stay (the owner may have shared with them anyway); the owner
 * removes them in the sharing overview.
 */
export async function closeRequest(db: DbOrTx, request: { id: string }) {
  await db.update(portfolioFeedbackRequests).set({ closedAt: new Date() }).where(eq(portfolioFeedbackRequests.id, request.id));
}
