/** Student data for criteria: attributes the teacher enters or pastes, the class survey, demographics. */
import { parse } from "csv-parse/sync";
import type {
  TAttributeCsv,
  TAttributeInfo,
  TAttributeTable,
  TAttributeValues,
  TSurvey,
  TSurveyAnswer,
  TSurveyForStudent,
  TSurveySettings,
} from "@stoa/contracts";
import { ZSurveyAnswer } from "@stoa/contracts";
import type { Db, DbOrTx } from "../../db/client.js";
import type { Actor } from "../../platform/actor.js";
import { audit } from "../../platform/audit.js";
import { recordEvent } from "../../platform/events.js";
import { badRequest, conflict, notFound } from "../../platform/errors.js";
import { requireClass } from "./access.js";
import { attributeCatalogue, type AttributeSources } from "./criteria.js";
import * as repo from "./groups.repository.js";

const MAX_CSV_ROWS = 2000;
const MAX_CSV_COLUMNS = 20;
const NAME = /^[A-Za-z0-9 _.-]{1,60}$/;
// Cells a spreadsheet would run as formulas; numbers such as -3 are fine.
const formulaLike = (v: string) => /^[=+\-@\t\r]/.test(v) && !Number.isFinite(Number(v));

/** Loads what criteria may use for a class; `withDemographics` only for its teachers (and audited by the caller). */
export async function loadSources(
  db: DbOrTx,
  cls: { id: string; districtId: string },
  withDemographics: boolean,
): Promise<AttributeSources> {
  const [attributes, answers, demographics] = await Promise.all([
    repo.listAttributes(db, cls.id),
    repo.listSurveyAnswers(db, cls.id),
    withDemographics ? repo.listClassDemographics(db, cls.id, cls.districtId) : Promise.resolve([]),
  ]);
  return { attributes, answers, demographics };
}

/** The attributes a teacher can build criteria on, with how many students have data (demographic fields: teachers only). */
export async function listCatalogue(db: Db, actor: Actor, classId: string): Promise<TAttributeInfo[]> {
  const { cls, relation } = await requireClass(db, actor, classId, "readAll");
  const students = await repo.listClassStudents(db, classId);
  const sources = await loadSources(db, cls, relation === "teacher");
  return attributeCatalogue(
    sources,
    students.map((s) => s.userId),
  );
}

/** The class's attribute table (one row per student), for its teachers and school admins. */
export async function getAttributeTable(db: Db, actor: Actor, classId: string): Promise<TAttributeTable> {
  await requireClass(db, actor, classId, "readAll");
  const [students, attributes] = await Promise.all([repo.listClassStudents(db, classId), repo.listAttributes(db, classId)]);
  const names = [...new Set(attributes.map((a) => a.name))].sort();
  const byUser = new Map<string, Record<string, string>>();
  for (const a of attributes) byUser.set(a.userId, { ...byUser.get(a.userId), [a.name]: a.value });
  return {
    names,
    rows: students.map((s) => ({ userId: s.userId, name: s.name, username: s.username, values: byUser.get(s.userId) ?? {} })),
  };
}

/** Sets (or clears, with null) one attribute's values for students of the class. */
export async function writeAttributeValues(db: Db, actor: Actor, classId: string, input: TAttributeValues): Promise<TAttributeTable> {
  const { cls } = await requireClass(db, actor, classId, "manage");
  const students = new Set((await repo.listClassStudents(db, classId)).map((s) => s.userId));
  const errors = input.values.flatMap((v, i) => {
    if (!students.has(v.userId)) return [{ path: `values.${i}.userId`, message: "This person is not a student of the class" }];
    if (v.value !== null && formulaLike(v.value))
      return [{ path: `values.${i}.value`, message: "A value may not start with =, +, - or @ unless it is a number" }];
    return [];
  });
  if (errors.length > 0) throw badRequest("Some values cannot be saved; nothing was changed", errors);
  await db.transaction(async (tx) => {
    await repo.writeAttributes(
      tx,
      cls,
      actor.userId,
      input.values.map((v) => ({ name: input.name, userId: v.userId, value: v.value === "" ? null : v.value })),
    );
    await audit(tx, actor, {
      action: "groups.attributes.write",
      targetType: "class",
      targetId: classId,
      details: { name: input.name, count: input.values.length },
    });
  });
  return getAttributeTable(db, actor, classId);
}

/**
 * Pastes attributes as CSV: header `student,<name>...` (student = username), one row per student.
 * The whole file is checked first; one bad cell and nothing is saved. Empty cells are left as they were.
 */
export async function importAttributeCsv(db: Db, actor: Actor, classId: string, input: TAttributeCsv): Promise<TAttributeTable> {
  const { cls } = await requireClass(db, actor, classId, "manage");
  let records: string[][];
  try {
    records = parse(input.csv, { skip_empty_lines: true, trim: true, relax_column_count: false, bom: true }) as string[][];
  } catch (err) {
    throw badRequest(`The CSV could not be read: ${(err as Error).message}`, [
      { path: "csv", message: "Check the quotes and that every row has the same number of columns" },
    ]);
  }
  const [header, ...rows] = records;
  if (!header || header.length < 2 || header[0]!.toLowerCase() !== "student") {
    throw badRequest("The first line must be a header: student,<attribute name>[,<another>...]", [
      { path: "csv", message: "Start with a header line such as student,score" },
    ]);
  }
  if (header.length - 1 > MAX_CSV_COLUMNS)
    throw badRequest(`Use at most ${MAX_CSV_COLUMNS} attribute columns`, [{ path: "csv", message: "Too many columns" }]);
  if (rows.length > MAX_CSV_ROWS) throw badRequest(`Use at most ${MAX_CSV_ROWS} rows`, [{ path: "csv", message: "Too many rows" }]);
  const names = header.slice(1);
  const errors: { path: string; message: string }[] = [];
  names.forEach((n, i) => {
    if (!NAME.test(n))
      errors.push({
        path: "csv",
        message: `Line 1, column ${i + 2}: "${n.slice(0, 40)}" is not a usable name (letters, digits, spaces, . _ -)`,
      });
  });
  if (new Set(names).size !== names.length) errors.push({ path: "csv", message: "Line 1: a column name appears twice" });
  const students = new Map((await repo.listClassStudents(db, classId)).map((s) => [s.username.toLowerCase(), s.userId]));
  const seen = new Set<string>();
  const values: { name: string; userId: string; value: string }[] = [];
  rows.forEach((cells, r) => {
    const line = r + 2;
    const userId = students.get(cells[0]!.toLowerCase());
    if (!userId)
      return errors.push({
        path: "csv",
        message: `Line ${line}: "${cells[0]!.slice(0, 40)}" is not the username of a student in this class`,
      });
    if (seen.has(userId)) return errors.push({ path: "csv", message: `Line ${line}: ${cells[0]} appears twice` });
    seen.add(userId);
    cells.slice(1).forEach((value, c) => {
      const where = `Line ${line}, column ${names[c]}`;
      if (value === "") return;
      if (value.length > 100) return errors.push({ path: "csv", message: `${where}: the value is longer than 100 characters` });
      if (formulaLike(value))
        return errors.push({ path: "csv", message: `${where}: a value may not start with =, +, - or @ unless it is a number` });
      values.push({ name: names[c]!, userId, value });
    });
  });
  if (errors.length > 0)
    throw badRequest(`The CSV has ${errors.length} problem${errors.length === 1 ? "" : "s"}; nothing was saved`, errors.slice(0, 50));
  await db.transaction(async (tx) => {
    await repo.writeAttributes(tx, cls, actor.userId, values);
    await audit(tx, actor, {
      action: "groups.attributes.import",
      targetType: "class",
      targetId: classId,
      details: { names, rows: rows.length },
    });
  });
  return getAttributeTable(db, actor, classId);
}

/** Deletes an attribute from the class. */
export async function deleteAttribute(db: Db, actor: Actor, classId: string, name: string): Promise<void> {
  await requireClass(db, actor, classId, "manage");
  await db.transaction(async (tx) => {
    if ((await repo.deleteAttribute(tx, classId, name)) === 0) throw notFound("Attribute");
    await audit(tx, actor, { action: "groups.attributes.delete", targetType: "class", targetId: classId, details: { name } });
  });
}

const noSurvey: TSurveySettings = { open: false, interests: [], slots: [], maxPartners: 2 };

/** The class survey's settings and how many students answered (teachers and school admins). */
export async function getSurvey(db: Db, actor: Actor, classId: string): Promise<TSurvey> {
  await requireClass(db, actor, classId, "readAll");
  const [survey, answers, students] = await Promise.all([
    repo.findSurvey(db, classId),
    repo.listSurveyAnswers(db, classId),
    repo.listClassStudents(db, classId),
  ]);
  const settings = survey
    ? { open: survey.open, interests: survey.interests, slots: survey.slots, maxPartners: survey.maxPartners }
    : noSurvey;
  return { ...settings, classId, answerCount: answers.length, studentCount: students.length };
}

/** Sets up, changes, opens or closes the class survey. */
export async function saveSurvey(db: Db, actor: Actor, classId: string, input: TSurveySettings): Promise<TSurvey> {
  const { cls } = await requireClass(db, actor, classId, "manage");
  if (input.open && input.interests.length === 0 && input.slots.length === 0 && input.maxPartners === 0) {
    throw badRequest("The survey asks nothing: add interests, free-time slots or partner choices before opening it", [
      { path: "interests", message: "Add at least one question" },
    ]);
  }
  await db.transaction(async (tx) => {
    await repo.upsertSurvey(tx, {
      classId,
      districtId: cls.districtId,
      open: input.open,
      interests: [...new Set(input.interests)],
      slots: [...new Set(input.slots)],
      maxPartners: input.maxPartners,
    });
    await recordEvent(tx, cls.districtId, "groups.survey.changed", [`class:${classId}`], { classId, open: input.open });
  });
  return getSurvey(db, actor, classId);
}

/** The survey as a student sees it: the questions, their answer, and classmates to choose partners from. */
export async function getSurveyForStudent(db: Db, actor: Actor, classId: string): Promise<TSurveyForStudent> {
  const { relation } = await requireClass(db, actor, classId, "member");
  const survey = await repo.findSurvey(db, classId);
  if (!survey || relation !== "student") throw notFound("Survey");
  const [answer, students] = await Promise.all([repo.findSurveyAnswer(db, classId, actor.userId), repo.listClassStudents(db, classId)]);
  return {
    survey: { classId, open: survey.open, interests: survey.interests, slots: survey.slots, maxPartners: survey.maxPartners },
    answer: answer ? { interests: answer.interests, freeTimes: answer.freeTimes, partners: answer.partners } : null,
    classmates: students.filter((s) => s.userId !== actor.userId).map((s) => ({ userId: s.userId, name: s.name })),
  };
}

/** Saves a student's answer; only choices the survey offers and classmates are accepted. */
export async function answerSurvey(db: Db, actor: Actor, classId: string, body: TSurveyAnswer): Promise<TSurveyForStudent> {
  const { cls, relation } = await requireClass(db, actor, classId, "member");
  const survey = await repo.findSurvey(db, classId);
  if (!survey || relation !== "student") throw notFound("Survey");
  if (!survey.open) throw conflict("The survey is closed: your teacher is not collecting answers now");
  const input = ZSurveyAnswer.parse(body);
  const classmates = new Set((await repo.listClassStudents(db, classId)).map((s) => s.userId));
  const errors: { path: string; message: string }[] = [];
  if (input.interests.some((i) => !survey.interests.includes(i)))
    errors.push({ path: "interests", message: "Choose interests from the list" });
  if (input.freeTimes.some((s) => !survey.slots.includes(s))) errors.push({ path: "freeTimes", message: "Choose times from the grid" });
  if (input.partners.length > survey.maxPartners)
    errors.push({ path: "partners", message: `Choose at most ${survey.maxPartners} classmates` });
  if (input.partners.some((p) => p === actor.userId || !classmates.has(p)))
    errors.push({ path: "partners", message: "Choose classmates from this class" });
  if (errors.length > 0) throw badRequest("Some answers cannot be saved", errors);
  await db.transaction(async (tx) => {
    await repo.upsertSurveyAnswer(tx, {
      classId,
      userId: actor.userId,
      districtId: cls.districtId,
      interests: [...new Set(input.interests)],
      freeTimes: [...new Set(input.freeTimes)],
      partners: [...new Set(input.partners)],
    });
  });
  return getSurveyForStudent(db, actor, classId);
}
