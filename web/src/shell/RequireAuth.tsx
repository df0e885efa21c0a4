import { Center } from "@mantine/core";
import { Navigate, Outlet, useLocation } from "react-router";
import { useMe } from "../api/me";
import { ErrorState } from "../components/ErrorState";
import { PageLoader } from "../components/PageLoader";

/** Shows the app only to a signed-in person; everyone else goes to sign in and comes back after. */
export function RequireAuth() {
  const location = useLocation();
  const me = useMe();
  if (me.isPending) {
    return <PageLoader />;
  }
  if (me.isError) {
    return (
      <Center h="100vh" p="md">
        <ErrorState error={me.error} onRetry={() => void me.refetch()} />
      </Center>
    );
  }
  if (!me.data) {
    const next = `${location.pathname}${location.search}`;
    const to = next === "/" ? "/sign-in" : `/sign-in?next=${encodeURIComponent(next)}`;
    return <Navigate to={to} replace />;
  }
  return <Outlet />;
}
