import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { TChangePasswordRequest, TLoginRequest, TMe } from "@stoa/contracts";
import { api, ApiError, setCsrfToken } from "./client";
import { keys } from "./keys";

/** Who is signed in, or null when nobody is (a 401 from /api/me is an answer, not an error). */
export async function fetchMe(): Promise<TMe | null> {
  try {
    const { data } = await api.get<TMe>("/me");
    setCsrfToken(data.csrfToken);
    return data;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

/** The signed-in person, their roles and abilities. */
export function useMe() {
  return useQuery({ queryKey: keys.me, queryFn: fetchMe, staleTime: 5 * 60_000 });
}

/** The signed-in person, for screens rendered inside the authenticated shell. */
export function useCurrentUser(): TMe {
  const { data } = useMe();
  if (!data) throw new Error("useCurrentUser used outside the signed-in shell");
  return data;
}

/** Signs in and stores the person (and CSRF token) in the cache. */
export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: TLoginRequest) => (await api.post<TMe>("/auth/login", body)).data,
    onSuccess: (me) => {
      setCsrfToken(me.csrfToken);
      client.clear();
      client.setQueryData(keys.me, me);
    },
  });
}

/** Signs out and forgets everything cached for the session. */
export function useLogout() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      await api.post<null>("/auth/logout");
    },
    onSettled: () => {
      setCsrfToken(null);
      client.clear();
      client.setQueryData(keys.me, null);
    },
  });
}

/** Changes the signed-in person's password. */
export function useChangePassword() {
  return useMutation({
    mutationFn: async (body: TChangePasswordRequest) => {
      await api.post<null>("/me/password", body);
    },
  });
}
