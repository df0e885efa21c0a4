import { sql, type SQL } from "drizzle-orm";
import { defaultNotificationChannel, type TNotificationKind } from "@stoa/contracts";
import { queryRows, type DbOrTx } from "../../db/client.js";
import { events, mailOutbox, notificationPreferences, notifications, users } from "../../db/schema/index.js";
import { eventsWritten } from "../../platform/events.js";
import { requestMailDelivery } from "../../platform/mail.js";

export interface NotifyInput {
  districtId: string;
  /**
   * The people to notify: their ids, or a query of user ids run in the same statement (for a
   * change that notifies as it writes). The one who caused it (actorId) is left out.
   */
  userIds: string[] | SQL;
  actorId?: string | null;
  kind: TNotificationKind;
  /** Plain text, written for the recipient. */
  title: string;
  body?: string;
  /** The web app path that shows the subject (e.g. /discussions/threads/<id>#post-<id>). */
  link: string;
}

/** A notification's values as SQL: parameters of a one-off statement, or placeholders of a prepared one. */
export interface NotifySql {
  districtId: SQL;
  /** A query of the user ids to notify. */
  userIds: SQL;
  actorId: SQL;
  title: SQL;
  body: SQL;
  link: SQL;
}

/** A notification's values as parameters. */
export function notifySql(input: NotifyInput): NotifySql {
  return {
    districtId: sql`${input.districtId}`,
    userIds: Array.isArray(input.userIds) ? sql`select unnest(${sql.param([...new Set(input.userIds)])}::uuid[])` : input.userIds,
    actorId: sql`${input.actorId ?? null}`,
    title: sql`${input.title}`,
    body: sql`${input.body ?? ""}`,
    link: sql`${input.link}`,
  };
}

/**
 * The notification as common table expressions `<name>_targets`, `<name>_created`, `<name>_live`
 * and `<name>_mail`, for one statement: each recipient's channel (their preference, else the
 * kind's default), the in-app rows for those who did not turn it off, a `notification.created`
 * event to each one's `user:` room, and an email in the outbox for those who chose email and have
 * an address (`<name>_mail` has a row per email). A caller that writes more (a reply) puts these
 * in its own statement, so that a post and its notifications are one round trip and one commit,
 * and calls `eventsWritten` after it.
 */
export function notificationCtes(name: string, kind: TNotificationKind, v: NotifySql): SQL {
  if (!/^[a-z][a-z0-9]*$/.test(name)) throw new Error(`not a safe name: ${name}`);
  const cte = (part: string) => sql.raw(`${name}_${part}`);
  const district = sql`${v.districtId}::uuid`;
  return sql`${cte("targets")} as (
      select r.id as user_id, coalesce(p.channel, ${defaultNotificationChannel[kind]}) as channel
      from (select distinct q.id from (${v.userIds}) as q(id)) r
      left join ${notificationPreferences} p on p.user_id = r.id and p.kind = ${kind}
      where r.id is distinct from ${v.actorId}::uuid
    ), ${cte("created")} as (
      insert into ${notifications} (district_id, user_id, kind, title, body, link)
      select ${district}, t.user_id, ${kind}, ${v.title}::text, ${v.body}::text, ${v.link}::text
      from ${cte("targets")} t where t.channel <> 'off'
      returning id, user_id
    ), ${cte("live")} as (
      insert into ${events} (district_id, type, rooms, payload)
      select ${district}, 'notification.created', array['user:' || c.user_id], jsonb_build_object('notificationId', c.id, 'kind', ${kind}::text)
      from ${cte("created")} c
    ), ${cte("mail")} as (
      insert into ${mailOutbox} (district_id, user_id, to_address, subject, text)
      select ${district}, u.id, u.email, ${v.title}::text,
        ${v.title}::text || E'\n\n' || case when ${v.body}::text = '' then '' else ${v.body}::text || E'\n\n' end || 'Open it in Stoa: ' || ${v.link}::text
      from ${cte("targets")} t join ${users} u on u.id = t.user_id
      where t.channel = 'email' and coalesce(u.email, '') <> ''
      returning id
    )`;
}

/** How many emails the `notificationCtes` of these names queued, as a SQL expression. */
export const mailsQueuedSql = (names: string[]): SQL =>
  names.length === 0
    ? sql`0`
    : sql.join(
        names.map((n) => sql`(select count(*) from ${sql.raw(`${n}_mail`)})::int`),
        sql` + `,
      );

/** The mail worker sends after commit; this only makes it look soon rather than at its next tick. */
export function afterMailsQueued(count: number): void {
  if (count > 0) requestMailDelivery();
}

/**
 * Notifies people, inside the caller's transaction, in one statement (see `notificationCtes`).
 */
export async function notify(tx: DbOrTx, input: NotifyInput): Promise<void> {
  if (Array.isArray(input.userIds) && input.userIds.every((id) => id === input.actorId)) return;
  const [row] = await queryRows<{ mails: number }>(
    tx,
    sql`with ${notificationCtes("n", input.kind, notifySql(input))} select ${mailsQueuedSql(["n"])} as mails`,
  );
  eventsWritten(tx);
  afterMailsQueued(row?.mails ?? 0);
}
