import { z } from "zod";

/** Every kind of event a person can be notified of; each has a preference. */
export const notificationKinds = [
  "mention", // someone @mentioned you in a post or a chat message
  "reply", // a reply to your post, or in a thread you follow
  "report", // (teachers) a post in your class was reported
  "approval", // (teachers) a post waits for approval; (students) your post was approved
  "moderation", // your post was hidden, or a moderator acted on your report
  "feedback", // a comment or feedback request on your portfolio
  "task", // a group task of yours changed (new task, deadline, mark)
] as const;
export const ZNotificationKind = z.enum(notificationKinds);
export type TNotificationKind = z.infer<typeof ZNotificationKind>;

/** Where a kind of notification goes: the in-app centre only, the centre and email, or nowhere. */
export const notificationChannels = ["app", "email", "off"] as const;
export const ZNotificationChannel = z.enum(notificationChannels);
export type TNotificationChannel = z.infer<typeof ZNotificationChannel>;

/** The channel a kind uses until the person chooses. */
export const defaultNotificationChannel: Record<TNotificationKind, TNotificationChannel> = {
  mention: "app",
  reply: "app",
  report: "email",
  approval: "app",
  moderation: "app",
  feedback: "app",
  task: "app",
};

export const ZNotification = z.object({
  id: z.uuid(),
  kind: ZNotificationKind,
  title: z.string(),
  body: z.string(),
  link: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type TNotification = z.infer<typeof ZNotification>;

/** Notification events to the `user:<id>` room. */
export const notificationEventNames = ["notification.created", "notification.read"] as const;
export const ZNotificationEventName = z.enum(notificationEventNames);
export type TNotificationEventName = z.infer<typeof ZNotificationEventName>;

/** A page of the person's notifications, newest first, with how many are unread in all. */
export const ZNotificationPage = z.object({
  items: z.array(ZNotification),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  unread: z.number().int(),
});
export type TNotificationPage = z.infer<typeof ZNotificationPage>;

export const ZNotificationListQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  unreadOnly: z.enum(["true", "false"]).default("false"),
});

export const ZUnreadCount = z.object({ unread: z.number().int() });

/** The person's channel for every kind. */
export const ZNotificationPreference = z.object({ kind: ZNotificationKind, channel: ZNotificationChannel });
export type TNotificationPreference = z.infer<typeof ZNotificationPreference>;
export const ZNotificationPreferences = z.object({
  preferences: z.array(ZNotificationPreference),
  /** Email needs an address on the person's account. */
  hasEmail: z.boolean(),
});
export type TNotificationPreferences = z.infer<typeof ZNotificationPreferences>;
export const ZNotificationPreferencesUpdate = z.object({
  preferences: z.array(ZNotificationPreference).min(1, { message: "Choose a channel for at least one kind" }).max(notificationKinds.length),
});

export const mailStatusNames = ["pending", "sending", "sent", "captured", "failed"] as const;

/** An email of the outbox, as the development "Mail outbox" page shows it. */
export const ZOutboxMail = z.object({
  id: z.uuid(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  status: z.enum(mailStatusNames),
  createdAt: z.string(),
});
export type TOutboxMail = z.infer<typeof ZOutboxMail>;
