import type { TNotification, TOutboxMail } from "@stoa/contracts";
import type { notifications } from "../../db/schema/index.js";

/** A notification for its recipient. */
export function presentNotification(row: typeof notifications.$inferSelect): TNotification {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    body: row.body,
    link: row.link,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt?.toISOString() ?? null,
  };
}

/** A mail of the development outbox. */
export function presentMail(row: Omit<TOutboxMail, "createdAt"> & { createdAt: Date }): TOutboxMail {
  return { id: row.id, to: row.to, subject: row.subject, text: row.text, status: row.status, createdAt: row.createdAt.toISOString() };
}
