import { sql } from "drizzle-orm";
import { defaultNotificationChannel, type TNotificationKind } from "@stoa/contracts";
import { queryRows, type DbOrTx } from "../../db/client.js";
import { events, mailOutbox, notificationPreferences, notifications, users } from "../../db/schema/index.js";
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
  // One statement: each recipient's channel (their preference, else the kind's default), the
  // in-app rows for those who did not turn it off, one live event per row, and the addresses of
  // those who chose email. A reply notifies on every post, so this saves round trips where it counts.
  const fallback = defaultNotificationChannel[input.kind];
  const mails = await queryRows<{ id: string; email: string }>(
    tx,
    sql`
    with targets as (
      select r.id as user_id, coalesce(p.channel, ${fallback}) as channel
      from unnest(${sql.param(recipients)}::uuid[]) as r(id)
      left join ${notificationPreferences} p on p.user_id = r.id and p.kind = ${input.kind}
    ), created as (
      insert into ${notifications} (district_id, user_id, kind, title, body, link)
      select ${input.districtId}::uuid, t.user_id, ${input.kind}, ${input.title}, ${input.body ?? ""}, ${input.link}
      from targets t where t.channel <> 'off'
      returning id, user_id
    ), live as (
      insert into ${events} (district_id, type, rooms, payload)
      select ${input.districtId}::uuid, 'notification.created', array['user:' || c.user_id], jsonb_build_object('notificationId', c.id, 'kind', ${input.kind}::text)
      from created c
    )
    select u.id, u.email from targets t join ${users} u on u.id = t.user_id
    where t.channel = 'email' and u.email is not null and u.email <> ''`,
  );
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
