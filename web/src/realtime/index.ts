// The real-time client (decision 013): one WebSocket per tab, shared by every hook below.
import { useCallback, useEffect, useRef, useSyncExternalStore } from "react";
import type { TPresenceMember, TRealtimeEvent } from "@stoa/contracts";
import { RealtimeClient, type ConnectionStatus, type RoomStatus } from "./client";

export type { ConnectionStatus, RoomStatus };

/** The tab's one connection. */
export const realtime = new RealtimeClient();

/** Subscribes to a room while the component is mounted; calls onEvent for each event of the room. */
export function useRoom(room: string | null, onEvent: (event: TRealtimeEvent) => void): { status: RoomStatus } {
  const handler = useRef(onEvent);
  useEffect(() => {
    handler.current = onEvent;
  });
  useEffect(() => {
    if (!room) return;
    return realtime.join(room, (event) => handler.current(event));
  }, [room]);
  const status = useRoomValue(room, () => (room ? realtime.roomStatus(room) : "offline"));
  return { status };
}

/** Who is in the room now (every server process), including the person themself. */
export function usePresence(room: string | null): TPresenceMember[] {
  useFollow(room);
  return useRoomValue(room, () => (room ? realtime.members(room) : none));
}

/** Who else is typing in the room, and a function to call as the person types (throttled inside). */
export function useTyping(room: string | null): { typing: TPresenceMember[]; notifyTyping: () => void } {
  useFollow(room);
  const typing = useRoomValue(room, () => (room ? realtime.typing(room) : none), true);
  const notifyTyping = useCallback(() => {
    if (room) realtime.notifyTyping(room);
  }, [room]);
  return { typing, notifyTyping };
}

/** The tab's connection state (for the shell's live status). */
export function useConnectionStatus(): ConnectionStatus {
  return useSyncExternalStore(
    (listener) => realtime.onStatus(listener),
    () => realtime.status,
  );
}

const none: TPresenceMember[] = [];

/** Keeps the room subscribed while mounted (presence and typing need a subscription). */
function useFollow(room: string | null) {
  useEffect(() => {
    if (!room) return;
    return realtime.join(room, () => undefined);
  }, [room]);
}

/**
 * A value of one room that re-renders on its changes. `fresh` values (typing lists) are rebuilt on
 * each read, so they are cached per change to keep useSyncExternalStore's snapshot stable.
 */
function useRoomValue<T>(room: string | null, read: () => T, fresh = false): T {
  const cache = useRef<{ version: number; value: T } | null>(null);
  const version = useRef(0);
  const subscribe = useCallback(
    (listener: () => void) => {
      if (!room) return () => undefined;
      return realtime.watch(room, () => {
        version.current += 1;
        listener();
      });
    },
    [room],
  );
  const snapshot = () => {
    if (!fresh) return read();
    if (!cache.current || cache.current.version !== version.current) cache.current = { version: version.current, value: read() };
    return cache.current.value;
  };
  return useSyncExternalStore(subscribe, snapshot);
}
