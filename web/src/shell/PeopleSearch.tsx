import { TextInput } from "@mantine/core";
import { IconSearch } from "@tabler/icons-react";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";

/** Header search for admins: finds people by name, username or email. */
export function PeopleSearch() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [q, setQ] = useState("");

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    const term = q.trim();
    void navigate(term ? `/people?q=${encodeURIComponent(term)}` : "/people");
  }

  return (
    <form role="search" onSubmit={handleSubmit} aria-label={t("shell.peopleSearch")}>
      <TextInput
        visibleFrom="sm"
        type="search"
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
        aria-label={t("shell.peopleSearch")}
        placeholder={t("shell.peopleSearchPlaceholder")}
        leftSection={<IconSearch size={16} aria-hidden />}
        w={{ sm: 200, md: 280 }}
      />
    </form>
  );
}
