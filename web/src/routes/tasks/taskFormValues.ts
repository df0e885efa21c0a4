import { defaultTaskRoles, type TTask } from "@stoa/contracts";

/** The task form's values: dates as datetime-local text, criteria as names. */
export interface TaskFormValues {
  setId: string | null;
  title: string;
  instructions: string;
  startsAt: string;
  dueAt: string;
  roles: string[];
  rotateRoles: boolean;
  phases: string[];
  markingScheme: "groupWithPeer" | "individual";
  peerMethod: "webpa" | "catme";
  criteria: string[];
  peerIncludeSelf: boolean;
  peerWeight: number;
  penaltyKind: "percent" | "points";
  penaltyAmount: number;
  ratingOpensAt: string;
  ratingClosesAt: string;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** An ISO instant as the value of a datetime-local input (the browser's time zone). */
export function toLocalInput(iso: string | null): string {
  if (!iso) return "";
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A datetime-local value as an ISO instant; blank or unreadable gives null. */
export function fromLocalInput(value: string): string | null {
  if (!value.trim()) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

/** A criterion key from its name ("Quality of work" -> "quality-of-work"). */
export const criterionKey = (label: string, index: number) =>
  label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 40) || `criterion-${index + 1}`;

/** Form values for an existing task, or defaults for a new one (due in a week). */
export function taskFormValues(task?: TTask): TaskFormValues {
  const week = new Date(Date.now() + 7 * 86_400_000);
  week.setHours(17, 0, 0, 0);
  return {
    setId: task?.setId ?? null,
    title: task?.title ?? "",
    instructions: task?.instructions ?? "",
    startsAt: toLocalInput(task?.startsAt ?? null),
    dueAt: toLocalInput(task?.dueAt ?? week.toISOString()),
    roles: task?.roles ?? [...defaultTaskRoles],
    rotateRoles: task?.rotateRoles ?? false,
    phases: task?.phases ?? [],
    markingScheme: task?.markingScheme ?? "groupWithPeer",
    peerMethod: task?.peerMethod ?? "webpa",
    criteria: task?.peerCriteria.map((c) => c.label) ?? [],
    peerIncludeSelf: task?.peerIncludeSelf ?? false,
    peerWeight: task?.peerWeight ?? 50,
    penaltyKind: task?.penaltyKind ?? "percent",
    penaltyAmount: task?.penaltyAmount ?? 0,
    ratingOpensAt: toLocalInput(task?.ratingOpensAt ?? null),
    ratingClosesAt: toLocalInput(task?.ratingClosesAt ?? null),
  };
}

/** The settings payload from form values (the contract's shape; dates as ISO). */
export function prepareSettings(v: TaskFormValues) {
  return {
    title: v.title,
    instructions: v.instructions,
    startsAt: fromLocalInput(v.startsAt),
    dueAt: fromLocalInput(v.dueAt) ?? "",
    roles: v.roles,
    rotateRoles: v.rotateRoles,
    phases: v.rotateRoles ? v.phases : [],
    markingScheme: v.markingScheme,
    peerMethod: v.peerMethod,
    peerCriteria: v.criteria.map((label, i) => ({ key: criterionKey(label, i), label })),
    peerIncludeSelf: v.peerIncludeSelf,
    peerWeight: Number(v.peerWeight),
    penaltyKind: v.penaltyKind,
    penaltyAmount: Number(v.penaltyAmount),
    ratingOpensAt: fromLocalInput(v.ratingOpensAt),
    ratingClosesAt: fromLocalInput(v.ratingClosesAt),
  };
}
