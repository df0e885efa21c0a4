import {
  defaultNotificationChannel,
  notificationKinds,
  type TNotificationPage,
  type TNotificationPreference,
  type TNotificationPreferences,
  type TOutboxMail,
} from "@stoa/contracts";
import type { Db } from "../../db/client.js";
import { isDistrictAdmin, type Actor } from "../../platform/actor.js";
import { badRequest, notFound } from "../../platform/errors.js";
import { recordEvent } from "../../platform/events.js";
import { presentMail, presentNotification } from "./notifications.presenter.js";
import * as repo from "./notifications.repository.js";

/** A page of the actor's own notifications, newest first, with the unread count. */
export async function listNotifications(
  db: Db,
  actor: Actor,
  query: { page: number; pageSize: number; unreadOnly: "true" | "false" },
): Promise<TNotificationPage> {
  const { rows, total } = await repo.listNotifications(
    db,
    actor.userId,
    query.unreadOnly === "true",
    query.pageSize,
    (query.page - 1) * query.pageSize,
  );
  return {
    items: rows.map(presentNotification),
    total,
    page: query.page,
    pageSize: query.pageSize,
    unread: await repo.countUnread(db, actor.userId),
  };
}

/** How many of the actor's notifications are unread. */
export async function unreadCount(db: Db, actor: Actor): Promise<{ unread: number }> {
  return { unread: await repo.countUnread(db, actor.userId) };
}

/** Marks one of the actor's notifications read (someone else's answers 404); other tabs hear of it. */
export async function markRead(db: Db, actor: Actor, id: string): Promise<{ unread: number }> {
  return db.transaction(async (tx) => {
    if (!(await repo.markRead(tx, actor.userId, id))) throw notFound("Notification");
    await recordEvent(tx, actor.districtId, "notification.read", [`user:${actor.userId}`], { notificationId: id });
    return { unread: await repo.countUnread(tx, actor.userId) };
  });
}

/** Marks all of the actor's notifications read. */
export async function markAllRead(db: Db, actor: Actor): Promise<{ unread: number }> {
  return db.transaction(async (tx) => {
    const changed = await repo.markAllRead(tx, actor.userId);
    if (changed > 0) await recordEvent(tx, actor.districtId, "notification.read", [`user:${actor.userId}`], { all: true });
    return { unread: 0 };
  });
}

/** The actor's channel for every kind (the default where they have not chosen; "app" for email without an address). */
export async function getPreferences(db: Db, actor: Actor): Promise<TNotificationPreferences> {
  const chosen = new Map((await repo.listPreferences(db, actor.userId)).map((p) => [p.kind, p.channel]));
  const hasEmail = (await repo.findEmail(db, actor.userId)) !== null;
  // Without an address "email" means in the app only (notify sends no mail): show what really happens.
  const preferences: TNotificationPreference[] = notificationKinds.map((kind) => {
    const channel = chosen.get(kind) ?? defaultNotificationChannel[kind];
    return { kind, channel: channel === "email" && !hasEmail ? "app" : channel };
  });
  return { preferences, hasEmail };
}

/** Saves the actor's channels; email needs an address on the account. */
export async function updatePreferences(db: Db, actor: Actor, preferences: TNotificationPreference[]): Promise<TNotificationPreferences> {
  const kinds = preferences.map((p) => p.kind);
  if (new Set(kinds).size !== kinds.length) throw badRequest("Each kind of notification can be listed only once");
  const emailed = preferences.filter((p) => p.channel === "email");
  if (emailed.length > 0 && (await repo.findEmail(db, actor.userId)) === null) {
    throw badRequest(
      "Your account has no email address, so notifications cannot go by email; choose “In Stoa” or ask your school to add your address",
      emailed.map((p) => ({ path: `preferences.${kinds.indexOf(p.kind)}.channel`, message: "needs an email address on your account" })),
    );
  }
  await db.transaction((tx) => repo.savePreferences(tx, actor.userId, preferences));
  return getPreferences(db, actor);
}

/**
 * The development mail outbox (SMTP not configured): a person sees the mails addressed to them, a
 * district administrator every mail of the district. With SMTP configured the page does not exist (404).
 */
export async function listOutbox(
  db: Db,
  actor: Actor,
  captureMode: boolean,
  query: { page: number; pageSize: number },
): Promise<{ items: TOutboxMail[]; total: number; page: number; pageSize: number }> {
  if (!captureMode) throw notFound("The mail outbox page (mail is sent by SMTP here)");
  const { rows, total } = await repo.listMails(
    db,
    actor.districtId,
    isDistrictAdmin(actor) ? null : actor.userId,
    query.pageSize,
    (query.page - 1) * query.pageSize,
  );
  return { items: rows.map(presentMail), total, page: query.page, pageSize: query.pageSize };
}
