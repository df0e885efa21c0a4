import { Badge, Tooltip } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { keys } from "../api/keys";
import { realtime, useConnectionStatus } from "../realtime";

const colors = { idle: "gray", connecting: "gray", live: "teal", reconnecting: "orange", signedOut: "gray" } as const;

/**
 * The tab's live connection (opened while signed in) and its state in the header, announced
 * politely to screen readers when it changes.
 */
export function LiveStatus() {
  const { t } = useTranslation();
  const status = useConnectionStatus();
  const queryClient = useQueryClient();

  useEffect(() => {
    realtime.start();
    const online = () => realtime.retryNow();
    window.addEventListener("online", online);
    return () => {
      window.removeEventListener("online", online);
      realtime.stop();
    };
  }, []);

  // The server ended the session: ask who is signed in, and the shell sends them to sign in.
  useEffect(() => {
    if (status === "signedOut") void queryClient.invalidateQueries({ queryKey: keys.me });
  }, [status, queryClient]);

  return (
    <Tooltip label={t(`realtime.statusHint.${status}`)} withinPortal>
      <Badge
        role="status"
        aria-live="polite"
        variant="light"
        color={colors[status]}
        size="lg"
        leftSection={<span aria-hidden className={`live-dot live-dot-${status}`} />}
        data-testid="live-status"
      >
        {t(`realtime.status.${status}`)}
      </Badge>
    </Tooltip>
  );
}
