import { notifications } from "@mantine/notifications";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client";
import { groupKeys } from "../../api/groups";
import { useErrorMessage } from "../../components/ErrorState";

/** Shows a board change's failure; a stale version reloads the set so the teacher sees the latest groups. */
export function useBoardErrors(setId: string) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const message = useErrorMessage();
  return (error: unknown) => {
    if (error instanceof ApiError && error.status === 409) {
      notifications.show({ color: "orange", message: t("groups.board.stale") });
      void client.invalidateQueries({ queryKey: groupKeys.set(setId) });
      return;
    }
    notifications.show({ color: "red", message: message(error) });
  };
}
