import type { TDocumentPerson, TDocumentVersion, TSharedDocument } from "@stoa/contracts";
import type * as repo from "./documents.repository.js";

type ListRow = Awaited<ReturnType<typeof repo.listDocuments>>[number];
type VersionRow = Awaited<ReturnType<typeof repo.listVersions>>[number];

/** A person reference, or null when the row has none. */
export const personRef = (id: string | null, name: string | null): TDocumentPerson | null => (id ? { id, name: name ?? "" } : null);

/** A document row as the lists show it (never the Yjs state). */
export function presentDocument(row: ListRow): TSharedDocument {
  return {
    id: row.id,
    groupId: row.groupId,
    title: row.title,
    size: row.size,
    revision: row.revision,
    createdBy: personRef(row.createdBy, row.createdByName),
    createdAt: row.createdAt.toISOString(),
    updatedBy: personRef(row.updatedBy, row.updatedByName),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** A version entry of the history. */
export function presentVersion(row: VersionRow): TDocumentVersion {
  return {
    number: row.number,
    reason: row.reason,
    size: row.size,
    revision: row.revision,
    createdBy: personRef(row.createdBy, row.createdByName),
    createdAt: row.createdAt.toISOString(),
  };
}
