import type { RouteObject } from "react-router";

/** The discussions area's screens, loaded on demand. */
export const discussionsRoutes: RouteObject[] = [
  { path: "discussions", lazy: async () => ({ Component: (await import("./DiscussionsPage")).DiscussionsPage }) },
  { path: "discussions/search", lazy: async () => ({ Component: (await import("./SearchPage")).SearchPage }) },
  { path: "discussions/boards/:boardId", lazy: async () => ({ Component: (await import("./BoardPage")).BoardPage }) },
  { path: "discussions/threads/:threadId", lazy: async () => ({ Component: (await import("./ThreadPage")).ThreadPage }) },
  { path: "classes/:classId/discussions", lazy: async () => ({ Component: (await import("./ClassDiscussionsPage")).ClassDiscussionsPage }) },
  { path: "groups/:groupId/discussions", lazy: async () => ({ Component: (await import("./GroupDiscussionsPage")).GroupDiscussionsPage }) },
];
