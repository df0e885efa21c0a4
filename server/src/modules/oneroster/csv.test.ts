import { describe, expect, it } from "vitest";
import { parseCsv } from "./csv.js";
import { guardCell, parseDate, parseDateTime, parseEnum, parseList, unguardCell } from "./fields.js";
import { formatProblem } from "./problems.js";

describe("parseCsv", () => {
  it("tolerates a byte-order mark, mixed line endings and blank lines, and trims fields", () => {
    const { table, problems } = parseCsv("orgs.csv", "\uFEFFsourcedId,name\r\nS1, One \n\r\nS2,Two\r\n");
    expect(problems).toEqual([]);
    expect(table?.header).toEqual(["sourcedId", "name"]);
    expect(table?.rows).toEqual([
      { line: 2, fields: ["S1", "One"] },
      { line: 4, fields: ["S2", "Two"] },
    ]);
  });

  it("numbers rows by the line they start on when quoted fields span lines", () => {
    const text = 'sourcedId,title\r\nK1,"Maths,\r\nsecond line\r\nthird"\r\nK2,"He said ""hi"""\r\nK3,x';
    const { table } = parseCsv("classes.csv", text);
    expect(table?.rows.map((r) => [r.line, r.fields[1]])).toEqual([
      [2, "Maths,\r\nsecond line\r\nthird"],
      [5, 'He said "hi"'],
      [6, "x"],
    ]);
  });

  it("reports an unclosed quote on the line where it opened", () => {
    const { table, problems } = parseCsv("users.csv", 'a,b\n1,2\n3,"oops\n4,5\n6,7\n');
    expect(table).toBeNull();
    expect(problems.map(formatProblem)).toEqual(["users.csv line 3: expected well-formed CSV (a quoted field is never closed)"]);
  });

  it("refuses data in unnamed trailing fields, and notes rows that are short", () => {
    const { problems } = parseCsv("roles.csv", "a,b,c\n1,2,3\n1,2\n1,2,3,4\n1,2,3,,\n");
    expect(problems.map(formatProblem)).toEqual([
      "roles.csv line 4: found '4', expected at most 3 fields, as many as the header has (this row has 4)",
      "roles.csv: 3 fields on every row; 1 row(s) have fewer and their missing fields are read as blank",
    ]);
  });

  it("refuses an empty file", () => {
    expect(parseCsv("users.csv", "\r\n\r\n").problems.map(formatProblem)).toEqual([
      "users.csv line 1: expected a header row (the file is empty)",
    ]);
  });
});

describe("cell values", () => {
  it("accepts ISO 8601 dates and date-times only", () => {
    expect(parseDate("2024-02-29")).toBe("2024-02-29");
    expect(parseDate("2023-02-29")).toBeNull();
    expect(parseDate("1/05/2023")).toBeNull();
    expect(parseDateTime("2023-05-01T18:25:43.511Z")).not.toBeNull();
    expect(parseDateTime("2023-05-01T18:25:43+02:00")).not.toBeNull();
    expect(parseDateTime("2023-05-01")).not.toBeNull();
    expect(parseDateTime("2017-05-06 08:01:05")).toBeNull();
    expect(parseDateTime("2023-05-01T25:00:00Z")).toBeNull();
  });

  it("matches enumerations in any case and splits multi-value fields", () => {
    expect(parseEnum("Scheduled", ["homeroom", "scheduled"] as const)).toBe("scheduled");
    expect(parseEnum("teacher2", ["teacher"] as const)).toBeNull();
    expect(parseList(" 09, 10 ,,11 ")).toEqual(["09", "10", "11"]);
  });

  it("guards formula cells for spreadsheets and unguards exactly what it guarded", () => {
    for (const value of ["=SUM(A1)", "+1", "-2", "@cmd", "\tx", "\rx"]) {
      expect(guardCell(value)).toBe(`'${value}`);
      expect(unguardCell(guardCell(value))).toBe(value);
    }
    expect(guardCell("Maths")).toBe("Maths");
    expect(unguardCell("'quoted")).toBe("'quoted");
    expect(unguardCell("O'Brien")).toBe("O'Brien");
  });
});
