/** Demo data for groups: a published set in some classes, and survey answers and scores in teacher1's classes. */
import { and, asc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import {
  classes,
  enrolments,
  groupMembers,
  groupSets,
  groupSurveyAnswers,
  groupSurveys,
  groups,
  studentAttributes,
  users,
} from "../../db/schema/index.js";
import { groupCountFor, randomPartition, seededRandom } from "./partition.js";

const interests = ["animals", "art", "building", "music", "science", "sport", "stories", "games"];
const slots = ["mon-afternoon", "tue-afternoon", "wed-lunch", "thu-afternoon", "fri-lunch"];
const levels = ["A", "B", "C", "D"];

/** Seeds groups in the demo district (inside the seed's transaction). */
export async function seedGroups(tx: DbOrTx, districtId: string): Promise<void> {
  const random = seededRandom(20261122);
  const classRows = await tx
    .select({ id: classes.id })
    .from(classes)
    .where(eq(classes.districtId, districtId))
    .orderBy(asc(classes.classCode));
  const roster = await tx
    .select({ classId: enrolments.classId, userId: enrolments.userId, role: enrolments.role, username: users.username })
    .from(enrolments)
    .innerJoin(users, eq(users.id, enrolments.userId))
    .where(
      and(
        inArray(
          enrolments.classId,
          classRows.map((c) => c.id),
        ),
        eq(enrolments.status, "active"),
      ),
    )
    .orderBy(asc(users.username));
  const studentsOf = (classId: string) => roster.filter((r) => r.classId === classId && r.role === "student").map((r) => r.userId);
  const teacherOf = (classId: string) => roster.find((r) => r.classId === classId && r.role === "teacher");

  for (const [i, cls] of classRows.entries()) {
    const students = studentsOf(cls.id);
    const teacher = teacherOf(cls.id);
    if (students.length < 4 || !teacher) continue;
    if (teacher.username === "teacher1") await seedClassData(tx, districtId, cls.id, students, random);
    if (i % 3 !== 0) continue;
    const partition = randomPartition(students, groupCountFor(students.length, { groupSize: 4 }), 1000 + i);
    const [set] = await tx
      .insert(groupSets)
      .values({
        districtId,
        classId: cls.id,
        name: "Table groups",
        strategy: "random",
        settings: { groupSize: 4, seed: 1000 + i },
        publishedAt: new Date(),
        createdBy: teacher.userId,
      })
      .returning({ id: groupSets.id });
    const groupRows = await tx
      .insert(groups)
      .values(partition.map((_, position) => ({ districtId, setId: set!.id, classId: cls.id, name: `Table ${position + 1}`, position })))
      .returning({ id: groups.id });
    await tx
      .insert(groupMembers)
      .values(
        partition.flatMap((members, g) => members.map((userId) => ({ groupId: groupRows[g]!.id, setId: set!.id, userId, districtId }))),
      );
  }
}

/** A reading level and a score for every student, and an open survey that about half have answered. */
async function seedClassData(tx: DbOrTx, districtId: string, classId: string, students: string[], random: () => number) {
  await tx.insert(studentAttributes).values(
    students.flatMap((userId) => [
      { classId, userId, districtId, name: "reading level", value: levels[Math.floor(random() * levels.length)]! },
      { classId, userId, districtId, name: "maths score", value: String(40 + Math.floor(random() * 60)) },
    ]),
  );
  await tx.insert(groupSurveys).values({ classId, districtId, open: true, interests, slots, maxPartners: 2 });
  const answering = students.filter((_, k) => k % 2 === 0);
  await tx.insert(groupSurveyAnswers).values(
    answering.map((userId) => ({
      classId,
      userId,
      districtId,
      interests: interests.filter(() => random() < 0.3),
      freeTimes: slots.filter(() => random() < 0.5),
      partners: [students[Math.floor(random() * students.length)]!].filter((p) => p !== userId),
    })),
  );
}
