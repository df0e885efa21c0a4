#!/usr/bin/env node
// Group formation quality and time: 30, 300 and 3,000 students, 5 criteria, groups of 4. For each size it
// prints the minimum and mean group score (and groups scoring 0) of the optimiser (`formGroups`, default
// budget), of a uniformly random partition and of a greedy snake draft on the score, and the time each took.
// Targets (../shared/specs/collaboration.md): 3,000 students in < 10 s with a minimum above both baselines.
//
//   node bench/formation.mjs                 (or: npm run bench -- formation)
//   BENCH_FORMATION_SIZES=30,300 BENCH_FORMATION_SEED=7 BENCH_FORMATION_ITERATIONS=1000000 node bench/formation.mjs
//
// Pure computation in this process (no database, no server); the TypeScript module is loaded through tsx.
// Data are synthetic but shaped like a school's, from a seeded generator, so every run sees the same classes.
import { register } from "tsx/esm/api";

register();
const { formGroups, randomPartition, scorePartition, snakeDraft } = await import("../server/src/modules/groups/formation.ts");
const { seededRandom } = await import("../server/src/modules/groups/formation.random.ts");

const sizes = (process.env.BENCH_FORMATION_SIZES ?? "30,300,3000").split(",").map(Number);
const seed = Number(process.env.BENCH_FORMATION_SEED ?? 2026);
// Swap evaluations for the optimiser; unset = its default budget (what the group-set service uses).
const iterations = process.env.BENCH_FORMATION_ITERATIONS ? Number(process.env.BENCH_FORMATION_ITERATIONS) : undefined;

const criteria = [
  { key: "score", attribute: "score", type: "numeric", mode: "mix", weight: 2 },
  { key: "level", attribute: "readingLevel", type: "categorical", mode: "mix", weight: 1 },
  { key: "interests", attribute: "interests", type: "categorical", mode: "match", weight: 1 },
  { key: "schedule", attribute: "freeSlots", type: "schedule", mode: "match", weight: 1, slotsWanted: 2 },
  { key: "gender", attribute: "gender", type: "categorical", mode: "dontIsolate", weight: 1 },
];

const INTERESTS = ["sport", "music", "art", "science", "games", "animals", "reading", "cooking"];
const SLOTS = [
  "mon-lunch",
  "mon-after",
  "tue-lunch",
  "tue-after",
  "wed-lunch",
  "wed-after",
  "thu-lunch",
  "thu-after",
  "fri-lunch",
  "fri-after",
];

/**
 * A class of `count` students: an assessment score (normal around 65, sd 15, 3% not yet assessed), a reading level
 * A-D that follows the score loosely, 1-3 interests with popular and rare ones, free slots (students who stay after
 * school are free on most afternoons), and gender with two values in even numbers, so a partition into groups of
 * four with nobody isolated exists (with an odd count one group must isolate someone and every minimum is 0).
 */
function generateClass(count, random) {
  const normal = () => {
    const u = 1 - random.next();
    const v = random.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  const students = [];
  let girls = 0;
  for (let i = 0; i < count; i++) {
    const score = Math.max(0, Math.min(100, Math.round(65 + 15 * normal())));
    const levelIndex = Math.max(0, Math.min(3, Math.floor((score + 12 * normal()) / 25)));
    const interestCount = 1 + random.below(3);
    const interests = new Set();
    while (interests.size < interestCount)
      interests.add(INTERESTS[Math.min(INTERESTS.length - 1, Math.floor(INTERESTS.length * random.next() ** 1.6))]);
    const staysAfter = random.next() < 0.4;
    const freeSlots = SLOTS.filter((slot) => random.next() < (slot.endsWith("after") ? (staysAfter ? 0.8 : 0.25) : 0.5));
    const girl = random.next() < 0.5;
    if (girl) girls++;
    students.push({
      id: `student-${i + 1}`,
      attributes: {
        score: random.next() < 0.03 ? null : score,
        readingLevel: "ABCD"[levelIndex],
        interests: [...interests],
        freeSlots,
        gender: girl ? "f" : "m",
      },
    });
  }
  if (girls % 2 === 1) students[0].attributes.gender = students[0].attributes.gender === "f" ? "m" : "f";
  return students;
}

function timed(run) {
  const started = performance.now();
  const result = run();
  return { result, ms: performance.now() - started };
}

// The same classes scored without the hard rule too: with it, the baselines' minimum is almost always 0 (a group
// with one girl or one boy), which says little about how well they mix the other criteria.
const scenarios = [
  { name: "5 criteria", criteria },
  { name: "4 criteria, no don't-isolate", criteria: criteria.filter((criterion) => criterion.mode !== "dontIsolate") },
];

const rows = [];
// Per-criterion minimum / mean for the largest class: what each method does to each criterion.
const perCriterion = [];
for (const scenario of scenarios) {
  for (const count of sizes) {
    const students = generateClass(count, seededRandom(seed + count));
    const input = { students, groupSize: 4, criteria: scenario.criteria, seed, ...(iterations ? { budget: { iterations } } : {}) };
    const optimised = timed(() => formGroups(input));
    const random = timed(() =>
      scorePartition(
        input,
        randomPartition(
          students.map((s) => s.id),
          { groupSize: 4 },
          seed,
        ),
      ),
    );
    const snake = timed(() => scorePartition(input, snakeDraft(input)));
    for (const [method, { result, ms }] of [
      ["optimiser", optimised],
      ["random", random],
      ["snake draft", snake],
    ]) {
      rows.push({
        criteria: scenario.name,
        students: count,
        groups: result.groups.length,
        method,
        minimum: result.minimum.toFixed(3),
        mean: result.mean.toFixed(3),
        "groups at 0": result.scores.filter((score) => score.total === 0).length,
        evaluations: result.iterations,
        seconds: (ms / 1000).toFixed(2),
      });
    }
    if (count === Math.max(...sizes) && scenario === scenarios[0]) {
      for (const [method, { result }] of [
        ["optimiser", optimised],
        ["random", random],
        ["snake draft", snake],
      ]) {
        const cells = Object.fromEntries(
          Object.entries(result.criteria).map(([key, { minimum, mean }]) => [key, `${minimum.toFixed(2)} / ${mean.toFixed(2)}`]),
        );
        perCriterion.push({ students: count, method, ...cells });
      }
    }
    const beatsBoth = optimised.result.minimum > random.result.minimum && optimised.result.minimum > snake.result.minimum;
    console.log(
      `${scenario.name}, ${count} students: optimiser ${(optimised.ms / 1000).toFixed(2)} s, minimum ${beatsBoth ? "above" : "NOT above"} both baselines` +
        (count === 3000 ? `; target < 10 s: ${optimised.ms < 10_000 ? "pass" : "miss"}` : ""),
    );
    if (optimised.result.warnings.length > 0) console.log(`  warnings: ${optimised.result.warnings.join(" | ")}`);
  }
}
console.table(rows);
console.log("Per criterion, minimum / mean over groups (5 criteria, largest class; don't-isolate has no score of its own):");
console.table(perCriterion);
