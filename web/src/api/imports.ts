import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ZImportRun, type TImportRun } from "@stoa/contracts";
import { notifications } from "@mantine/notifications";
import i18n from "../i18n";
import { api, ApiError } from "./client";
import { keys } from "./keys";
import type { Paged } from "./types";
import { uploadFile } from "./upload";

/** Earlier roster imports, newest first. */
export function useImports(page: number, enabled = true) {
  return useQuery({
    enabled,
    queryKey: keys.imports({ page }),
    queryFn: async ({ signal }) => (await api.get<Paged<TImportRun>>("/imports", { page, pageSize: 20 }, signal)).data,
    placeholderData: keepPreviousData,
  });
}

/** One import run with its summary or problems. */
export function useImportRun(id: string) {
  return useQuery({
    queryKey: keys.importRun(id),
    queryFn: async ({ signal }) => (await api.get<TImportRun>(`/imports/${id}`, undefined, signal)).data,
  });
}

/**
 * Uploads a OneRoster bundle. A rejected bundle (422 carrying its run) resolves with that run,
 * because the problem report is the result the person needs, not a failure of the upload.
 */
export function useUploadRoster(onProgress: (fraction: number) => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (file: File): Promise<TImportRun> => {
      try {
        return (await uploadFile<TImportRun>("/imports/oneroster", file, onProgress)).data;
      } catch (error) {
        const run = error instanceof ApiError ? ZImportRun.safeParse(error.data) : null;
        if (run?.success) return run.data;
        throw error;
      }
    },
    // Hook-level callbacks run even if the person has left the page: the result arrives as a notification.
    onSuccess: (run) => {
      notifications.show({
        color: run.status === "succeeded" ? "green" : "red",
        title: i18n.t("imports.doneTitle"),
        message: i18n.t(`imports.done.${run.status}`, { file: run.fileName ?? "" }),
      });
    },
    // A roster import can change schools, people, classes, terms and courses: refresh everything shown.
    onSettled: (run) => (run?.status === "succeeded" ? client.invalidateQueries() : client.invalidateQueries({ queryKey: keys.imports() })),
  });
}

/** Where the OneRoster export zip is downloaded from. */
export const exportUrl = "/api/exports/oneroster";
