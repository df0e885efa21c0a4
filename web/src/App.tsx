import { MantineProvider } from "@mantine/core";
import { Notifications } from "@mantine/notifications";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { RouterProvider } from "react-router";
import { ApiError, setUnauthenticatedHandler } from "./api/client";
import { keys } from "./api/keys";
import { router } from "./router";
import { cssVariablesResolver, makeTheme } from "./theme";

/** Retries only what might succeed next time: network failures and server errors, twice. */
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}

const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: shouldRetry, refetchOnWindowFocus: false, staleTime: 15_000 },
    mutations: { retry: false },
  },
});

// A 401 anywhere means the session ended: forget the person, and the shell sends them to sign in.
setUnauthenticatedHandler(() => queryClient.setQueryData(keys.me, null));

/** Providers: theme, notifications, server state, routes. */
export function App() {
  const { t } = useTranslation();
  const theme = useMemo(() => makeTheme(t("common.close")), [t]);
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
      <Notifications position="top-right" />
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  );
}
