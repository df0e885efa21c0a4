import { and, count, desc, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { mailOutbox, notificationPreferences, notifications, users } from "../../db/schema/index.js";
import type { TNotificationChannel, TNotificationKind } from "@stoa/contracts";

const mine = (userId: string, unreadOnly: boolean) =>
  and(eq(notifications.userId, userId), unreadOnly ? isNull(notifications.readAt) : undefined);

/** A page of a person's notifications, newest first, and how many there are. */
export async function listNotifications(db: DbOrTx, userId: string, unreadOnly: boolean, limit: number, offset: number) {
  const rows = await db
    .select()
    .from(notifications)
    .where(mine(userId, unreadOnly))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit)
    .offset(offset);
  const [counted] = await db.select({ total: count() }).from(notifications).where(mine(userId, unreadOnly));
  return { rows, total: counted?.total ?? 0 };
}

/** How many of a person's notifications are unread. */
export async function countUnread(db: DbOrTx, userId: string): Promise<number> {
  const [counted] = await db.select({ n: count() }).from(notifications).where(mine(userId, true));
  return counted?.n ?? 0;
}

/** Marks one of the person's notifications read; false when it is not theirs (or does not exist). */
export async function markRead(tx: DbOrTx, userId: string, id: string): Promise<boolean> {
  const [found] = await tx
    .select({ readAt: notifications.readAt })
    .from(notifications)
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId)));
  if (!found) return false;
  if (!found.readAt) await tx.update(notifications).set({ readAt: new Date() }).where(eq(notifications.id, id));
  return true;
}

/** Marks every unread notification of the person read; returns how many changed. */
export async function markAllRead(tx: DbOrTx, userId: string): Promise<number> {
  const changed = await tx.update(notifications).set({ readAt: new Date() }).where(mine(userId, true)).returning({ id: notifications.id });
  return changed.length;
}

/** The person's chosen channels. */
export function listPreferences(db: DbOrTx, userId: string) {
  return db
    .select({ kind: notificationPreferences.kind, channel: notificationPreferences.channel })
    .from(notificationPreferences)
    .where(eq(notificationPreferences.userId, userId));
}

/** Stores the person's channel for each kind given. */
export async function savePreferences(tx: DbOrTx, userId: string, choices: { kind: TNotificationKind; channel: TNotificationChannel }[]) {
  for (const choice of choices) {
    await tx
      .insert(notificationPreferences)
      .values({ userId, kind: choice.kind, channel: choice.channel })
      .onConflictDoUpdate({ target: [notificationPreferences.userId, notificationPreferences.kind], set: { channel: choice.channel } });
  }
}

/** The person's email address (null when they have none). */
export async function findEmail(db: DbOrTx, userId: string): Promise<string | null> {
  const [row] = await db.select({ email: users.email }).from(users).where(eq(users.id, userId));
  return row?.email ?? null;
}

/** Mails of the outbox: the person's own, or (userId null) every mail of the district; newest first. */
export async function listMails(db: DbOrTx, districtId: string, userId: string | null, limit: number, offset: number) {
  const where = and(eq(mailOutbox.districtId, districtId), userId ? eq(mailOutbox.userId, userId) : undefined);
  const rows = await db
    .select({
      id: mailOutbox.id,
      to: mailOutbox.toAddress,
      subject: mailOutbox.subject,
      text: mailOutbox.text,
      status: mailOutbox.status,
      createdAt: mailOutbox.createdAt,
    })
    .from(mailOutbox)
    .where(where)
    .orderBy(desc(mailOutbox.createdAt), desc(mailOutbox.id))
    .limit(limit)
    .offset(offset);
  const [counted] = await db.select({ total: count() }).from(mailOutbox).where(where);
  return { rows, total: counted?.total ?? 0 };
}
