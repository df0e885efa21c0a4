import type { RouteObject } from "react-router";

/** The brainstorm screens, loaded on demand. */
export const brainstormRoutes: RouteObject[] = [
  { path: "brainstorm/:boardId", lazy: async () => ({ Component: (await import("./BrainstormBoardPage")).BrainstormBoardPage }) },
  { path: "groups/:groupId/brainstorm", lazy: async () => ({ Component: (await import("./GroupBrainstormPage")).GroupBrainstormPage }) },
];
