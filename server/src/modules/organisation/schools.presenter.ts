import type { TSchool } from "@stoa/contracts";
import type { SchoolRow } from "./schools.repository.js";

/** A school as the contract shows it (no metadata or internal columns). */
export const presentSchool = (school: SchoolRow): TSchool => ({
  id: school.id,
  name: school.name,
  identifier: school.identifier,
  timeZone: school.timeZone,
  status: school.status,
  sourcedId: school.sourcedId,
});
