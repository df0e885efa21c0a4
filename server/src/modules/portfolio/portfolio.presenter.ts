import type { TArtifact, TPortfolioFile, TReflection } from "@stoa/contracts";
import type { ArtifactRow, FileJson, ReflectionRow } from "./artifacts.repository.js";

// Rows -> contract objects. File URLs depend on how the viewer came (signed in, or a secret link).

/** Builds a file's download URL for the viewer. */
export type FileUrl = (fileId: string) => string;
/** Download URLs for a signed-in viewer. */
export const signedInFileUrl: FileUrl = (id) => `/api/portfolio/files/${id}`;
/** Download URLs for a secret-link visitor: only through the link. */
export const linkFileUrl =
  (token: string): FileUrl =>
  (id) =>
    `/api/public/portfolio/${encodeURIComponent(token)}/files/${id}`;

const iso = (value: Date | string) => new Date(value).toISOString();

/** A stored file as the contract shows it. */
export function presentFile(file: FileJson | (Omit<FileJson, "createdAt"> & { createdAt: Date }), fileUrl: FileUrl): TPortfolioFile {
  return {
    id: file.id,
    fileName: file.fileName,
    mediaType: file.mediaType,
    sizeBytes: Number(file.sizeBytes),
    inline: file.inline,
    width: file.width,
    height: file.height,
    url: fileUrl(file.id),
    createdAt: iso(file.createdAt),
  };
}

/** An artifact as the contract shows it. */
export function presentArtifact(row: ArtifactRow, fileUrl: FileUrl = signedInFileUrl): TArtifact {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    description: row.description,
    body: row.body,
    url: row.url,
    file: row.file ? presentFile(row.file, fileUrl) : null,
    source: row.source ? { ...row.source, classId: row.source.classId ?? null, text: row.source.text ?? null } : null,
    tags: row.tags,
    skills: row.skills,
    occurredOn: row.occurredOn,
    owner: { id: row.ownerId, name: row.ownerName },
    coOwners: row.coOwners,
    reflectionCount: row.reflectionCount,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}

/** A reflection as the contract shows it. */
export function presentReflection(row: ReflectionRow): TReflection {
  return {
    id: row.id,
    artifactId: row.artifactId,
    pageId: row.pageId,
    promptId: row.promptId,
    promptText: row.promptText,
    body: row.body,
    author: { id: row.authorId, name: row.authorName },
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}
