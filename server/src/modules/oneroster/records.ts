import { classTypes, orgTypes, sessionTypes, type ClassRecord, type CourseRecord, type OrgRecord, type TermRecord } from "./model.js";
import { readRows, type ReadContext } from "./row-reader.js";

// Records are built as Object.assign(base, {...}), never {...base, ...}: V8 (Node 20) makes an
// object spread followed by more properties ~15x slower and 4x bigger, which 150,000 rows feel.

/** orgs.csv rows as org records. */
export function readOrgs(ctx: ReadContext): OrgRecord[] {
  return readRows(ctx, (r) =>
    Object.assign(r.base(), {
      name: r.required("name"),
      type: r.enumOf("type", orgTypes) ?? "school",
      identifier: r.optional("identifier"),
      parentSourcedId: r.optional("parentSourcedId"),
      metadata: r.metadata(),
    }),
  );
}

/** academicSessions.csv rows as terms; the end must not be before the start. */
export function readTerms(ctx: ReadContext): TermRecord[] {
  return readRows(ctx, (r) => {
    const record: TermRecord = Object.assign(r.base(), {
      title: r.required("title"),
      type: r.enumOf("type", sessionTypes) ?? "term",
      startDate: r.date("startDate") ?? "",
      endDate: r.date("endDate") ?? "",
      parentSourcedId: r.optional("parentSourcedId"),
      schoolYear: r.optional("schoolYear"),
    });
    if (record.startDate && record.endDate && record.endDate < record.startDate)
      r.report("endDate", record.endDate, `a date on or after the startDate (${record.startDate})`);
    if (record.schoolYear !== null && !/^\d{4}$/.test(record.schoolYear))
      r.report("schoolYear", record.schoolYear, "a four-digit year such as 2024");
    return record;
  });
}

/** courses.csv rows as courses. */
export function readCourses(ctx: ReadContext): CourseRecord[] {
  return readRows(ctx, (r) =>
    Object.assign(r.base(), {
      title: r.required("title"),
      courseCode: r.optional("courseCode"),
      grades: r.list("grades"),
      subjects: r.list("subjects"),
      orgSourcedId: r.required("orgSourcedId"),
      schoolYearSourcedId: r.optional("schoolYearSourcedId"),
      metadata: r.metadata(),
    }),
  );
}

/** classes.csv rows as classes. */
export function readClasses(ctx: ReadContext): ClassRecord[] {
  return readRows(ctx, (r) =>
    Object.assign(r.base(), {
      title: r.required("title"),
      grades: r.list("grades"),
      courseSourcedId: r.optional("courseSourcedId"),
      classCode: r.optional("classCode"),
      classType: r.enumOf("classType", classTypes) ?? "scheduled",
      location: r.optional("location"),
      schoolSourcedId: r.required("schoolSourcedId"),
      termSourcedIds: r.list("termSourcedIds"),
      subjects: r.list("subjects"),
      subjectCodes: r.list("subjectCodes"),
      periods: r.list("periods"),
      metadata: r.metadata(),
    }),
  );
}
