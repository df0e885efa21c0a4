/**
 * Turns a teacher's criteria (attribute + mode + weight) and the class's data (student attributes,
 * survey answers, demographics) into formation input. Pure: no I/O.
 */
import type { TAttributeInfo, TCriterionInput } from "@stoa/contracts";
import type { AttributeValue, Criterion, FormationStudent } from "./formation.types.js";

/** Everything the class knows about its students that criteria can use. */
export interface AttributeSources {
  attributes: readonly { name: string; userId: string; value: string }[];
  answers: readonly { userId: string; interests: string[]; freeTimes: string[]; partners: string[] }[];
  demographics: readonly { userId: string; sex: string | null; data: Record<string, string> }[];
}

type Kind = TAttributeInfo["kind"];

const isNumber = (v: string) => v.trim() !== "" && Number.isFinite(Number(v));

/** The label a teacher reads for an attribute key. */
export function attributeLabel(key: string): string {
  const [source, name = ""] = splitKey(key);
  if (source === "survey") return name === "interests" ? "Interests (survey)" : name === "freeTimes" ? "Free time (survey)" : name;
  if (source === "demo") return `${name} (demographics)`;
  return name;
}

const splitKey = (key: string): [string, string] => {
  const at = key.indexOf(":");
  return [key.slice(0, at), key.slice(at + 1)];
};

/** Each student's value of one attribute (students without a value are absent). */
export function valuesOf(key: string, sources: AttributeSources): Map<string, AttributeValue> {
  const [source, name] = splitKey(key);
  const out = new Map<string, AttributeValue>();
  if (source === "attr") {
    const rows = sources.attributes.filter((a) => a.name === name);
    const numeric = rows.length > 0 && rows.every((r) => isNumber(r.value));
    for (const r of rows) out.set(r.userId, numeric ? Number(r.value) : r.value.trim());
  } else if (source === "survey" && (name === "interests" || name === "freeTimes")) {
    for (const a of sources.answers) {
      const list = name === "interests" ? a.interests : a.freeTimes;
      if (list.length > 0) out.set(a.userId, [...list]);
    }
  } else if (source === "demo") {
    for (const d of sources.demographics) {
      const value = name === "sex" ? d.sex : d.data[name];
      if (value !== undefined && value !== null && value !== "") out.set(d.userId, value);
    }
  }
  return out;
}

/** What kind of values an attribute holds. */
export function kindOf(key: string, values: Map<string, AttributeValue>): Kind {
  if (key === "survey:freeTimes") return "schedule";
  if (key === "survey:interests") return "set";
  const first = values.values().next().value;
  return typeof first === "number" ? "numeric" : "categorical";
}

/** Every attribute the class has data for, with how many of its students have a value. */
export function attributeCatalogue(sources: AttributeSources, studentIds: readonly string[]): TAttributeInfo[] {
  const students = new Set(studentIds);
  const keys = new Set<string>();
  for (const a of sources.attributes) keys.add(`attr:${a.name}`);
  if (sources.answers.some((a) => a.interests.length > 0)) keys.add("survey:interests");
  if (sources.answers.some((a) => a.freeTimes.length > 0)) keys.add("survey:freeTimes");
  for (const d of sources.demographics) {
    if (d.sex) keys.add("demo:sex");
    for (const field of Object.keys(d.data)) keys.add(`demo:${field}`);
  }
  return [...keys].sort().map((key) => {
    const values = valuesOf(key, sources);
    const source = splitKey(key)[0] as TAttributeInfo["source"];
    return {
      key,
      label: attributeLabel(key),
      kind: kindOf(key, values),
      source,
      withData: [...values.keys()].filter((id) => students.has(id)).length,
      studentCount: studentIds.length,
    };
  });
}

/** The formation's criteria and students, or the problems to tell the teacher (field path + message). */
export interface BuiltCriteria {
  criteria: Criterion[];
  students: FormationStudent[];
  labels: Record<string, string>;
  friendRequests: [string, string][];
  errors: { path: string; message: string }[];
  usesDemographics: string[];
}

/** Builds formation criteria from the teacher's choices and the class's data; every problem is reported, nothing is guessed. */
export function buildCriteria(
  inputs: readonly TCriterionInput[],
  sources: AttributeSources,
  studentIds: readonly string[],
  usePartnerRequests: boolean,
): BuiltCriteria {
  const errors: BuiltCriteria["errors"] = [];
  const criteria: Criterion[] = [];
  const labels: Record<string, string> = {};
  const attributes = new Map<string, Record<string, AttributeValue>>(studentIds.map((id) => [id, {}]));
  const seen = new Set<string>();
  const usesDemographics: string[] = [];
  inputs.forEach((c, i) => {
    const path = `criteria.${i}.attribute`;
    const label = attributeLabel(c.attribute);
    if (seen.has(c.attribute)) return errors.push({ path, message: `${label} is used twice; keep one criterion per attribute` });
    seen.add(c.attribute);
    const values = valuesOf(c.attribute, sources);
    const withData = studentIds.filter((id) => values.has(id));
    if (withData.length === 0)
      return errors.push({
        path,
        message: `Nobody in this class has a value for "${label}" yet: enter the values or choose another criterion`,
      });
    const kind = kindOf(c.attribute, values);
    if (kind === "schedule" && c.mode !== "match")
      return errors.push({ path: `criteria.${i}.mode`, message: "Free times can only be matched (groups that share free time)" });
    if (kind === "numeric" && c.mode === "dontIsolate") {
      return errors.push({
        path: `criteria.${i}.mode`,
        message: `"Don't isolate" needs categories (such as a level), but "${label}" holds numbers`,
      });
    }
    if (c.attribute.startsWith("demo:")) usesDemographics.push(c.attribute.slice(5));
    for (const id of withData) attributes.get(id)![c.attribute] = values.get(id)!;
    criteria.push({
      key: c.attribute,
      attribute: c.attribute,
      type: kind === "numeric" ? "numeric" : kind === "schedule" ? "schedule" : "categorical",
      mode: c.mode,
      weight: c.weight,
      ...(kind === "schedule" ? { slotsWanted: c.slotsWanted ?? 1 } : {}),
    });
    labels[c.attribute] = label;
  });
  const inClass = new Set(studentIds);
  const friendRequests: [string, string][] = [];
  if (usePartnerRequests) {
    for (const a of sources.answers) {
      if (!inClass.has(a.userId)) continue;
      for (const p of a.partners) if (inClass.has(p) && p !== a.userId) friendRequests.push([a.userId, p]);
    }
  }
  const students = studentIds.map((id) => {
    const attrs = attributes.get(id)!;
    for (const c of criteria) if (!(c.attribute in attrs)) attrs[c.attribute] = null;
    return { id, attributes: attrs };
  });
  return { criteria, students, labels, friendRequests, errors, usesDemographics };
}
