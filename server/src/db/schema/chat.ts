import { bigserial, boolean, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { districts, users } from "./organisation.js";
import { classes } from "./roster.js";
import { groups } from "./groups.js";

/** Someone @mentioned in a message, resolved when it was sent. */
export interface StoredMention {
  userId: string;
  username: string;
  name: string;
}

/** A message in a class's chat (group_id null) or in a group's chat. Plain text, never HTML. */
export const chatMessages = pgTable(
  "chat_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Orders messages for history paging (uuids do not sort by time). */
    seq: bigserial("seq", { mode: "number" }).notNull(),
    districtId: uuid("district_id").notNull().references(() => districts.id),
    classId: uuid("class_id").notNull().references(() => classes.id),
    groupId: uuid("group_id").references(() => groups.id, { onDelete: "cascade" }),
    authorId: uuid("author_id").notNull().references(() => users.id),
    body: text("body").notNull(),
    mentions: jsonb("mentions").$type<StoredMention[]>().notNull().default([]),
    /** The sender's Idempotency-Key: a retried send returns the stored message instead of a second one. */
    idempotencyKey: text("idempotency_key"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
    deletedBy: uuid("deleted_by").references(() => users.id),
  },
  (t) => [
    index("chat_messages_scope_idx").on(t.classId, t.groupId, t.seq),
    uniqueIndex("chat_messages_idempotency_idx").on(t.authorId, t.idempotencyKey),
  ],
);

/** A class's chat switch; a class without a row has its chat on. It applies to the class's group chats too. */
export const chatSettings = pgTable("chat_settings", {
  classId: uuid("class_id")
    .primaryKey()
    .references(() => classes.id),
  districtId: uuid("district_id").notNull().references(() => districts.id),
  enabled: boolean("enabled").notNull().default(true),
  updatedBy: uuid("updated_by").references(() => users.id),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
