import { Anchor, Badge, Card, Group, Stack, Text } from "@mantine/core";
import type { TModeratedPost } from "@stoa/contracts";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { RichTextView } from "../../components/RichTextView";
import { formatDateTime } from "../../lib/format";

/** A post as the teacher pages show it: where it is, who wrote it and when, its text, then the actions. */
export function ModeratedPostCard({ post, children, actions }: { post: TModeratedPost; children?: ReactNode; actions?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Card withBorder radius="md" padding="md" component="article" aria-label={t("discussionModeration.by", { name: post.author.name })}>
      <Stack gap="xs">
        <Anchor
          component={Link}
          to={`/discussions/threads/${post.threadId}#post-${post.id}`}
          size="sm"
          aria-label={t("discussionModeration.openThread", { thread: post.threadTitle })}
        >
          {t("discussionModeration.inThread", { className: post.className, board: post.boardTitle, thread: post.threadTitle })}
        </Anchor>
        <Group gap="xs">
          <Text fw={600}>{post.author.name}</Text>
          <Text size="sm" c="dimmed">
            <time dateTime={post.createdAt}>{formatDateTime(post.createdAt)}</time>
          </Text>
          {post.hidden && (
            <Badge color="red" variant="light">
              {t("discussionModeration.reports.alreadyHidden", { reason: post.hidden.reason })}
            </Badge>
          )}
        </Group>
        {post.deleted ? (
          <Text size="sm" fs="italic">
            {t("discussionModeration.reports.deleted")}
          </Text>
        ) : (
          <RichTextView html={post.body} />
        )}
        {children}
        {actions && <Group gap="sm">{actions}</Group>}
      </Stack>
    </Card>
  );
}
