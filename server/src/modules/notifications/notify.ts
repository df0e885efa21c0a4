import { and, eq, inArray } from "drizzle-orm";
import { defaultNotificationChannel, type TNotificationKind } from "@stoa/contracts";
import type { DbOrTx } from "../../db/client.js";
import { mailOutbox, notificationPreferences, notifications, users } from "../../db/schema/index.js";
import { recordEvent } from "../../platform/events.js";
import { requestMailDelivery } from "../../platform/mail.js";

export interface NotifyInput {
  districtId: string;
  /** The people to notify; the one who caused it (actorId) is left out. */
  userIds: string[];
  actorId?: string | null;
  kind: TNotificationKind;
  /** Plain text, written for the recipient. */
  title: string;
  body?: string;
  /** The web app path that shows the subject (e.g. /discussions/threads/<id>#post-<id>). */
  link: string;
}

/**
 * Notifies people, inside the caller's transaction: an in-app notification for each (unless they
 * turned this kind off), an email in the outbox for those who chose email and have an address,
 * and a `notification.created` event to each person's `user:` room.
 */
export async function notify(tx: DbOrTx, input: NotifyInput): Promise<void> {
  const recipients = [...new Set(input.userIds)].filter((id) => id !== input.actorId);
  if (recipients.length === 0) return;
  const chosen = await tx
    .select({ userId: notificationPreferences.userId, channel: notificationPreferences.channel })
    .from(notificationPreferences)
    .where(and(inArray(notificationPreferences.userId, recipients), eq(notificationPreferences.kind, input.kind)));
  const channelOf = new Map(chosen.map((c) => [c.userId, c.channel]));
  const channel = (userId: string) => channelOf.get(userId) ?? defaultNotificationChannel[input.kind];
  const targets = recipients.filter((id) => channel(id) !== "off");
  if (targets.length === 0) return;

  const rows = await tx
    .insert(notifications)
    .values(targets.map((userId) => ({ districtId: input.districtId, userId, kind: input.kind, title: input.title, body: input.body ?? "", link: input.link })))
    .returning({ id: notifications.id, userId: notifications.userId });
  for (const row of rows) {
    await recordEvent(tx, input.districtId, "notification.created", [`user:${row.userId}`], { notificationId: row.id, kind: input.kind });
  }

  const byEmail = targets.filter((id) => channel(id) === "email");
  if (byEmail.length === 0) return;
  const addresses = await tx.select({ id: users.id, email: users.email }).from(users).where(inArray(users.id, byEmail));
  const mails = addresses.filter((a): a is { id: string; email: string } => !!a.email);
  if (mails.length === 0) return;
  await tx.insert(mailOutbox).values(
    mails.map((a) => ({
      districtId: input.districtId,
      userId: a.id,
      toAddress: a.email,
      subject: input.title,
      text: `${input.title}\n\n${input.body ?? ""}\n\nOpen it in Stoa: ${input.link}`.trim(),
    })),
  );
  // The worker sends after commit; this only makes it look soon rather than at its next tick.
  requestMailDelivery();
}
