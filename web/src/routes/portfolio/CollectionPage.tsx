import { ActionIcon, Anchor, Badge, Button, Card, Group, Select, Stack, Text, Title, VisuallyHidden } from "@mantine/core";
import { IconArrowDown, IconArrowUp, IconGripVertical, IconPresentation, IconSend, IconShare, IconTrash } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { useCollection, useDeleteCollection, usePage, usePages, useUpdateCollection } from "../../api/portfolio";
import { ConfirmButton } from "../../components/ConfirmButton";
import { ErrorState, useErrorMessage } from "../../components/ErrorState";
import { FormAlert } from "../../components/FormAlert";
import { ListSkeleton } from "../../components/ListSkeleton";
import { PageHeader } from "../../components/PageHeader";
import { PageLoader } from "../../components/PageLoader";
import { PageView } from "./PageView";
import { Presentation } from "./Presentation";
import { SharingPanel } from "./SharingPanel";
import { SubmitModal } from "./SubmitModal";

/** Moves one item of a list to another index. */
function reorder<T>(items: T[], from: number, to: number): T[] {
  const next = [...items];
  const [moved] = next.splice(from, 1);
  next.splice(Math.max(0, Math.min(to, next.length)), 0, moved!);
  return next;
}

/** One page of a collection as a slide (loaded when shown). */
function PageSlide({ pageId }: { pageId: string }) {
  const page = usePage(pageId);
  if (page.isPending) return <ListSkeleton rows={3} />;
  if (page.isError) return <ErrorState error={page.error} onRetry={() => void page.refetch()} />;
  return <PageView page={page.data.page} headingLevel={3} />;
}

/** A collection: its pages in order (reorder by dragging or with the move buttons), present, share, submit. */
export function CollectionPage() {
  const { t } = useTranslation();
  const { collectionId = "" } = useParams();
  const navigate = useNavigate();
  const errorMessage = useErrorMessage();
  const collection = useCollection(collectionId);
  const update = useUpdateCollection(collectionId);
  const remove = useDeleteCollection();
  const myPages = usePages();
  const [panel, setPanel] = useState<"share" | "submit" | "present" | null>(null);
  const [adding, setAdding] = useState<string | null>(null);
  const [dragging, setDragging] = useState<number | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState("");

  if (collection.isPending) return <PageLoader />;
  if (collection.isError) {
    return (
      <>
        <PageHeader title={t("portfolio.collections.notFound")} />
        <ErrorState error={collection.error} onRetry={() => void collection.refetch()} />
      </>
    );
  }
  const c = collection.data;
  const pageIds = c.pages.map((p) => p.id);

  async function save(next: string[], say: string) {
    setProblem(null);
    try {
      await update.mutateAsync({ pageIds: next });
      setAnnouncement(say);
    } catch (error) {
      setProblem(errorMessage(error));
    }
  }

  const available = (myPages.data?.items ?? []).filter((p) => !pageIds.includes(p.id)).map((p) => ({ value: p.id, label: p.title }));

  return (
    <>
      <PageHeader
        title={c.title}
        breadcrumbs={[{ label: t("portfolio.collections.title"), to: "/portfolio/collections" }, { label: c.title }]}
        description={
          <Badge variant="light" tt="none">
            {t(`portfolio.purposes.${c.purpose}`)}
          </Badge>
        }
        actions={
          <>
            <Button
              variant="default"
              leftSection={<IconPresentation size={16} aria-hidden />}
              onClick={() => setPanel("present")}
              disabled={c.pages.length === 0}
            >
              {t("portfolio.page.present")}
            </Button>
            {c.isOwner && (
              <Button leftSection={<IconShare size={16} aria-hidden />} onClick={() => setPanel("share")}>
                {t("portfolio.page.share")}
              </Button>
            )}
          </>
        }
      />
      <div role="status" aria-live="polite">
        <VisuallyHidden>{announcement}</VisuallyHidden>
      </div>
      <FormAlert message={problem} />
      <Stack gap="md">
        <Title order={2} fz="h3">
          {t("portfolio.collections.pages")}
        </Title>
        {c.pages.length === 0 && <Text c="dimmed">{t("portfolio.collections.noPages")}</Text>}
        <Stack gap="xs" component="ol" p={0} style={{ listStyle: "none" }}>
          {c.pages.map((p, i) => (
            <Card
              key={p.id}
              component="li"
              withBorder
              radius="md"
              padding="sm"
              draggable={c.isOwner}
              onDragStart={() => setDragging(i)}
              onDragOver={(e) => e.preventDefault()}
              onDrop={(e) => {
                e.preventDefault();
                if (dragging !== null && dragging !== i)
                  void save(reorder(pageIds, dragging, i), t("portfolio.editor.movedNamed", { name: c.pages[dragging]!.title }));
                setDragging(null);
              }}
            >
              <Group justify="space-between" wrap="nowrap">
                <Group gap="xs" wrap="nowrap">
                  {c.isOwner && <IconGripVertical size={18} aria-hidden style={{ cursor: "grab" }} />}
                  <Text c="dimmed" aria-hidden>
                    {i + 1}.
                  </Text>
                  <Anchor component={Link} to={`/portfolio/pages/${p.id}`} fw={600}>
                    {p.title}
                  </Anchor>
                </Group>
                {c.isOwner && (
                  <Group gap={4} wrap="nowrap">
                    <ActionIcon
                      variant="default"
                      size="lg"
                      aria-label={t("portfolio.editor.moveUp", { name: p.title })}
                      disabled={i === 0 || update.isPending}
                      onClick={() => void save(reorder(pageIds, i, i - 1), t("portfolio.editor.movedNamed", { name: p.title }))}
                    >
                      <IconArrowUp size={18} aria-hidden />
                    </ActionIcon>
                    <ActionIcon
                      variant="default"
                      size="lg"
                      aria-label={t("portfolio.editor.moveDown", { name: p.title })}
                      disabled={i === c.pages.length - 1 || update.isPending}
                      onClick={() => void save(reorder(pageIds, i, i + 1), t("portfolio.editor.movedNamed", { name: p.title }))}
                    >
                      <IconArrowDown size={18} aria-hidden />
                    </ActionIcon>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      size="lg"
                      aria-label={t("portfolio.collections.removePage", { name: p.title })}
                      onClick={() =>
                        void save(
                          pageIds.filter((id) => id !== p.id),
                          t("portfolio.editor.removed", { name: p.title }),
                        )
                      }
                    >
                      <IconTrash size={18} aria-hidden />
                    </ActionIcon>
                  </Group>
                )}
              </Group>
            </Card>
          ))}
        </Stack>
        {c.isOwner && (
          <Group align="flex-end">
            <Select
              label={t("portfolio.collections.addPage")}
              data={available}
              value={adding}
              onChange={setAdding}
              placeholder={available.length ? t("portfolio.editor.pickOne") : t("portfolio.collections.noMorePages")}
              disabled={available.length === 0}
              w={{ base: "100%", sm: 320 }}
            />
            <Button
              disabled={!adding}
              onClick={() => {
                if (adding) void save([...pageIds, adding], t("portfolio.editor.added"));
                setAdding(null);
              }}
            >
              {t("portfolio.collections.add")}
            </Button>
          </Group>
        )}
        {c.isOwner && (
          <Group mt="md">
            <Button
              variant="light"
              leftSection={<IconSend size={16} aria-hidden />}
              onClick={() => setPanel("submit")}
              disabled={c.pages.length === 0}
            >
              {t("portfolio.page.submit")}
            </Button>
            <ConfirmButton
              label={t("portfolio.collections.delete")}
              title={t("portfolio.collections.deleteTitle")}
              message={t("portfolio.collections.deleteText")}
              size="sm"
              onConfirm={async () => {
                await remove.mutateAsync(c.id);
                await navigate("/portfolio/collections");
              }}
            />
          </Group>
        )}
      </Stack>
      <Presentation
        opened={panel === "present"}
        onClose={() => setPanel(null)}
        title={c.title}
        slides={c.pages.map((p) => ({ key: p.id, title: p.title, content: <PageSlide pageId={p.id} /> }))}
      />
      {c.isOwner && <SharingPanel type="collection" id={c.id} title={c.title} opened={panel === "share"} onClose={() => setPanel(null)} />}
      {c.isOwner && panel === "submit" && (
        <SubmitModal
          subject={{ collectionId: c.id }}
          purpose={c.purpose}
          makeAssessment={() => update.mutateAsync({ purpose: "assessment" })}
          onClose={() => setPanel(null)}
        />
      )}
    </>
  );
}
