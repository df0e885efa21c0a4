import { Badge, Button, Card, Group, Stack, Text, Title } from "@mantine/core";
import type { TPortfolioComment } from "@stoa/contracts";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useComments, useCreateComment, useModerateComment } from "../../api/portfolio-feedback";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState, useErrorMessage } from "../../components/ErrorState";
import { FormAlert } from "../../components/FormAlert";
import { ListSkeleton } from "../../components/ListSkeleton";
import { RichTextEditor } from "../../components/RichTextEditor";
import { RichTextView } from "../../components/RichTextView";
import { formatDateTime } from "../../lib/format";
import { IconMessageCircle } from "@tabler/icons-react";

type Target = { type: "page" | "artifact"; id: string };

/** Writes a comment or a reply; clears itself when posted. */
interface FormProps {
  target: Target;
  parentId?: string;
  label: string;
  onDone?: () => void;
}

function CommentForm({ target, parentId, label, onDone }: FormProps) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const create = useCreateComment(target.type, target.id);
  const [body, setBody] = useState("");
  const [problem, setProblem] = useState<string | null>(null);

  async function handlePost() {
    setProblem(null);
    if (!body.trim()) {
      setProblem(t("portfolio.comments.empty"));
      return;
    }
    try {
      await create.mutateAsync({ body, parentId });
      setBody("");
      onDone?.();
    } catch (error) {
      setProblem(errorMessage(error));
    }
  }

  return (
    <Stack gap="xs">
      <RichTextEditor label={label} value={body} onChange={setBody} minHeight={80} />
      <FormAlert message={problem} />
      <Group gap="xs">
        <Button onClick={() => void handlePost()} loading={create.isPending} size="sm">
          {parentId ? t("portfolio.comments.postReply") : t("portfolio.comments.post")}
        </Button>
        {onDone && (
          <Button variant="default" size="sm" onClick={onDone}>
            {t("common.cancel")}
          </Button>
        )}
      </Group>
    </Stack>
  );
}

interface ItemProps {
  comment: TPortfolioComment;
  replies: TPortfolioComment[];
  target: Target;
  canComment: boolean;
  canModerate: boolean;
  questions?: string[];
}

function CommentItem({ comment, replies, target, canComment, canModerate, questions }: ItemProps) {
  const { t } = useTranslation();
  const moderate = useModerateComment(target.type, target.id);
  const [replying, setReplying] = useState(false);
  const question = comment.questionIndex !== null ? questions?.[comment.questionIndex] : undefined;
  return (
    <Card withBorder radius="md" padding="sm" component="article" aria-label={t("portfolio.comments.by", { name: comment.author.name })}>
      <Stack gap={6}>
        <Group gap="xs" justify="space-between">
          <Text fw={600} size="sm">
            {comment.author.name}
          </Text>
          <Group gap={4}>
            {comment.resolved && (
              <Badge color="green" variant="light" tt="none">
                {t("portfolio.comments.resolved")}
              </Badge>
            )}
            {comment.hidden && (
              <Badge color="gray" variant="light" tt="none">
                {t("portfolio.comments.hidden")}
              </Badge>
            )}
            <Text size="xs" c="dimmed">
              {formatDateTime(comment.createdAt)}
            </Text>
          </Group>
        </Group>
        {question && (
          <Text size="sm" c="dimmed">
            {t("portfolio.comments.answers", { question })}
          </Text>
        )}
        {comment.body ? <RichTextView html={comment.body} /> : <Text c="dimmed">{t("portfolio.comments.hiddenText")}</Text>}
        <Group gap="xs">
          {canComment && !replying && (
            <Button variant="subtle" size="xs" onClick={() => setReplying(true)}>
              {t("portfolio.comments.reply")}
            </Button>
          )}
          {canModerate && (
            <>
              <Button
                variant="subtle"
                size="xs"
                loading={moderate.isPending}
                onClick={() => moderate.mutate({ commentId: comment.id, resolved: !comment.resolved })}
              >
                {comment.resolved ? t("portfolio.comments.reopen") : t("portfolio.comments.resolve")}
              </Button>
              <Button
                variant="subtle"
                size="xs"
                color="gray"
                loading={moderate.isPending}
                onClick={() => moderate.mutate({ commentId: comment.id, hidden: !comment.hidden })}
              >
                {comment.hidden ? t("portfolio.comments.show") : t("portfolio.comments.hide")}
              </Button>
            </>
          )}
        </Group>
        {replying && (
          <CommentForm
            target={target}
            parentId={comment.id}
            label={t("portfolio.comments.replyLabel", { name: comment.author.name })}
            onDone={() => setReplying(false)}
          />
        )}
        {replies.length > 0 && (
          <Stack gap="xs" pl="md" style={{ borderLeft: "3px solid var(--mantine-color-default-border)" }}>
            {replies.map((r) => (
              <CommentItem
                key={r.id}
                comment={r}
                replies={[]}
                target={target}
                canComment={false}
                canModerate={canModerate}
                questions={questions}
              />
            ))}
          </Stack>
        )}
      </Stack>
    </Card>
  );
}

/** The feedback thread on a page or an artifact: comments, replies, and the owner's resolve and hide. */
export function Comments({ type, id, questions }: { type: "page" | "artifact"; id: string; questions?: string[] }) {
  const { t } = useTranslation();
  const comments = useComments(type, id);
  const target = { type, id };

  function body() {
    if (comments.isPending) return <ListSkeleton rows={2} />;
    if (comments.isError) return <ErrorState error={comments.error} onRetry={() => void comments.refetch()} />;
    const { items, canComment, canModerate } = comments.data;
    // Replies hang under their root; a reply to a reply joins the same root thread.
    const byId = new Map(items.map((c) => [c.id, c]));
    const rootOf = (c: TPortfolioComment): string => {
      let at = c;
      while (at.parentId && byId.has(at.parentId)) at = byId.get(at.parentId)!;
      return at.id;
    };
    const roots = items.filter((c) => !c.parentId || !byId.has(c.parentId));
    return (
      <Stack gap="sm">
        {roots.length === 0 ? (
          <EmptyState
            icon={<IconMessageCircle aria-hidden />}
            title={t("portfolio.comments.emptyTitle")}
            description={canComment ? t("portfolio.comments.emptyText") : t("portfolio.comments.emptyReadOnly")}
          />
        ) : (
          roots.map((root) => (
            <CommentItem
              key={root.id}
              comment={root}
              replies={items.filter((c) => c.id !== root.id && rootOf(c) === root.id)}
              target={target}
              canComment={canComment}
              canModerate={canModerate}
              questions={questions}
            />
          ))
        )}
        {canComment && <CommentForm target={target} label={t("portfolio.comments.new")} />}
      </Stack>
    );
  }

  return (
    <Stack gap="sm" component="section" aria-labelledby={`comments-${id}`}>
      <Title order={2} fz="h3" id={`comments-${id}`}>
        {t("portfolio.comments.title")}
      </Title>
      {body()}
    </Stack>
  );
}
