import { Select } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import type { TRole } from "@stoa/contracts";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { usePeople } from "../api/people";
import { displayName } from "../lib/people";

interface Props {
  label: string;
  value: string | null;
  onChange: (id: string | null) => void;
  role?: TRole;
  schoolId?: string;
  error?: string;
  description?: string;
}

/** Finds a person by typing part of their name, username or email (searches the server). */
export function PersonPicker({ label, value, onChange, role, schoolId, error, description }: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const people = usePeople({ q: debounced || undefined, role, schoolId, status: "active", pageSize: 20 }, debounced.length >= 1);
  const data = useMemo(
    () => (people.data?.items ?? []).map((p) => ({ value: p.id, label: `${displayName(p)} (${p.username})` })),
    [people.data],
  );

  return (
    <Select
      label={label}
      description={description}
      placeholder={t("people.pickerPlaceholder")}
      searchable
      clearable
      data={data}
      value={value}
      onChange={onChange}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      nothingFoundMessage={debounced ? (people.isFetching ? t("common.loading") : t("people.pickerNothing")) : t("people.pickerHint")}
      error={error}
    />
  );
}
