import { HocuspocusProvider } from "@hocuspocus/provider";
import { documentCollabPath, documentTooLargeReason } from "@stoa/contracts";
import { useEffect, useState } from "react";
import * as Y from "yjs";

export type CollabStatus = "connecting" | "connected" | "disconnected" | "denied" | "tooLarge";

/** Someone with the document open (from the provider's awareness). */
export interface Editor {
  clientId: number;
  userId: string;
  name: string;
  color: string;
}

/** Caret colours dark enough for white names on them (contrast above 4.5:1). */
export const caretColours = ["#1864ab", "#c92a2a", "#237032", "#862e9c", "#364fc7", "#a61e4d", "#087f5b", "#5f3dc4", "#974c00"];

/** A stable colour per person. */
export function colourFor(userId: string): string {
  let hash = 0;
  for (const ch of userId) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return caretColours[hash % caretColours.length] ?? caretColours[0]!;
}

const collabUrl = () => `${window.location.protocol === "https:" ? "wss" : "ws"}://${window.location.host}${documentCollabPath}`;

interface Session {
  ydoc: Y.Doc;
  provider: HocuspocusProvider;
}

/**
 * Connects to a document's live session (the session cookie authenticates the socket) and reports
 * the connection's state and who else has the document open.
 */
export function useCollaboration(documentId: string, me: { id: string; name: string }) {
  const [session, setSession] = useState<Session | null>(null);
  const [status, setStatus] = useState<CollabStatus>("connecting");
  const [editors, setEditors] = useState<Editor[]>([]);

  useEffect(() => {
    const ydoc = new Y.Doc();
    const provider = new HocuspocusProvider({ url: collabUrl(), name: documentId, document: ydoc, token: "session-cookie" });
    provider.setAwarenessField("user", { id: me.id, name: me.name, color: colourFor(me.id) });
    let final = false;
    provider.on("status", ({ status: next }: { status: string }) => {
      if (final) return;
      setStatus(next === "connected" ? "connected" : next === "connecting" ? "connecting" : "disconnected");
    });
    provider.on("authenticationFailed", () => {
      final = true;
      setStatus("denied");
    });
    provider.on("close", ({ event }: { event: { reason?: string } }) => {
      if (event.reason === documentTooLargeReason) setStatus("tooLarge");
    });
    provider.on("awarenessChange", ({ states }: { states: { clientId: number; user?: { id?: string; name?: string; color?: string } }[] }) => {
      const seen = new Set<string>();
      const list: Editor[] = [];
      for (const state of states) {
        const user = state.user;
        if (!user?.id || !user.name || seen.has(user.id)) continue;
        seen.add(user.id);
        list.push({ clientId: state.clientId, userId: user.id, name: user.name, color: colourFor(user.id) });
      }
      setEditors(list);
    });
    setSession({ ydoc, provider });
    return () => {
      provider.destroy();
      ydoc.destroy();
      setSession(null);
    };
  }, [documentId, me.id, me.name]);

  return { session, status, editors };
}
