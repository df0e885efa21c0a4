import { Button, Group, Menu, SegmentedControl, SimpleGrid, Stack, TextInput } from "@mantine/core";
import { useDebouncedCallback } from "@mantine/hooks";
import { IconDownload, IconFileUpload, IconLink, IconNotebook, IconPencil, IconSearch, IconX } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Navigate } from "react-router";
import { useCurrentUser } from "../../api/me";
import { exportUrls, useArtifacts } from "../../api/portfolio";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState } from "../../components/ErrorState";
import { ListSkeleton } from "../../components/ListSkeleton";
import { PageHeader } from "../../components/PageHeader";
import { Pager } from "../../components/Pager";
import { useSearchState } from "../../lib/useSearchState";
import { AddArtifactModal, type AddMode } from "./AddArtifactModal";
import { ArtifactCard } from "./ArtifactCard";
import { portfolioAudience } from "./nav";
import { PortfolioTabs } from "./PortfolioTabs";

const filterNames = ["q", "tag", "view"] as const;
const pageSize = 24;

/** The student's library of evidence: grid or list, search, filter by tag, add a file, link or writing. */
export function PortfolioHomePage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const who = portfolioAudience(me);
  const { values, page, setFilter, setPage } = useSearchState(filterNames);
  const [q, setQ] = useState(values.q);
  const [adding, setAdding] = useState<AddMode | null>(null);
  const setSearch = useDebouncedCallback((value: string) => setFilter("q", value.trim()), 300);
  const artifacts = useArtifacts({ q: values.q || undefined, tag: values.tag || undefined, page, pageSize });
  const list = values.view === "list";

  if (!who.student) return <Navigate to={who.teacher ? "/portfolio/teach" : "/portfolio/shared"} replace />;

  function body() {
    if (artifacts.isPending) return <ListSkeleton rows={6} cards />;
    if (artifacts.isError) return <ErrorState error={artifacts.error} onRetry={() => void artifacts.refetch()} />;
    const { items, total } = artifacts.data;
    if (total === 0) {
      const filtered = !!(values.q || values.tag);
      return (
        <EmptyState
          icon={<IconNotebook aria-hidden />}
          title={filtered ? t("portfolio.library.noMatch") : t("portfolio.library.emptyTitle")}
          description={filtered ? t("common.noMatchText") : t("portfolio.library.emptyText")}
        />
      );
    }
    return (
      <>
        {list ? (
          <Stack gap="xs" component="ul" p={0} style={{ listStyle: "none" }} aria-label={t("portfolio.library.title")}>
            {items.map((a) => (
              <li key={a.id}>
                <ArtifactCard artifact={a} compact onTag={(tag) => setFilter("tag", tag)} />
              </li>
            ))}
          </Stack>
        ) : (
          <SimpleGrid
            cols={{ base: 1, xs: 2, md: 3, xl: 4 }}
            component="ul"
            p={0}
            style={{ listStyle: "none" }}
            aria-label={t("portfolio.library.title")}
          >
            {items.map((a) => (
              <li key={a.id}>
                <ArtifactCard artifact={a} onTag={(tag) => setFilter("tag", tag)} />
              </li>
            ))}
          </SimpleGrid>
        )}
        <Pager page={page} pageSize={pageSize} total={total} onChange={setPage} />
      </>
    );
  }

  return (
    <>
      <PageHeader
        title={t("portfolio.library.title")}
        breadcrumbs={[{ label: t("nav.home"), to: "/" }, { label: t("portfolio.nav.student") }]}
        description={t("portfolio.library.intro")}
        actions={
          <Menu position="bottom-end">
            <Menu.Target>
              <Button variant="default" leftSection={<IconDownload size={16} aria-hidden />}>
                {t("portfolio.export.menu")}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item component="a" href={exportUrls.html} download>
                {t("portfolio.export.html")}
              </Menu.Item>
              <Menu.Item component="a" href={exportUrls.leap2a} download>
                {t("portfolio.export.leap2a")}
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        }
      />
      <PortfolioTabs />
      <Group mb="md" gap="sm">
        <Button size="md" leftSection={<IconFileUpload size={20} aria-hidden />} onClick={() => setAdding("file")}>
          {t("portfolio.add.file")}
        </Button>
        <Button size="md" variant="light" leftSection={<IconLink size={20} aria-hidden />} onClick={() => setAdding("link")}>
          {t("portfolio.add.link")}
        </Button>
        <Button size="md" variant="light" leftSection={<IconPencil size={20} aria-hidden />} onClick={() => setAdding("text")}>
          {t("portfolio.add.text")}
        </Button>
      </Group>
      <Group mb="md" gap="sm" align="flex-end">
        <TextInput
          label={t("portfolio.library.search")}
          type="search"
          value={q}
          onChange={(e) => {
            setQ(e.currentTarget.value);
            setSearch(e.currentTarget.value);
          }}
          leftSection={<IconSearch size={16} aria-hidden />}
          style={{ flex: "1 1 220px" }}
        />
        {values.tag && (
          <Button variant="light" rightSection={<IconX size={14} aria-hidden />} onClick={() => setFilter("tag", "")}>
            {t("portfolio.library.clearTag", { tag: values.tag })}
          </Button>
        )}
        <SegmentedControl
          aria-label={t("portfolio.library.view")}
          value={list ? "list" : "grid"}
          onChange={(v) => setFilter("view", v === "list" ? "list" : "")}
          data={[
            { value: "grid", label: t("portfolio.library.grid") },
            { value: "list", label: t("portfolio.library.list") },
          ]}
        />
      </Group>
      {body()}
      <AddArtifactModal mode={adding} onClose={() => setAdding(null)} />
    </>
  );
}
