import { z } from "zod";

/**
 * The real-time protocol over one WebSocket per browser tab (`GET /api/realtime`).
 *
 * Rooms are named `<kind>:<id>`: `district:`, `school:`, `class:`, `group:`, `thread:`,
 * `board:`, `brainstorm:`, `user:` … A client subscribes to a room; the server checks the room's
 * policy (the same rules as the REST reads) and answers `subscribed` or `denied` (a room that
 * does not exist and a room the person may not see are denied alike). Events come from the
 * outbox in id order; a client that reconnects subscribes with `since` (its last event id) and
 * first receives every event it missed.
 *
 * Event payloads carry ids and what every member of the room may see; clients fetch the rest
 * through the REST API (usually by invalidating the matching queries).
 */
export const ZRoomName = z
  .string()
  .max(120)
  .regex(/^[a-z-]+:[A-Za-z0-9:_-]+$/, { message: "a room is named kind:id" });

export const ZClientMessage = z.discriminatedUnion("type", [
  z.object({ type: z.literal("subscribe"), room: ZRoomName, since: z.number().int().min(0).optional() }),
  z.object({ type: z.literal("unsubscribe"), room: ZRoomName }),
  /** The person is typing in the room (ephemeral; never stored). */
  z.object({ type: z.literal("typing"), room: ZRoomName }),
  z.object({ type: z.literal("ping") }),
]);
export type TClientMessage = z.infer<typeof ZClientMessage>;

/** A stored event, delivered to the subscribers of any of its rooms (once per connection). */
export const ZRealtimeEvent = z.object({
  type: z.literal("event"),
  id: z.number().int(),
  event: z.string(),
  rooms: z.array(z.string()),
  payload: z.record(z.string(), z.unknown()),
  at: z.string(),
});
export type TRealtimeEvent = z.infer<typeof ZRealtimeEvent>;

export const ZPresenceMember = z.object({ userId: z.string(), name: z.string() });
export type TPresenceMember = z.infer<typeof ZPresenceMember>;

export const ZServerMessage = z.discriminatedUnion("type", [
  ZRealtimeEvent,
  /**
   * lastEventId: the newest event id at subscription, to resume from after a reconnect. refetch:
   * the client missed more than the server replays (or it could not read them): read the room's
   * data again through REST.
   */
  z.object({ type: z.literal("subscribed"), room: z.string(), lastEventId: z.number().int(), refetch: z.boolean().optional() }),
  z.object({ type: z.literal("denied"), room: z.string() }),
  /** Access to the room ended (removed from the group, signed out …): no more events from it. */
  z.object({ type: z.literal("revoked"), room: z.string() }),
  /** Who is in the room now, across every server process. */
  z.object({ type: z.literal("presence"), room: z.string(), members: z.array(ZPresenceMember) }),
  z.object({ type: z.literal("typing"), room: z.string(), member: ZPresenceMember }),
  z.object({ type: z.literal("pong") }),
  z.object({ type: z.literal("error"), message: z.string() }),
]);
export type TServerMessage = z.infer<typeof ZServerMessage>;

/** WebSocket close codes the server uses (besides 1001 "restarting"); the client reconnects except after `signedOut`. */
export const realtimeCloseCodes = { signedOut: 4401, tooSlow: 4408, tooManyMessages: 4429 } as const;
