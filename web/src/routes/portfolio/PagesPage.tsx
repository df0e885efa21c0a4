import { Anchor, Badge, Button, Card, Group, Modal, Select, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { IconLayoutGrid, IconPlus, IconTemplate } from "@tabler/icons-react";
import { portfolioPurposes, type TPortfolioPageSummary, type TPortfolioPurpose } from "@stoa/contracts";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { useCreatePage, usePages } from "../../api/portfolio";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState, useErrorMessage } from "../../components/ErrorState";
import { FormAlert } from "../../components/FormAlert";
import { ListSkeleton } from "../../components/ListSkeleton";
import { PageHeader } from "../../components/PageHeader";
import { formatDateTime } from "../../lib/format";
import { PortfolioTabs } from "./PortfolioTabs";

/** "Private", or how many shares and links a page has. */
export function SharingBadge({ sharing }: { sharing: TPortfolioPageSummary["sharing"] }) {
  const { t } = useTranslation();
  if (sharing.shares === 0 && sharing.liveLinks === 0) {
    return (
      <Badge color="gray" variant="light" tt="none">
        {t("portfolio.sharing.private")}
      </Badge>
    );
  }
  return (
    <Badge color="green" variant="light" tt="none">
      {t("portfolio.sharing.sharedCount", { shares: sharing.shares, links: sharing.liveLinks })}
    </Badge>
  );
}

/** The purpose choices, in words. */
export function usePurposeOptions() {
  const { t } = useTranslation();
  return portfolioPurposes.map((p) => ({ value: p, label: t(`portfolio.purposes.${p}`) }));
}

/** The student's pages: open, create, or start from a teacher's template. */
export function PagesPage() {
  const { t } = useTranslation();
  const pages = usePages();
  const [creating, setCreating] = useState(false);

  function body() {
    if (pages.isPending) return <ListSkeleton rows={4} cards />;
    if (pages.isError) return <ErrorState error={pages.error} onRetry={() => void pages.refetch()} />;
    if (pages.data.items.length === 0) {
      return (
        <EmptyState
          icon={<IconLayoutGrid aria-hidden />}
          title={t("portfolio.pages.emptyTitle")}
          description={t("portfolio.pages.emptyText")}
        />
      );
    }
    return (
      <SimpleGrid
        cols={{ base: 1, sm: 2, lg: 3 }}
        component="ul"
        p={0}
        style={{ listStyle: "none" }}
        aria-label={t("portfolio.pages.title")}
      >
        {pages.data.items.map((page) => (
          <li key={page.id}>
            <Card withBorder radius="md" padding="md" component="article" aria-labelledby={`page-${page.id}`}>
              <Stack gap={6}>
                <Anchor component={Link} to={`/portfolio/pages/${page.id}`} fw={600} id={`page-${page.id}`}>
                  {page.title}
                </Anchor>
                <Group gap={4}>
                  <Badge variant="light" tt="none">
                    {t(`portfolio.purposes.${page.purpose}`)}
                  </Badge>
                  <SharingBadge sharing={page.sharing} />
                </Group>
                <Text size="xs" c="dimmed">
                  {t("portfolio.pages.updated", { when: formatDateTime(page.updatedAt) })}
                </Text>
              </Stack>
            </Card>
          </li>
        ))}
      </SimpleGrid>
    );
  }

  return (
    <>
      <PageHeader
        title={t("portfolio.pages.title")}
        breadcrumbs={[{ label: t("portfolio.nav.student"), to: "/portfolio" }, { label: t("portfolio.pages.title") }]}
        actions={
          <>
            <Button variant="default" component={Link} to="/portfolio/templates" leftSection={<IconTemplate size={16} aria-hidden />}>
              {t("portfolio.pages.fromTemplate")}
            </Button>
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
              {t("portfolio.pages.create")}
            </Button>
          </>
        }
      />
      <PortfolioTabs />
      {body()}
      {creating && <CreatePageModal onClose={() => setCreating(false)} />}
    </>
  );
}

/** Asks for a title and purpose, creates the page and opens its editor. */
function CreatePageModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const errorMessage = useErrorMessage();
  const create = useCreatePage();
  const purposes = usePurposeOptions();
  const [title, setTitle] = useState("");
  const [purpose, setPurpose] = useState<TPortfolioPurpose>("showcase");
  const [problem, setProblem] = useState<string | null>(null);

  async function handleCreate() {
    setProblem(null);
    if (!title.trim()) {
      setProblem(t("portfolio.pages.titleRequired"));
      return;
    }
    try {
      const page = await create.mutateAsync({ title: title.trim(), purpose, description: "" });
      onClose();
      await navigate(`/portfolio/pages/${page.id}/edit`);
    } catch (error) {
      setProblem(errorMessage(error));
    }
  }

  return (
    <Modal opened onClose={onClose} title={t("portfolio.pages.create")}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void handleCreate();
        }}
      >
        <Stack gap="md">
          <FormAlert message={problem} />
          <TextInput
            label={t("portfolio.fields.pageTitle")}
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            required
            data-autofocus
          />
          <Select
            label={t("portfolio.fields.purpose")}
            data={purposes}
            value={purpose}
            onChange={(v) => v && setPurpose(v as TPortfolioPurpose)}
            allowDeselect={false}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t("portfolio.pages.createAndEdit")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
