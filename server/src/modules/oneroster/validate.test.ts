import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { copyRoster, rosterFiles, sampleRoster, type Roster } from "./fixture.js";
import type { DistrictSnapshot } from "./model.js";
import { capProblems, formatProblem } from "./problems.js";
import { parseBundle, validateBundle } from "./validate.js";

const snapshot = (over: Partial<DistrictSnapshot> = {}): DistrictSnapshot => ({
  districtId: "district-1",
  districtSourcedId: null,
  districtKey: "district-1",
  importDemographics: false,
  schools: new Set(),
  terms: new Set(),
  courses: new Set(),
  classes: new Set(),
  users: new Set(),
  usernames: new Map(),
  emails: new Map(),
  ...over,
});

/** Parses and validates files as the service would, with the given snapshot. */
function check(files: Record<string, string>, snap = snapshot()) {
  const { parsed, problems } = parseBundle(new Map(Object.entries(files)), { importDemographics: snap.importDemographics });
  const result = parsed ? validateBundle(parsed, snap) : { bundle: null, problems: [] };
  const all = [...problems, ...result.problems];
  return {
    bundle: result.bundle,
    errors: all.filter((p) => p.severity === "error").map(formatProblem),
    notes: all.filter((p) => p.severity === "note").map(formatProblem),
    all,
  };
}

describe("validateBundle: worked cases", () => {
  it("accepts the sample roster and normalises it", () => {
    const { bundle, errors } = check(rosterFiles(sampleRoster("v")));
    expect(errors).toEqual([]);
    expect(bundle?.classes[0]).toMatchObject({
      sourcedId: "K1",
      title: "=Maths 4A",
      periods: ["1", "2"],
      termSourcedIds: ["T1"],
      classType: "scheduled",
    });
    expect(bundle?.orgs[1]?.metadata).toEqual({ "metadata.boarding": "no" });
    expect(bundle?.orgs[2]?.metadata).toBeNull();
    expect(bundle?.roleScope).toEqual({ kind: "all" });
  });

  it("matches columns by name in any order and case, keeps extensions, notes the rest", () => {
    const files = rosterFiles(sampleRoster("v"));
    files["courses.csv"] = 'title,SOURCEDID,orgSourcedId,ext_colour,grade\r\n"Art, advanced",C1,S1,blue,4\r\n';
    const { bundle, errors, notes } = check(files);
    expect(errors).toEqual([]);
    expect(bundle?.courses[0]).toMatchObject({ sourcedId: "C1", title: "Art, advanced", metadata: { ext_colour: "blue" }, grades: [] });
    expect(notes).toEqual(
      expect.arrayContaining([
        "courses.csv line 1, column SOURCEDID: read as sourcedId (OneRoster column names are case-sensitive)",
        "courses.csv line 1, column grade: not a OneRoster courses column: ignored (did you mean grades?)",
        "courses.csv line 1: columns in the OneRoster order; these are in another order, so they were matched by name",
      ]),
    );
  });

  it("reports missing columns, bad values, duplicates and dangling references all at once", () => {
    const roster = copyRoster(sampleRoster("v"));
    roster.files.classes![1]!.classType = "Scheduled"; // a real-world capitalisation: accepted
    roster.files.classes![0]!.schoolSourcedId = "D1";
    roster.files.users![3]!.sourcedId = "U1";
    roster.files.users![4]!.username = "V.EDNA";
    roster.files.enrollments![1]!.role = "teacher2";
    roster.files.enrollments![2]!.userSourcedId = "U99";
    roster.files.academicSessions![1]!.endDate = "2024-08-01";
    const files = rosterFiles(roster);
    files["roles.csv"] = files["roles.csv"]!.replace("roleType", "kind");
    const { bundle, errors } = check(files);
    expect(bundle).toBeNull();
    // Milhouse's row now repeats U1, so it is refused and his role and enrolment point at nobody.
    expect([...errors].sort()).toEqual(
      [
        "academicSessions.csv line 3, column endDate: found '2024-08-01', expected a date on or after the startDate (2024-09-01)",
        "roles.csv line 1, column roleType: expected a column named roleType (it is required)",
        "users.csv line 5, column sourcedId: found 'U1', expected a sourcedId used once in the file (line 2 has it too)",
        "enrollments.csv line 3, column role: found 'teacher2', expected one of student, teacher, administrator, proctor, aide",
        "classes.csv line 2, column schoolSourcedId: found 'D1', expected a school (or other org below the district), not the district itself",
        "users.csv line 6, column username: found 'V.EDNA', expected a username used once (line 2 has it too; usernames ignore case)",
        "roles.csv line 5, column userSourcedId: found 'U4', expected a user sourcedId from users.csv or imported before",
        "enrollments.csv line 4, column userSourcedId: found 'U99', expected a user sourcedId from users.csv or imported before",
        "enrollments.csv line 5, column userSourcedId: found 'U4', expected a user sourcedId from users.csv or imported before",
      ].sort(),
    );
  });

  it("resolves references to records imported before, and refuses a bundle of another district", () => {
    const delta: Roster = {
      version: "1.2",
      modes: { enrollments: "delta" },
      files: {
        enrollments: [
          {
            sourcedId: "E9",
            status: "active",
            dateLastModified: "2025-01-01T00:00:00Z",
            classSourcedId: "K1",
            schoolSourcedId: "S1",
            userSourcedId: "U1",
            role: "student",
          },
        ],
      },
    };
    expect(
      check(rosterFiles(delta), snapshot({ classes: new Set(["K1"]), users: new Set(["U1"]), schools: new Set(["S1"]) })).errors,
    ).toEqual([]);
    expect(check(rosterFiles(delta)).errors).toHaveLength(3);
    expect(check(rosterFiles(sampleRoster("v")), snapshot({ districtSourcedId: "D7", districtKey: "D7" })).errors).toEqual([
      "orgs.csv line 2, column sourcedId: found 'D1', expected D7, the district this Stoa district was imported from; this bundle seems to belong to another district",
    ]);
  });

  it("refuses a manifest that leaves an imported file's mode blank, and one without a version", () => {
    const files = rosterFiles(sampleRoster("v"));
    files["manifest.csv"] = files["manifest.csv"]!.replace("file.users,bulk", "file.users,").replace(
      "oneroster.version,1.2",
      "oneroster.version,2.0",
    );
    expect(check(files).errors).toEqual([
      "manifest.csv line 3, column oneroster.version: found '2.0', expected oneroster.version 1.1 or 1.2",
      "manifest.csv line 8, column value: found nothing, expected bulk or delta for file.users, because users.csv is in the bundle",
    ]);
  });

  it("needs an org for every 1.1 role, and never reads a password", () => {
    const files = {
      "manifest.csv": "propertyName,value\r\nmanifest.version,1.0\r\noneroster.version,1.1\r\nfile.users,bulk\r\n",
      "users.csv":
        "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,givenName,familyName,password\r\nU1,,,true,,teacher,t1,T,One,hunter2\r\n",
    };
    const { errors, all } = check(files);
    expect(errors).toEqual(["users.csv line 2, column orgSourcedIds: found nothing, expected a value (this field is required)"]);
    expect(JSON.stringify(all)).not.toContain("hunter2");
  });
});

describe("capProblems", () => {
  it("keeps errors first and sums up what it leaves out", () => {
    const many = Array.from({ length: 1500 }, (_, i) => ({
      severity: i % 2 ? ("note" as const) : ("error" as const),
      file: "users.csv",
      line: i,
      column: null,
      value: null,
      expected: "x",
    }));
    const kept = capProblems(many);
    expect(kept).toHaveLength(1001);
    expect(kept.slice(0, 750).every((p) => p.severity === "error")).toBe(true);
    expect(kept[1000]?.expected).toMatch(/^no more than 1000 problems are listed; 500 more \(0 of them errors\)/);
  });
});

// ---- properties -------------------------------------------------------------------------------

const text = fc
  .string({ minLength: 1, maxLength: 10, unit: fc.constantFrom(...'abcXYZ é,"\n=+-@') })
  .map((s) => s.trim())
  .filter((s) => s !== "" && !s.startsWith("'"));

/** Arbitrary valid rosters: sizes, names with commas, quotes, newlines and formula characters. */
const rosterArb = fc
  .record({
    schools: fc.integer({ min: 1, max: 3 }),
    classes: fc.integer({ min: 1, max: 4 }),
    people: fc.integer({ min: 1, max: 6 }),
    titles: fc.array(text, { minLength: 20, maxLength: 20 }),
  })
  .chain((shape) =>
    fc.record({
      shape: fc.constant(shape),
      memberships: fc.uniqueArray(fc.tuple(fc.nat(shape.classes - 1), fc.nat(shape.people - 1), fc.constantFrom("student", "teacher")), {
        maxLength: 10,
        selector: (t) => t.join(),
      }),
    }),
  );

interface Shape {
  shape: { schools: number; classes: number; people: number; titles: string[] };
  memberships: [number, number, string][];
}

function buildRoster({ shape, memberships }: Shape): Roster {
  const t = (i: number) => shape.titles[i % shape.titles.length] as string;
  const base = { status: "", dateLastModified: "" };
  const schools = Array.from({ length: shape.schools }, (_, i) => ({
    sourcedId: `S${i}`,
    ...base,
    name: t(i),
    type: "school",
    parentSourcedId: "D",
  }));
  return {
    version: "1.2",
    modes: { orgs: "bulk", academicSessions: "bulk", classes: "bulk", users: "bulk", roles: "bulk", enrollments: "bulk" },
    files: {
      orgs: [{ sourcedId: "D", ...base, name: "District", type: "district", parentSourcedId: "" }, ...schools],
      academicSessions: [{ sourcedId: "T", ...base, title: t(3), type: "term", startDate: "2024-09-01", endDate: "2025-01-31" }],
      classes: Array.from({ length: shape.classes }, (_, i) => ({
        sourcedId: `K${i}`,
        ...base,
        title: t(i + 5),
        classType: "scheduled",
        schoolSourcedId: `S${i % shape.schools}`,
        termSourcedIds: "T",
      })),
      users: Array.from({ length: shape.people }, (_, i) => ({
        sourcedId: `U${i}`,
        ...base,
        enabledUser: "true",
        username: `user${i}`,
        givenName: t(i + 9),
        familyName: t(i + 14),
      })),
      roles: Array.from({ length: shape.people }, (_, i) => ({
        sourcedId: `R${i}`,
        ...base,
        userSourcedId: `U${i}`,
        roleType: "primary",
        role: "student",
        orgSourcedId: `S${i % shape.schools}`,
      })),
      enrollments: memberships.map(([c, u, role], i) => ({
        sourcedId: `E${i}`,
        ...base,
        classSourcedId: `K${c}`,
        schoolSourcedId: `S${c % shape.schools}`,
        userSourcedId: `U${u}`,
        role,
      })),
    },
  };
}

/** The line each data row of a file starts on: line breaks inside quoted values push later rows down. */
function rowLines(rows: Record<string, string>[]): number[] {
  const lines: number[] = [];
  let line = 2;
  for (const row of rows) {
    lines.push(line);
    line += Object.values(row).join("").split("\n").length - 1 + 1;
  }
  return lines;
}

const requiredFields: [string, string][] = [
  ["orgs", "name"],
  ["academicSessions", "startDate"],
  ["classes", "title"],
  ["classes", "schoolSourcedId"],
  ["users", "username"],
  ["users", "givenName"],
  ["users", "enabledUser"],
  ["roles", "role"],
  ["enrollments", "userSourcedId"],
  ["enrollments", "role"],
];

describe("validateBundle: properties", () => {
  it("any generated valid roster validates with no error, and its text survives CSV exactly", () => {
    fc.assert(
      fc.property(rosterArb, (input) => {
        const roster = buildRoster(input);
        const { bundle, errors } = check(rosterFiles(roster));
        expect(errors).toEqual([]);
        expect(bundle?.classes.map((c) => c.title)).toEqual(roster.files.classes!.map((c) => c.title));
        expect(bundle?.users.map((u) => u.familyName)).toEqual(roster.files.users!.map((u) => u.familyName));
      }),
      { numRuns: 150 },
    );
  });

  it("blanking any required field gives an error naming its file, line and column", () => {
    fc.assert(
      fc.property(rosterArb, fc.nat(requiredFields.length - 1), fc.nat(), (input, which, pick) => {
        const roster = buildRoster(input);
        const [file, column] = requiredFields[which] as [string, string];
        const rows = roster.files[file]!.filter((r) => r.type !== "district");
        fc.pre(rows.length > 0);
        const row = rows[pick % rows.length] as Record<string, string>;
        row[column] = "";
        const line = rowLines(roster.files[file]!)[roster.files[file]!.indexOf(row)];
        const { all } = check(rosterFiles(roster));
        expect(all).toContainEqual(expect.objectContaining({ severity: "error", file: `${file}.csv`, line, column, value: "" }));
      }),
      { numRuns: 150 },
    );
  });
});
