import { sql, type SQL } from "drizzle-orm";
import { isTransaction, prepareRaw, preparedPerDatabase, queryRows, type DbOrTx } from "../../db/client.js";
import { discussionAttachments, discussionFollows, discussionPosts, discussionThreads, events } from "../../db/schema/index.js";
import { eventsWritten } from "../../platform/events.js";
import { mailsQueuedSql, notificationCtes } from "../notifications/notify.js";
import { iso, type PostRow } from "./discussions.repository.js";
import { moderatorIdsSql } from "./moderation.repository.js";

// Writing a post (decision 019): one statement with everything that follows from it.

/** Who hears of a reply: the thread's followers and the author of the post replied to, but not those mentioned (they hear of the mention). */
export const replyRecipientsSql = (threadId: SQL, parentId: SQL, mentioned: SQL) =>
  sql`select x.id from (select f.user_id as id from ${discussionFollows} f where f.thread_id = ${threadId}::uuid
    union select p.author_id from ${discussionPosts} p where p.id = ${parentId}::uuid) x
    where x.id <> all(${mentioned}::uuid[])`;

/** A new post and what follows from it (see `insertPostWithEffects`). */
export interface NewPost {
  id: string;
  districtId: string;
  threadId: string;
  parentId: string;
  authorId: string;
  body: string;
  bodyText: string;
  status: PostRow["status"];
  idempotencyKey: string | null;
  /** The `discussion.post_created` event: its rooms and payload (JSON). */
  eventRooms: string[];
  eventPayload: string;
  attachmentIds: string[];
  /** The board's class (its teachers approve pending posts). */
  classId: string;
  mentionIds: string[];
  /** Texts of the notifications: a reply and a mention link to the post; an approval to the queue. */
  replyTitle: string;
  mentionTitle: string;
  link: string;
  approvalTitle: string;
  approvalBody: string;
  approvalLink: string;
}

/**
 * The whole write of a post as one statement, its values given by `v` (placeholders or
 * parameters): the post; its live event; the attachments put on it; for a published post the
 * thread's reply count and last activity, and notices to those the reply concerns (followers and
 * the parent's author) and to those mentioned; for a pending one a notice to the class's teachers.
 */
function postWithEffectsSql(v: (name: keyof NewPost) => SQL): SQL {
  const published = sql`(${v("status")}::text = 'published')`;
  const author = sql`${v("authorId")}::uuid`;
  const notice = (userIds: SQL, title: SQL, body: SQL, link: SQL) => ({
    districtId: v("districtId"),
    userIds,
    actorId: author,
    title,
    body,
    link,
  });
  const reply = notice(
    sql`select r.id from (${replyRecipientsSql(v("threadId"), v("parentId"), v("mentionIds"))}) r(id) where ${published}`,
    v("replyTitle"),
    sql`''`,
    v("link"),
  );
  const mention = notice(sql`select unnest(${v("mentionIds")}::uuid[]) where ${published}`, v("mentionTitle"), sql`''`, v("link"));
  const approval = notice(
    sql`select m.id from (${moderatorIdsSql(sql`${v("classId")}::uuid`)}) m(id) where not ${published}`,
    v("approvalTitle"),
    v("approvalBody"),
    v("approvalLink"),
  );
  return sql`with post as (
      insert into ${discussionPosts} (id, district_id, thread_id, parent_id, author_id, body, body_text, status, idempotency_key)
      values (${v("id")}::uuid, ${v("districtId")}::uuid, ${v("threadId")}::uuid, ${v("parentId")}::uuid, ${author},
        ${v("body")}::text, ${v("bodyText")}::text, ${v("status")}::text, ${v("idempotencyKey")}::text)
      returning created_at
    ), post_live as (
      insert into ${events} (district_id, type, rooms, payload)
      values (${v("districtId")}::uuid, 'discussion.post_created', ${v("eventRooms")}::text[], ${v("eventPayload")}::jsonb)
    ), post_files as (
      update ${discussionAttachments} set post_id = ${v("id")}::uuid
      where id = any(${v("attachmentIds")}::uuid[]) and uploaded_by = ${author} and post_id is null
      returning id
    ), thread_bump as (
      update ${discussionThreads} set reply_count = reply_count + 1, last_post_at = greatest(last_post_at, (select created_at from post))
      where id = ${v("threadId")}::uuid and ${published}
    ), ${notificationCtes("reply", "reply", reply)}, ${notificationCtes("mention", "mention", mention)}, ${notificationCtes("approval", "approval", approval)}
    select ${iso(sql`post.created_at`)} as created_at, (select count(*) from post_files)::int as attached,
      ${mailsQueuedSql(["reply", "mention", "approval"])} as mails
    from post`;
}

type PostWritten = { created_at: string; attached: number; mails: number };

/** Posting is the hottest write of discussions: its statement is prepared. */
const writeStatements = preparedPerDatabase((db) => ({
  post: prepareRaw<PostWritten>(
    db,
    "discussion_post_with_effects",
    postWithEffectsSql((name) => sql`${sql.placeholder(name)}`),
  ),
}));

/**
 * Stores a post and what follows from it in one statement, so one round trip and one commit (see
 * `postWithEffectsSql`). The caller runs it in a transaction when it must check the attachments.
 * Returns when the post was stored, how many attachments it took and how many emails were queued.
 */
export async function insertPostWithEffects(db: DbOrTx, values: NewPost): Promise<{ createdAt: Date; attached: number; mails: number }> {
  const [row] = isTransaction(db)
    ? await queryRows<PostWritten>(
        db,
        postWithEffectsSql((name) => sql`${sql.param(values[name])}`),
      )
    : await writeStatements(db).post({ ...values });
  if (!row) throw new Error("insert returned nothing");
  eventsWritten(db);
  return { createdAt: new Date(row.created_at), attached: row.attached, mails: row.mails };
}
