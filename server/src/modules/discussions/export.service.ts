import { eq } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { users } from "../../db/schema/index.js";
import type { Actor } from "../../platform/actor.js";
import { audit } from "../../platform/audit.js";
import { nameOf } from "./moderation.repository.js";
import { requireThreadForTeacher } from "./moderation.service.js";
import { listThreadPosts } from "./grading.repository.js";
import { renderThreadHtml } from "./export.html.js";

/** A thread as one self-contained HTML file, for its teachers (and admins who may read it). */
export async function exportThreadHtml(db: Db, actor: Actor, threadId: string): Promise<{ filename: string; html: string }> {
  const { ctx } = await requireThreadForTeacher(db, actor, threadId);
  const posts = await listThreadPosts(db, threadId);
  const [me] = await db
    .select({ name: nameOf(users) })
    .from(users)
    .where(eq(users.id, actor.userId))
    .limit(1);
  const html = renderThreadHtml({
    title: ctx.thread.title,
    boardTitle: ctx.board.title,
    className: ctx.classTitle,
    exportedAt: new Date(),
    exportedBy: me?.name ?? "",
    posts,
  });
  await audit(db, actor, { action: "discussion.thread_exported", targetType: "discussion_thread", targetId: threadId });
  const safeTitle =
    ctx.thread.title
      .replace(/[^a-zA-Z0-9 _-]/g, "")
      .trim()
      .replace(/\s+/g, "-")
      .slice(0, 60) || "thread";
  return { filename: `discussion-${safeTitle}.html`, html };
}
