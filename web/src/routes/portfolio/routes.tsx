import type { RouteObject } from "react-router";

// Portfolio screens load on demand: most visits to Stoa never open them.

/** The signed-in portfolio screens, mounted inside the app shell under /portfolio. */
export const portfolioRoutes: RouteObject[] = [
  {
    path: "portfolio",
    children: [
      { index: true, lazy: async () => ({ Component: (await import("./PortfolioHomePage")).PortfolioHomePage }) },
      { path: "artifacts/:artifactId", lazy: async () => ({ Component: (await import("./ArtifactPage")).ArtifactPage }) },
      { path: "pages", lazy: async () => ({ Component: (await import("./PagesPage")).PagesPage }) },
      { path: "pages/:pageId", lazy: async () => ({ Component: (await import("./PageScreen")).PageScreen }) },
      { path: "pages/:pageId/edit", lazy: async () => ({ Component: (await import("./PageEditorPage")).PageEditorPage }) },
      { path: "collections", lazy: async () => ({ Component: (await import("./CollectionsPage")).CollectionsPage }) },
      { path: "collections/:collectionId", lazy: async () => ({ Component: (await import("./CollectionPage")).CollectionPage }) },
      { path: "templates", lazy: async () => ({ Component: (await import("./TemplatesPage")).TemplatesPage }) },
      { path: "sharing", lazy: async () => ({ Component: (await import("./SharingOverviewPage")).SharingOverviewPage }) },
      { path: "feedback", lazy: async () => ({ Component: (await import("./FeedbackPage")).FeedbackPage }) },
      { path: "shared", lazy: async () => ({ Component: (await import("./SharedWithMePage")).SharedWithMePage }) },
      { path: "assessments", lazy: async () => ({ Component: (await import("./MyAssessmentsPage")).MyAssessmentsPage }) },
      { path: "submissions/:submissionId", lazy: async () => ({ Component: (await import("./SubmissionPage")).SubmissionPage }) },
      { path: "teach", lazy: async () => ({ Component: (await import("./teach/TeachPage")).TeachPage }) },
      { path: "teach/:classId", lazy: async () => ({ Component: (await import("./teach/TeachClassPage")).TeachClassPage }) },
    ],
  },
];

/** Routes outside sign-in and the app shell: the public secret-link view. */
export const portfolioBareRoutes: RouteObject[] = [
  { path: "/shared/:token", lazy: async () => ({ Component: (await import("./PublicLinkPage")).PublicLinkPage }) },
];
