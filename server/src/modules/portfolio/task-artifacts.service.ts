import type { TArtifactFromTask } from "@stoa/contracts";
import type { Db } from "../../db/client.js";
import type { Actor } from "../../platform/actor.js";
import { notFound } from "../../platform/errors.js";
import { sanitizeRichText } from "../../platform/rich-text.js";
import { requireSpace } from "../tasks/space.service.js";
import { getSubmission } from "../tasks/submission.service.js";
import * as repo from "./artifacts.repository.js";
import { getArtifact } from "./artifacts.service.js";
import { requirePortfolioKeeper } from "./portfolio.policy.js";

/**
 * Adds a snapshot of a group task's submission (its text, sanitised again, and its file names, with the
 * task's title) to the caller's portfolio as group work: the group's other members become co-owners.
 * Only a member of the group may: another group's student, or anyone outside the class, gets 404 as if the
 * task did not exist; teachers keep no portfolio and are refused before anything is read.
 */
export async function createArtifactFromTask(db: Db, actor: Actor, input: TArtifactFromTask) {
  requirePortfolioKeeper(actor);
  // The tasks module decides who reaches a group space; a teacher of the class reaches it too, so membership is checked here.
  const space = await requireSpace(db, actor, input.taskId, input.groupId);
  if (!space.isMember) throw notFound("Group");
  const submission = await getSubmission(db, space);
  const text = submission.body.trim() ? sanitizeRichText(submission.body) : null;
  const fileNames = submission.files.map((f) => f.name);
  const coOwnerIds = space.members.map((m) => m.userId).filter((id) => id !== actor.userId);
  const title = input.title ?? `${space.task.title} (${space.group.name})`;
  const { id } = await repo.insertArtifact(db, {
    districtId: actor.districtId,
    ownerId: actor.userId,
    coOwnerIds,
    kind: "stoa",
    title,
    description: "",
    tags: [],
    skills: [],
    occurredOn: null,
    body: text,
    source: {
      type: "taskSubmission",
      id: `${space.task.id}/${space.group.id}`,
      classId: space.task.classId,
      title: space.task.title,
      capturedAt: new Date().toISOString(),
      text,
      fileNames,
    },
  });
  return getArtifact(db, actor, id);
}
