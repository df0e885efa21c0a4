// Screens that follow a room: each event makes TanStack Query read the matching data again.
import { useQueryClient } from "@tanstack/react-query";
import { groupKeys } from "../api/groups";
import { keys } from "../api/keys";
import { taskKeys } from "../api/tasks";
import { useRoom, type RoomStatus } from "./index";

/** Keeps a group's task space (board, charter, roles, submission) fresh while it is open. */
export function useLiveGroupSpace(taskId: string, groupId: string): RoomStatus {
  const queryClient = useQueryClient();
  const { status } = useRoom(groupId ? `group:${groupId}` : null, (event) => {
    const eventTask = event.payload.taskId;
    // The group's other tasks have their own pages; a refetch signal concerns everything.
    if (typeof eventTask === "string" && eventTask !== taskId) return;
    void queryClient.invalidateQueries({ queryKey: taskKeys.space(taskId, groupId) });
  });
  return status;
}

/** Keeps a class page (details, roster, group sets, tasks) fresh while it is open. */
export function useLiveClass(classId: string): RoomStatus {
  const queryClient = useQueryClient();
  const { status } = useRoom(classId ? `class:${classId}` : null, (event) => {
    const what = event.event;
    const all = what === "realtime.refetch";
    if (all || what.startsWith("class.") || what.startsWith("roster."))
      void queryClient.invalidateQueries({ queryKey: keys.class(classId) });
    if (all || what.startsWith("task.")) void queryClient.invalidateQueries({ queryKey: taskKeys.ofClass(classId) });
    if (all || what.startsWith("groups.")) {
      void queryClient.invalidateQueries({ queryKey: groupKeys.sets(classId) });
      void queryClient.invalidateQueries({ queryKey: taskKeys.sets(classId) });
      void queryClient.invalidateQueries({ queryKey: groupKeys.mine });
    }
  });
  return status;
}
