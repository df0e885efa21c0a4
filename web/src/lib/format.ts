import dayjs from "dayjs";
import localizedFormat from "dayjs/plugin/localizedFormat";

dayjs.extend(localizedFormat);

/** A date-time for people: "Mar 4, 2026 2:05 PM" in the browser's locale and zone. */
export function formatDateTime(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format("lll") : "";
}

/** A calendar date (YYYY-MM-DD) for people. */
export function formatDate(date: string | null | undefined): string {
  return date ? dayjs(date).format("ll") : "";
}

/** Start of a local calendar day as an ISO date-time with offset. */
export function startOfDayIso(date: string): string {
  return dayjs(date).startOf("day").toISOString();
}

/** End of a local calendar day as an ISO date-time with offset. */
export function endOfDayIso(date: string): string {
  return dayjs(date).endOf("day").toISOString();
}
