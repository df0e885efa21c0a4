import { useEffect } from "react";
import { sendHeartbeat } from "../../api/tasks";

/** How often a beat is sent, and how recent the last keyboard or pointer input must be. */
const periodMs = 30_000;
const recentInputMs = 60_000;

/**
 * Time on task: sends a heartbeat every 30 s, but only while the page is visible AND the person
 * used keyboard, pointer or scroll in the last minute, so a tab left open counts for nothing.
 */
export function useHeartbeat(taskId: string, groupId: string, enabled: boolean) {
  useEffect(() => {
    if (!enabled) return;
    let lastInput = Date.now();
    const markInput = () => {
      lastInput = Date.now();
    };
    const events = ["keydown", "pointerdown", "pointermove", "wheel", "touchstart"] as const;
    for (const name of events) window.addEventListener(name, markInput, { passive: true });
    const beat = () => {
      if (document.visibilityState === "visible" && Date.now() - lastInput <= recentInputMs)
        void sendHeartbeat(taskId, groupId).catch(() => undefined);
    };
    beat();
    const timer = window.setInterval(beat, periodMs);
    return () => {
      window.clearInterval(timer);
      for (const name of events) window.removeEventListener(name, markInput);
    };
  }, [taskId, groupId, enabled]);
}
