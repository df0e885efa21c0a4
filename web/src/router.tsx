import { createBrowserRouter, type RouteObject } from "react-router";
import { canSeePeople, isAdmin } from "./lib/people";
import { RequireAbility } from "./shell/RequireAbility";
import { RequireAuth } from "./shell/RequireAuth";
import { AppLayout } from "./shell/AppLayout";
import { RouteError } from "./shell/RouteError";
import { PageLoader } from "./components/PageLoader";
import { SignInPage } from "./routes/auth/SignInPage";
import { HomePage } from "./routes/home/HomePage";
import { ClassPage } from "./routes/classes/ClassPage";
import { ClassesPage } from "./routes/classes/ClassesPage";
import { ProfilePage } from "./routes/profile/ProfilePage";
import { NotFoundPage } from "./routes/NotFoundPage";
import { portfolioBareRoutes, portfolioRoutes } from "./routes/portfolio/routes";
import { groupsRoutes } from "./routes/groups/routes";
import { discussionsRoutes } from "./routes/discussions/routes";
import { brainstormRoutes } from "./routes/brainstorm/routes";

/** Admin screens load on demand so students and teachers download less. */
const adminRoutes: RouteObject[] = [
  {
    path: "classes/new",
    element: <RequireAbility ability="manageClasses" />,
    children: [{ index: true, lazy: async () => ({ Component: (await import("./routes/classes/ClassCreatePage")).ClassCreatePage }) }],
  },
  {
    path: "schools",
    element: <RequireAbility allow={(me) => isAdmin(me.roles)} />,
    children: [{ index: true, lazy: async () => ({ Component: (await import("./routes/schools/SchoolsPage")).SchoolsPage }) }],
  },
  {
    path: "people",
    element: <RequireAbility allow={canSeePeople} />,
    children: [
      { index: true, lazy: async () => ({ Component: (await import("./routes/people/PeoplePage")).PeoplePage }) },
      { path: ":personId", lazy: async () => ({ Component: (await import("./routes/people/PersonPage")).PersonPage }) },
    ],
  },
  {
    path: "people/new",
    element: <RequireAbility ability="managePeople" />,
    children: [{ index: true, lazy: async () => ({ Component: (await import("./routes/people/PersonCreatePage")).PersonCreatePage }) }],
  },
  {
    element: <RequireAbility ability="manageClasses" />,
    children: [
      { path: "terms", lazy: async () => ({ Component: (await import("./routes/terms/TermsPage")).TermsPage }) },
      { path: "courses", lazy: async () => ({ Component: (await import("./routes/terms/CoursesPage")).CoursesPage }) },
    ],
  },
  {
    path: "imports",
    element: <RequireAbility ability="importRosters" />,
    children: [
      { index: true, lazy: async () => ({ Component: (await import("./routes/imports/ImportPage")).ImportPage }) },
      { path: ":importId", lazy: async () => ({ Component: (await import("./routes/imports/ImportRunPage")).ImportRunPage }) },
    ],
  },
  {
    path: "audit",
    element: <RequireAbility ability="viewAudit" />,
    children: [{ index: true, lazy: async () => ({ Component: (await import("./routes/audit/AuditPage")).AuditPage }) }],
  },
];

export const router = createBrowserRouter([
  { path: "/sign-in", element: <SignInPage />, errorElement: <RouteError /> },
  ...portfolioBareRoutes,
  {
    path: "/",
    element: <RequireAuth />,
    errorElement: <RouteError />,
    hydrateFallbackElement: <PageLoader />,
    children: [
      {
        element: <AppLayout />,
        errorElement: <RouteError />,
        children: [
          { index: true, element: <HomePage /> },
          { path: "classes", element: <ClassesPage /> },
          { path: "classes/:classId", element: <ClassPage /> },
          { path: "profile", element: <ProfilePage /> },
          { path: "tasks/:taskId", lazy: async () => ({ Component: (await import("./routes/tasks/TaskPage")).TaskPage }) },
          { path: "tasks/:taskId/groups/:groupId", lazy: async () => ({ Component: (await import("./routes/tasks/GroupSpacePage")).GroupSpacePage }) },
          { path: "groups/:groupId/documents", lazy: async () => ({ Component: (await import("./routes/documents/GroupDocumentsPage")).GroupDocumentsPage }) },
          { path: "documents/:documentId", lazy: async () => ({ Component: (await import("./routes/documents/DocumentPage")).DocumentPage }) },
          { path: "tasks/:taskId/rate", lazy: async () => ({ Component: (await import("./routes/peer/RatePage")).RatePage }) },
          { path: "tasks/:taskId/overview", lazy: async () => ({ Component: (await import("./routes/peer/OverviewPage")).OverviewPage }) },
          { path: "discussions/approvals", lazy: async () => ({ Component: (await import("./routes/discussions/ApprovalQueuePage")).ApprovalQueuePage }) },
          { path: "discussions/reports", lazy: async () => ({ Component: (await import("./routes/discussions/ReportsPage")).ReportsPage }) },
          { path: "discussions/threads/:threadId/grading", lazy: async () => ({ Component: (await import("./routes/discussions/GradingPage")).GradingPage }) },
          { path: "chat/classes/:id", lazy: async () => ({ Component: (await import("./routes/chat/ChatPage")).ClassChatPage }) },
          { path: "chat/groups/:id", lazy: async () => ({ Component: (await import("./routes/chat/ChatPage")).GroupChatPage }) },
          { path: "notifications", lazy: async () => ({ Component: (await import("./routes/notifications/NotificationsPage")).NotificationsPage }) },
          { path: "profile/notifications", lazy: async () => ({ Component: (await import("./routes/notifications/PreferencesPage")).PreferencesPage }) },
          { path: "mail-outbox", lazy: async () => ({ Component: (await import("./routes/notifications/MailOutboxPage")).MailOutboxPage }) },
          ...groupsRoutes,
          ...discussionsRoutes,
          ...brainstormRoutes,
          ...adminRoutes,
          ...portfolioRoutes,
          { path: "*", element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
