import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import type {
  TArtifact,
  TArtifactCreate,
  TArtifactFromBrainstorm,
  TArtifactFromDiscussionPost,
  TArtifactFromTask,
  TArtifactUpdate,
  TCollection,
  TCollectionCreate,
  TCollectionUpdate,
  TLinkCreate,
  TLink,
  TLinkCreated,
  TLinkView,
  TPageCreate,
  TPageUpdate,
  TPortfolioFile,
  TPortfolioPage,
  TPortfolioPageSummary,
  TPortfolioUsage,
  TPrompt,
  TReflection,
  TReflectionCreate,
  TReflectionUpdate,
  TRosterEntry,
  TShare,
  TShareCreate,
  TSharedView,
  TSharingOverview,
  TTemplate,
  TTemplateCopy,
  TTemplateCreate,
} from "@stoa/contracts";
import { api, type Query } from "./client";
import type { Paged } from "./types";
import { uploadFile } from "./upload";

// Every portfolio path lives here, so a change on the server is one edit on the web side.
const base = "/portfolio";

/** Query keys of the portfolio area; everything starts with "portfolio" so a sign-out or a broad change can drop it all. */
export const portfolioKeys = {
  all: ["portfolio"] as const,
  artifacts: (query?: Query) => (query ? (["portfolio", "artifacts", query] as const) : (["portfolio", "artifacts"] as const)),
  artifact: (id: string) => ["portfolio", "artifact", id] as const,
  reflections: (kind: "artifact" | "page", id: string) => ["portfolio", "reflections", kind, id] as const,
  prompts: ["portfolio", "prompts"] as const,
  classPrompts: (classId: string) => ["portfolio", "class", classId, "prompts"] as const,
  usage: ["portfolio", "usage"] as const,
  pages: ["portfolio", "pages"] as const,
  page: (id: string) => ["portfolio", "page", id] as const,
  collections: ["portfolio", "collections"] as const,
  collection: (id: string) => ["portfolio", "collection", id] as const,
  templates: ["portfolio", "templates"] as const,
  classTemplates: (classId: string) => ["portfolio", "class", classId, "templates"] as const,
  sharing: ["portfolio", "sharing"] as const,
  subjectSharing: (type: SubjectType, id: string) => ["portfolio", "sharing", type, id] as const,
  sharedWithMe: ["portfolio", "shared-with-me"] as const,
  childPages: (childId: string) => ["portfolio", "child", childId] as const,
  comments: (type: "page" | "artifact", id: string) => ["portfolio", "comments", type, id] as const,
  feedbackRequests: ["portfolio", "feedback-requests"] as const,
  rubrics: (classId: string) => ["portfolio", "class", classId, "rubrics"] as const,
  assessments: (classId: string) => ["portfolio", "class", classId, "assessments"] as const,
  myAssessments: ["portfolio", "my-assessments"] as const,
  classSubmissions: (assessmentId: string) => ["portfolio", "assessment", assessmentId, "submissions"] as const,
  submission: (id: string) => ["portfolio", "submission", id] as const,
  publicLink: (token: string) => ["public-link", token] as const,
};

export type SubjectType = "page" | "collection";
const subjectPath = (type: SubjectType, id: string) => `${base}/${type === "page" ? "pages" : "collections"}/${id}`;

/** Invalidates each of the given query keys after a change. */
export function invalidator(client: QueryClient, ...keyLists: (readonly unknown[])[]) {
  return async () => {
    await Promise.all(keyLists.map((queryKey) => client.invalidateQueries({ queryKey })));
  };
}

// ---------- artifacts, files, reflections, prompts ----------

export type ArtifactQuery = { q?: string; tag?: string; kind?: TArtifact["kind"]; page?: number; pageSize?: number };

/** The caller's artifact library, filtered and paged. */
export function useArtifacts(query: ArtifactQuery) {
  const q = query as Query;
  return useQuery({
    queryKey: portfolioKeys.artifacts(q),
    queryFn: async ({ signal }) => (await api.get<Paged<TArtifact>>(`${base}/artifacts`, q, signal)).data,
    placeholderData: keepPreviousData,
  });
}

/** One artifact. */
export function useArtifact(id: string) {
  return useQuery({
    queryKey: portfolioKeys.artifact(id),
    queryFn: async ({ signal }) => (await api.get<TArtifact>(`${base}/artifacts/${id}`, undefined, signal)).data,
  });
}

/** Creates an artifact (file after upload, link, text). */
export function useCreateArtifact() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: TArtifactCreate) => (await api.post<TArtifact>(`${base}/artifacts`, body)).data,
    onSuccess: invalidator(client, portfolioKeys.artifacts(), portfolioKeys.usage),
  });
}

/** Adds a snapshot of the caller's group task submission as group work (the other members co-own it). */
export function useAddTaskSubmission() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: TArtifactFromTask) => (await api.post<TArtifact>(`${base}/artifacts/from-task`, body)).data,
    onSuccess: invalidator(client, portfolioKeys.artifacts()),
  });
}

/** Adds a snapshot of one of the caller's own discussion posts. */
export function useAddDiscussionPost() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: TArtifactFromDiscussionPost) => (await api.post<TArtifact>(`${base}/artifacts/from-discussion-post`, body)).data,
    onSuccess: invalidator(client, portfolioKeys.artifacts()),
  });
}

/** Adds a snapshot of a brainstorm board (a group board: the group's other members co-own it). */
export function useAddBrainstormBoard() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: TArtifactFromBrainstorm) => (await api.post<TArtifact>(`${base}/artifacts/from-brainstorm`, body)).data,
    onSuccess: invalidator(client, portfolioKeys.artifacts()),
  });
}

/** Changes an artifact's details. */
export function useUpdateArtifact(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: TArtifactUpdate) => (await api.patch<TArtifact>(`${base}/artifacts/${id}`, body)).data,
    onSuccess: invalidator(client, portfolioKeys.artifact(id), portfolioKeys.artifacts()),
  });
}

/** Deletes an artifact. */
export function useDeleteArtifact() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => {
      await api.del<unknown>(`${base}/artifacts/${id}`);
    },
    onSuccess: invalidator(client, portfolioKeys.artifacts(), portfolioKeys.usage),
  });
}

/** Uploads one file (checked and re-encoded by the server), reporting progress 0..1. */
export async function uploadPortfolioFile(file: File, onProgress: (fraction: number) => void): Promise<TPortfolioFile> {
  return (await uploadFile<TPortfolioFile>(`${base}/files`, file, onProgress)).data;
}

/** Storage used against the caller's quota. */
export function useUsage() {
  return useQuery({
    queryKey: portfolioKeys.usage,
    queryFn: async ({ signal }) => (await api.get<TPortfolioUsage>(`${base}/usage`, undefined, signal)).data,
  });
}

/** Reflections on an artifact or a page. */
export function useReflections(kind: "artifact" | "page", id: string) {
  return useQuery({
    queryKey: portfolioKeys.reflections(kind, id),
    queryFn: async ({ signal }) => (await api.get<TReflection[]>(`${base}/${kind}s/${id}/reflections`, undefined, signal)).data,
  });
}

/** Rewrites one of the caller's reflections on an artifact or a page. */
export function useUpdateReflection(kind: "artifact" | "page", id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ reflectionId, ...body }: TReflectionUpdate & { reflectionId: string }) =>
      (await api.patch<TReflection>(`${base}/reflections/${reflectionId}`, body)).data,
    onSuccess: invalidator(
      client,
      portfolioKeys.reflections(kind, id),
      kind === "page" ? portfolioKeys.page(id) : portfolioKeys.artifact(id),
    ),
  });
}

/** Writes a reflection on an artifact or a page. */
export function useCreateReflection(kind: "artifact" | "page", id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: TReflectionCreate) => (await api.post<TReflection>(`${base}/${kind}s/${id}/reflections`, body)).data,
    onSuccess: invalidator(
      client,
      portfolioKeys.reflections(kind, id),
      kind === "page" ? portfolioKeys.page(id) : portfolioKeys.artifact(id),
    ),
  });
}

/** The reflection prompts the caller's teachers set. */
export function usePrompts() {
  return useQuery({
    queryKey: portfolioKeys.prompts,
    queryFn: async ({ signal }) => (await api.get<TPrompt[]>(`${base}/prompts`, undefined, signal)).data,
  });
}

/** A class's reflection prompts (teacher). */
export function useClassPrompts(classId: string) {
  return useQuery({
    queryKey: portfolioKeys.classPrompts(classId),
    queryFn: async ({ signal }) => (await api.get<TPrompt[]>(`/classes/${classId}/portfolio/prompts`, undefined, signal)).data,
  });
}

/** Adds a prompt to a class. */
export function useCreatePrompt(classId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (text: string) => (await api.post<TPrompt>(`/classes/${classId}/portfolio/prompts`, { text })).data,
    onSuccess: invalidator(client, portfolioKeys.classPrompts(classId)),
  });
}

/** Removes a prompt. */
export function useDeletePrompt(classId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (promptId: string) => {
      await api.del<unknown>(`${base}/prompts/${promptId}`);
    },
    onSuccess: invalidator(client, portfolioKeys.classPrompts(classId)),
  });
}

// ---------- pages and collections ----------

/** The caller's pages. */
export function usePages() {
  return useQuery({
    queryKey: portfolioKeys.pages,
    queryFn: async ({ signal }) => (await api.get<Paged<TPortfolioPageSummary>>(`${base}/pages`, { pageSize: 200 }, signal)).data,
  });
}

/** What the caller may do with a page. */
export interface PagePolicies {
  canEdit: boolean;
  canShare: boolean;
  canComment: boolean;
}

/** One page as the caller may see it, with what they may do with it. */
export function usePage(id: string) {
  return useQuery({
    queryKey: portfolioKeys.page(id),
    queryFn: async ({ signal }) => {
      const answer = await api.get<TPortfolioPage>(`${base}/pages/${id}`, undefined, signal);
      const p = answer.policies ?? {};
      const policies: PagePolicies = { canEdit: !!p.canEdit, canShare: !!p.canShare, canComment: !!p.canComment };
      return { page: answer.data, policies };
    },
  });
}

/** Creates a page. */
export function useCreatePage() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: TPageCreate) => (await api.post<TPortfolioPage>(`${base}/pages`, body)).data,
    onSuccess: invalidator(client, portfolioKeys.pages),
  });
}

/** Saves a page (title, purpose, layout); a stale version answers 409. */
export function useUpdatePage(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: TPageUpdate) => (await api.patch<TPortfolioPage>(`${base}/pages/${id}`, body)).data,
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: portfolioKeys.page(id) });
      await client.invalidateQueries({ queryKey: portfolioKeys.pages });
    },
  });
}

/** Deletes a page. */
export function useDeletePage() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => {
      await api.del<unknown>(`${base}/pages/${id}`);
    },
    onSuccess: invalidator(client, portfolioKeys.pages, portfolioKeys.collections, portfolioKeys.sharing),
  });
}

/** The caller's collections. */
export function useCollections() {
  return useQuery({
    queryKey: portfolioKeys.collections,
    queryFn: async ({ signal }) => (await api.get<TCollection[]>(`${base}/collections`, undefined, signal)).data,
  });
}

/** One collection with its pages in order. */
export function useCollection(id: string) {
  return useQuery({
    queryKey: portfolioKeys.collection(id),
    queryFn: async ({ signal }) => (await api.get<TCollection>(`${base}/collections/${id}`, undefined, signal)).data,
  });
}

/** Creates a collection. */
export function useCreateCollection() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: TCollectionCreate) => (await api.post<TCollection>(`${base}/collections`, body)).data,
    onSuccess: invalidator(client, portfolioKeys.collections),
  });
}

/** Changes a collection (title, purpose, the ordered pages). */
export function useUpdateCollection(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: TCollectionUpdate) => (await api.patch<TCollection>(`${base}/collections/${id}`, body)).data,
    onSuccess: (collection) => {
      client.setQueryData(portfolioKeys.collection(id), collection);
      void client.invalidateQueries({ queryKey: portfolioKeys.collections });
    },
  });
}

/** Deletes a collection (its pages stay). */
export function useDeleteCollection() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => {
      await api.del<unknown>(`${base}/collections/${id}`);
    },
    onSuccess: invalidator(client, portfolioKeys.collections, portfolioKeys.sharing),
  });
}

// ---------- templates ----------

/** Templates the caller's teachers made for their classes. */
export function useTemplates() {
  return useQuery({
    queryKey: portfolioKeys.templates,
    queryFn: async ({ signal }) => (await api.get<TTemplate[]>(`${base}/templates`, undefined, signal)).data,
  });
}

/** Copies a template into the caller's own page or collection. */
export function useCopyTemplate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => (await api.post<TTemplateCopy>(`${base}/templates/${id}/copy`)).data,
    onSuccess: invalidator(client, portfolioKeys.pages, portfolioKeys.collections),
  });
}

/** A class's templates (teacher). */
export function useClassTemplates(classId: string) {
  return useQuery({
    queryKey: portfolioKeys.classTemplates(classId),
    queryFn: async ({ signal }) => (await api.get<TTemplate[]>(`/classes/${classId}/portfolio/templates`, undefined, signal)).data,
  });
}

/** Creates a template for a class. */
export function useCreateTemplate(classId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: TTemplateCreate) => (await api.post<TTemplate>(`/classes/${classId}/portfolio/templates`, body)).data,
    onSuccess: invalidator(client, portfolioKeys.classTemplates(classId)),
  });
}

/** Removes a template (copies already made stay). */
export function useDeleteTemplate(classId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => {
      await api.del<unknown>(`${base}/templates/${id}`);
    },
    onSuccess: invalidator(client, portfolioKeys.classTemplates(classId)),
  });
}

// ---------- sharing ----------

/** Shares and links of one page or collection. */
export function useSubjectSharing(type: SubjectType, id: string) {
  return useQuery({
    queryKey: portfolioKeys.subjectSharing(type, id),
    queryFn: async ({ signal }): Promise<TSharingOverview> => {
      const [shares, links] = await Promise.all([
        api.get<TShare[]>(`${subjectPath(type, id)}/shares`, undefined, signal),
        api.get<TLink[]>(`${subjectPath(type, id)}/links`, undefined, signal),
      ]);
      return { shares: shares.data, links: links.data };
    },
  });
}

/** When a secret link was opened. */
export function useLinkViews(linkId: string | null) {
  return useQuery({
    queryKey: ["portfolio", "link-views", linkId],
    queryFn: async ({ signal }) => (await api.get<TLinkView[]>(`${base}/links/${linkId}/views`, undefined, signal)).data,
    enabled: !!linkId,
  });
}

/** Every share and link of the caller ("Who can see what"). */
export function useSharingOverview() {
  return useQuery({
    queryKey: portfolioKeys.sharing,
    queryFn: async ({ signal }) => (await api.get<TSharingOverview>(`${base}/sharing`, undefined, signal)).data,
  });
}

/** Shares a page or collection with people, a class, a group, the guardians or the school. */
export function useCreateShare(type: SubjectType, id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: TShareCreate) => (await api.post<TShare>(`${subjectPath(type, id)}/shares`, body)).data,
    onSuccess: invalidator(
      client,
      portfolioKeys.sharing,
      type === "page" ? portfolioKeys.page(id) : portfolioKeys.collection(id),
      portfolioKeys.pages,
    ),
  });
}

/** Stops a share. */
export function useDeleteShare() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (shareId: string) => {
      await api.del<unknown>(`${base}/shares/${shareId}`);
    },
    onSuccess: invalidator(client, portfolioKeys.sharing, portfolioKeys.pages),
  });
}

/** Makes a secret link; the answer carries the token once. */
export function useCreateLink(type: SubjectType, id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: TLinkCreate) => (await api.post<TLinkCreated>(`${subjectPath(type, id)}/links`, body)).data,
    onSuccess: invalidator(client, portfolioKeys.sharing, portfolioKeys.pages),
  });
}

/** Revokes a secret link: it then answers like a wrong link. */
export function useRevokeLink() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (linkId: string) => {
      await api.post<unknown>(`${base}/links/${linkId}/revoke`);
    },
    onSuccess: invalidator(client, portfolioKeys.sharing, portfolioKeys.pages),
  });
}

/** A class's members, fetched only once a class is chosen (for sharing with one person). */
export function useClassRoster(classId: string | null) {
  return useQuery({
    queryKey: ["portfolio", "roster", classId],
    queryFn: async ({ signal }) => (await api.get<TRosterEntry[]>(`/classes/${classId}/roster`, undefined, signal)).data,
    enabled: !!classId,
  });
}

/** Pages others shared with the caller (guardians: pages their children shared with them). */
export function useSharedWithMe() {
  return useQuery({
    queryKey: portfolioKeys.sharedWithMe,
    queryFn: async ({ signal }) => (await api.get<Paged<TPortfolioPageSummary>>(`${base}/shared`, { pageSize: 200 }, signal)).data,
  });
}

/** The public view of a secret link (no sign-in). Wrong, revoked and expired links all fail alike. */
export function usePublicLink(token: string, pageId: string | null) {
  return useQuery({
    queryKey: [...portfolioKeys.publicLink(token), pageId],
    queryFn: async ({ signal }) =>
      (await api.get<TSharedView>(`/public/portfolio/${encodeURIComponent(token)}`, pageId ? { page: pageId } : undefined, signal)).data,
    retry: false,
  });
}

/** The caller's tags and skills, for filters and suggestions. */
export function useTags() {
  return useQuery({
    queryKey: ["portfolio", "tags"],
    queryFn: async ({ signal }) => (await api.get<{ tags: string[]; skills: string[] }>(`${base}/tags`, undefined, signal)).data,
  });
}

/** Where the two export formats download from (attachments). */
export const exportUrls = { html: `/api${base}/export/archive`, leap2a: `/api${base}/export/leap2a` };
