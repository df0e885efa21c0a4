import { useCallback, useMemo } from "react";
import { useSearchParams } from "react-router";

/**
 * List filters and the page number kept in the URL, so back, reload and shared links keep them.
 * Changing a filter goes back to page 1.
 */
export function useSearchState<K extends string>(names: readonly K[]) {
  const [params, setParams] = useSearchParams();
  const values = useMemo(() => {
    const out = {} as Record<K, string>;
    for (const name of names) out[name] = params.get(name) ?? "";
    return out;
  }, [params, names]);
  const page = Math.max(1, Number(params.get("page")) || 1);

  const setFilter = useCallback(
    (name: K, value: string | null) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          if (value) next.set(name, value);
          else next.delete(name);
          next.delete("page");
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  const setPage = useCallback(
    (value: number) => {
      setParams((prev) => {
        const next = new URLSearchParams(prev);
        if (value > 1) next.set("page", String(value));
        else next.delete("page");
        return next;
      });
    },
    [setParams],
  );

  return { values, page, setFilter, setPage };
}

/** Empty strings become undefined so they are left out of the query. */
export function definedOnly<T extends Record<string, string>>(values: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [key, value] of Object.entries(values)) if (value) out[key as keyof T] = value as T[keyof T];
  return out;
}
