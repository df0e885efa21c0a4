import { Anchor, Badge, Button, Card, Group, Modal, Select, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { IconFolders, IconPlus } from "@tabler/icons-react";
import type { TPortfolioPurpose } from "@stoa/contracts";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { useCollections, useCreateCollection } from "../../api/portfolio";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState, useErrorMessage } from "../../components/ErrorState";
import { FormAlert } from "../../components/FormAlert";
import { ListSkeleton } from "../../components/ListSkeleton";
import { PageHeader } from "../../components/PageHeader";
import { usePurposeOptions } from "./PagesPage";
import { PortfolioTabs } from "./PortfolioTabs";

/** The student's collections: ordered sets of pages. */
export function CollectionsPage() {
  const { t } = useTranslation();
  const collections = useCollections();
  const [creating, setCreating] = useState(false);

  function body() {
    if (collections.isPending) return <ListSkeleton rows={3} cards />;
    if (collections.isError) return <ErrorState error={collections.error} onRetry={() => void collections.refetch()} />;
    if (collections.data.length === 0) {
      return (
        <EmptyState
          icon={<IconFolders aria-hidden />}
          title={t("portfolio.collections.emptyTitle")}
          description={t("portfolio.collections.emptyText")}
        />
      );
    }
    return (
      <SimpleGrid
        cols={{ base: 1, sm: 2, lg: 3 }}
        component="ul"
        p={0}
        style={{ listStyle: "none" }}
        aria-label={t("portfolio.collections.title")}
      >
        {collections.data.map((c) => (
          <li key={c.id}>
            <Card withBorder radius="md" padding="md" component="article" aria-labelledby={`collection-${c.id}`}>
              <Stack gap={6}>
                <Anchor component={Link} to={`/portfolio/collections/${c.id}`} fw={600} id={`collection-${c.id}`}>
                  {c.title}
                </Anchor>
                <Group gap={4}>
                  <Badge variant="light" tt="none">
                    {t(`portfolio.purposes.${c.purpose}`)}
                  </Badge>
                </Group>
                <Text size="sm" c="dimmed">
                  {t("portfolio.collections.pageCount", { count: c.pages.length })}
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
        title={t("portfolio.collections.title")}
        breadcrumbs={[{ label: t("portfolio.nav.student"), to: "/portfolio" }, { label: t("portfolio.collections.title") }]}
        actions={
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
            {t("portfolio.collections.create")}
          </Button>
        }
      />
      <PortfolioTabs />
      {body()}
      {creating && <CreateCollectionModal onClose={() => setCreating(false)} />}
    </>
  );
}

function CreateCollectionModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const errorMessage = useErrorMessage();
  const create = useCreateCollection();
  const purposes = usePurposeOptions();
  const [title, setTitle] = useState("");
  const [purpose, setPurpose] = useState<TPortfolioPurpose>("showcase");
  const [problem, setProblem] = useState<string | null>(null);

  async function handleCreate() {
    setProblem(null);
    if (!title.trim()) {
      setProblem(t("portfolio.collections.titleRequired"));
      return;
    }
    try {
      const c = await create.mutateAsync({ title: title.trim(), purpose, description: "", pageIds: [] });
      onClose();
      await navigate(`/portfolio/collections/${c.id}`);
    } catch (error) {
      setProblem(errorMessage(error));
    }
  }

  return (
    <Modal opened onClose={onClose} title={t("portfolio.collections.create")}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void handleCreate();
        }}
      >
        <Stack gap="md">
          <FormAlert message={problem} />
          <TextInput
            label={t("portfolio.fields.collectionTitle")}
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
              {t("portfolio.collections.create")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
