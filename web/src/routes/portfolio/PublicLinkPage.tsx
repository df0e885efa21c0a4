import { Anchor, Button, Container, Group, Stack, Text, Title } from "@mantine/core";
import { IconLinkOff, IconPresentation } from "@tabler/icons-react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams, useSearchParams } from "react-router";
import { ApiError } from "../../api/client";
import { usePublicLink } from "../../api/portfolio";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState } from "../../components/ErrorState";
import { ListSkeleton } from "../../components/ListSkeleton";
import { pageSlides, PageView } from "./PageView";
import { Presentation } from "./Presentation";

/** The one page every wrong, revoked or expired link shows: it never says which of the three it was. */
function LinkDoesNotWork() {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${t("portfolio.public.brokenTitle")} · ${t("app.name")}`;
  }, [t]);
  return (
    <Stack gap="md">
      <Title order={1}>{t("portfolio.public.brokenTitle")}</Title>
      <EmptyState
        icon={<IconLinkOff aria-hidden />}
        title={t("portfolio.public.brokenTitle")}
        description={t("portfolio.public.brokenText")}
      />
    </Stack>
  );
}

/** A secret link's view: no sign-in, read-only, only what the owner placed on the shared page or collection. */
export function PublicLinkPage() {
  const { t } = useTranslation();
  const { token = "" } = useParams();
  const [params, setParams] = useSearchParams();
  const pageId = params.get("page");
  const view = usePublicLink(token, pageId);
  const [presenting, setPresenting] = useState(false);
  const page = view.data?.page ?? null;
  const heading = view.data?.collection?.title ?? page?.title ?? "";

  useEffect(() => {
    if (heading) document.title = `${heading} · ${t("app.name")}`;
  }, [heading, t]);

  function body() {
    if (view.isPending) return <ListSkeleton rows={6} />;
    if (view.isError) {
      const broken =
        view.error instanceof ApiError && (view.error.status === 404 || view.error.status === 410 || view.error.status === 400);
      return broken ? <LinkDoesNotWork /> : <ErrorState error={view.error} onRetry={() => void view.refetch()} />;
    }
    const data = view.data;
    const collection = data.collection;
    return (
      <Stack gap="lg">
        <Stack gap={4}>
          <Title order={1}>{heading}</Title>
          <Text c="dimmed">{t("portfolio.public.by", { name: data.owner.name })}</Text>
        </Stack>
        {collection && data.pages.length > 1 && (
          <nav aria-label={t("portfolio.public.pagesNav")}>
            <Group gap="xs">
              {data.pages.map((p, i) => {
                const current = page?.id === p.id;
                return (
                  <Button
                    key={p.id}
                    size="sm"
                    variant={current ? "filled" : "default"}
                    aria-current={current ? "page" : undefined}
                    onClick={() => setParams(i === 0 ? {} : { page: p.id })}
                  >
                    {p.title}
                  </Button>
                );
              })}
            </Group>
          </nav>
        )}
        {page && (
          <>
            {collection && <Title order={2}>{page.title}</Title>}
            <Group>
              <Button variant="default" leftSection={<IconPresentation size={16} aria-hidden />} onClick={() => setPresenting(true)}>
                {t("portfolio.page.present")}
              </Button>
            </Group>
            <PageView page={page} headingLevel={collection ? 3 : 2} />
            <Presentation
              opened={presenting}
              onClose={() => setPresenting(false)}
              title={page.title}
              slides={pageSlides(page, (n) => t("portfolio.present.part", { n }))}
            />
          </>
        )}
      </Stack>
    );
  }

  return (
    <>
      <header style={{ borderBottom: "1px solid var(--mantine-color-default-border)" }}>
        <Container size="lg" py="sm">
          <Group justify="space-between">
            <Text fw={800} size="lg" c="var(--mantine-primary-color-light-color)">
              {t("app.name")}
            </Text>
            <Anchor component={Link} to="/sign-in" size="sm">
              {t("portfolio.public.signIn")}
            </Anchor>
          </Group>
        </Container>
      </header>
      <Container size="lg" py="xl" component="main">
        {body()}
      </Container>
    </>
  );
}
