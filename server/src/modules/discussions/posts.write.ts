import { sql, type SQL } from "drizzle-orm";
import { isTransaction, prepareRaw, preparedPerDatabase, queryRows, type DbOrTx } from "../../db/client.js";
import { discussionAttachments, discussionFollows, discussionPosts, events } from "../../db/schema/index.js";
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

/** Which parts a post's statement has: each shape is its own prepared statement. */
interface PostShape {
  published: boolean;
  mentions: boolean;
  attachments: boolean;
}

const shapeOf = (post: NewPost): PostShape => ({
  published: post.status === "published",
  mentions: post.status === "published" && post.mentionIds.length > 0,
  attachments: post.attachmentIds.length > 0,
});

/**
 * The whole write of a post as one statement, its values given by `v` (placeholders or
 * parameters): the post; its live event; the attachments put on it; for a published post notices
 * to those the reply concerns (followers and the parent's author) and to those mentioned; for a
 * pending one a notice to the class's teachers. It writes no thread row: replies to one thread
 * would queue on it (the thread's counts are derived from its posts, `threadActivitySql`).
 * Parts the post does not need are left out rather than made empty by a condition: PostgreSQL
 * starts every part of a plan at each execution, used or not (a third of a reply's time).
 */
function postWithEffectsSql(v: (name: keyof NewPost) => SQL, shape: PostShape): SQL {
  const author = sql`${v("authorId")}::uuid`;
  const notice = (userIds: SQL, title: SQL, body: SQL, link: SQL) => ({
    districtId: v("districtId"),
    userIds,
    actorId: author,
    title,
    body,
    link,
  });
  const effects: SQL[] = [];
  const notices: string[] = [];
  if (shape.attachments)
    effects.push(sql`post_files as (
      update ${discussionAttachments} set post_id = ${v("id")}::uuid
      where id = any(${v("attachmentIds")}::uuid[]) and uploaded_by = ${author} and post_id is null
      returning id
    )`);
  if (shape.published) {
    const recipients = replyRecipientsSql(v("threadId"), v("parentId"), shape.mentions ? v("mentionIds") : sql`'{}'`);
    effects.push(notificationCtes("reply", "reply", notice(recipients, v("replyTitle"), sql`''`, v("link"))));
    notices.push("reply");
    if (shape.mentions) {
      effects.push(
        notificationCtes(
          "mention",
          "mention",
          notice(sql`select unnest(${v("mentionIds")}::uuid[])`, v("mentionTitle"), sql`''`, v("link")),
        ),
      );
      notices.push("mention");
    }
  } else {
    const moderators = moderatorIdsSql(sql`${v("classId")}::uuid`);
    effects.push(notificationCtes("approval", "approval", notice(moderators, v("approvalTitle"), v("approvalBody"), v("approvalLink"))));
    notices.push("approval");
  }
  return sql`with post as (
      insert into ${discussionPosts} (id, district_id, thread_id, parent_id, author_id, body, body_text, status, idempotency_key)
      values (${v("id")}::uuid, ${v("districtId")}::uuid, ${v("threadId")}::uuid, ${v("parentId")}::uuid, ${author},
        ${v("body")}::text, ${v("bodyText")}::text, ${v("status")}::text, ${v("idempotencyKey")}::text)
      returning created_at
    ), post_live as (
      insert into ${events} (district_id, type, rooms, payload)
      values (${v("districtId")}::uuid, 'discussion.post_created', ${v("eventRooms")}::text[], ${v("eventPayload")}::jsonb)
    ), ${sql.join(effects, sql`, `)}
    select ${iso(sql`post.created_at`)} as created_at,
      ${shape.attachments ? sql`(select count(*) from post_files)::int` : sql`0`} as attached, ${mailsQueuedSql(notices)} as mails
    from post`;
}

type PostWritten = { created_at: string; attached: number; mails: number };

/** Posting is the hottest write of discussions: each shape without attachments is a prepared statement. */
const writeStatements = preparedPerDatabase((db) => {
  const prepare = (name: string, shape: PostShape) =>
    prepareRaw<PostWritten>(
      db,
      name,
      postWithEffectsSql((field) => sql`${sql.placeholder(field)}`, shape),
    );
  return {
    reply: prepare("discussion_post_reply", { published: true, mentions: false, attachments: false }),
    replyWithMentions: prepare("discussion_post_reply_mentions", { published: true, mentions: true, attachments: false }),
    pending: prepare("discussion_post_pending", { published: false, mentions: false, attachments: false }),
  };
});

/**
 * Stores a post and what follows from it in one statement, so one round trip and one commit (see
 * `postWithEffectsSql`). The caller runs it in a transaction when it must check the attachments.
 * Returns when the post was stored, how many attachments it took and how many emails were queued.
 */
export async function insertPostWithEffects(db: DbOrTx, values: NewPost): Promise<{ createdAt: Date; attached: number; mails: number }> {
  const shape = shapeOf(values);
  let rows: PostWritten[];
  if (isTransaction(db) || shape.attachments) {
    rows = await queryRows<PostWritten>(
      db,
      postWithEffectsSql((name) => sql`${sql.param(values[name])}`, shape),
    );
  } else {
    const statements = writeStatements(db);
    const statement = !shape.published ? statements.pending : shape.mentions ? statements.replyWithMentions : statements.reply;
    rows = await statement({ ...values });
  }
  const [row] = rows;
  if (!row) throw new Error("insert returned nothing");
  eventsWritten(db);
  return { createdAt: new Date(row.created_at), attached: row.attached, mails: row.mails };
}
