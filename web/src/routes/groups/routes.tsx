import type { RouteObject } from "react-router";

/** The groups area's screens, loaded on demand. */
export const groupsRoutes: RouteObject[] = [
  { path: "classes/:classId/groups", lazy: async () => ({ Component: (await import("./ClassGroupsPage")).ClassGroupsPage }) },
  { path: "classes/:classId/groups/new", lazy: async () => ({ Component: (await import("./GroupSetCreatePage")).GroupSetCreatePage }) },
  { path: "classes/:classId/groups/data", lazy: async () => ({ Component: (await import("./StudentDataPage")).StudentDataPage }) },
  { path: "classes/:classId/survey", lazy: async () => ({ Component: (await import("./SurveyPage")).SurveyPage }) },
  { path: "group-sets/:setId", lazy: async () => ({ Component: (await import("./GroupSetBoardPage")).GroupSetBoardPage }) },
  { path: "group-sets/:setId/signup", lazy: async () => ({ Component: (await import("./SignupPage")).SignupPage }) },
  { path: "my-groups", lazy: async () => ({ Component: (await import("./MyGroupsPage")).MyGroupsPage }) },
];
