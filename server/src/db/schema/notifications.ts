import { index, integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { districts, users } from "./organisation.js";
import { notificationChannels, notificationKinds } from "@stoa/contracts";

/** An in-app notification for one person. */
export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    districtId: uuid("district_id").notNull().references(() => districts.id),
    userId: uuid("user_id").notNull().references(() => users.id),
    kind: text("kind", { enum: notificationKinds }).notNull(),
    /** Plain text, written for the recipient ("Ana replied to your post in …"). */
    title: text("title").notNull(),
    body: text("body").notNull().default(""),
    /** The web app path that shows what the notification is about. */
    link: text("link").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp("read_at", { withTimezone: true }),
  },
  (t) => [index("notifications_user_idx").on(t.userId, t.createdAt)],
);

/** A person's choice per kind of event; a kind without a row uses the kind's default channel. */
export const notificationPreferences = pgTable(
  "notification_preferences",
  {
    userId: uuid("user_id").notNull().references(() => users.id),
    kind: text("kind", { enum: notificationKinds }).notNull(),
    channel: text("channel", { enum: notificationChannels }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind] })],
);

/** pending: to send; sending: claimed by a worker until next_attempt_at; sent; captured (no SMTP: kept for the outbox page); failed: gave up. */
export const mailStatuses = ["pending", "sending", "sent", "captured", "failed"] as const;

/**
 * Emails to send, written in the transaction of what caused them and sent after commit.
 * Without SMTP settings they are "captured": kept here and shown on the development outbox page.
 */
export const mailOutbox = pgTable(
  "mail_outbox",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    districtId: uuid("district_id").notNull().references(() => districts.id),
    userId: uuid("user_id").notNull().references(() => users.id),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    status: text("status", { enum: mailStatuses }).notNull().default("pending"),
    error: text("error"),
    /** Delivery attempts so far; the worker gives up after a few. */
    attempts: integer("attempts").notNull().default(0),
    /** When a pending mail may be tried (again), or when a worker's claim on a sending mail lapses. */
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [index("mail_outbox_status_idx").on(t.status, t.nextAttemptAt), index("mail_outbox_user_idx").on(t.userId, t.createdAt)],
);
