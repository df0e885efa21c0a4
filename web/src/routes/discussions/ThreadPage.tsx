import { Alert, Badge, Button, Group, SegmentedControl, Stack, Text } from "@mantine/core";
import { IconBell, IconBellOff, IconLock, IconLockOpen, IconPin, IconPinnedOff } from "@tabler/icons-react";
import { useQueryClient } from "@tanstack/react-query";
import type { TPost } from "@stoa/contracts";
import { useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { discussionKeys, markThreadRead, useFollowThread, useThread, useUpdateThread } from "../../api/discussions";
import { ErrorState } from "../../components/ErrorState";
import { ListSkeleton } from "../../components/ListSkeleton";
import { PageHeader } from "../../components/PageHeader";
import { useRoom } from "../../realtime";
import { PostCard } from "./PostCard";
import { ReplyBox } from "./ReplyBox";
import { ThreadTeacherLinks } from "./ThreadTeacherLinks";

export type ViewMode = "tree" | "flat";
const viewKey = "stoa.discussions.view";

/** The reader's choice of tree or flat-by-time, remembered in this browser. */
function useViewMode(): [ViewMode, (mode: ViewMode) => void] {
  const [mode, setMode] = useState<ViewMode>(() => (localStorage.getItem(viewKey) === "flat" ? "flat" : "tree"));
  const choose = (next: ViewMode) => {
    localStorage.setItem(viewKey, next);
    setMode(next);
  };
  return [mode, choose];
}

/** A thread: its opening post, the replies as a tree or by time, teacher tools, replying. */
export function ThreadPage() {
  const { t } = useTranslation();
  const { threadId = "" } = useParams();
  const query = useThread(threadId);
  const queryClient = useQueryClient();
  const [mode, setMode] = useViewMode();
  const update = useUpdateThread(threadId);
  const follow = useFollowThread(threadId);
  // "New since your last visit" stays marked for the whole visit, though the visit itself updates the mark.
  const seenNew = useRef(new Set<string>());
  const marked = useRef<string | null>(null);
  useRoom(query.data ? `thread:${threadId}` : null, () => void queryClient.invalidateQueries({ queryKey: discussionKeys.thread(threadId) }));

  const posts = query.data?.data.posts;
  if (posts) for (const p of posts) if (p.isNew) seenNew.current.add(p.id);
  useEffect(() => {
    if (!query.data || marked.current === threadId) return;
    marked.current = threadId;
    void markThreadRead(threadId).then(() => queryClient.invalidateQueries({ queryKey: discussionKeys.mine }));
  }, [query.data, threadId, queryClient]);

  // Scroll to a post named in the address (links from notifications and search).
  useEffect(() => {
    if (!posts || !window.location.hash) return;
    document.getElementById(window.location.hash.slice(1))?.scrollIntoView();
  }, [posts]);

  const crumbs = [{ label: t("nav.home"), to: "/" }, { label: t("discussions.pageTitle"), to: "/discussions" }];
  if (query.isPending) {
    return (
      <>
        <PageHeader title={t("discussions.loading")} breadcrumbs={crumbs} />
        <ListSkeleton rows={5} />
      </>
    );
  }
  if (query.isError) {
    return (
      <>
        <PageHeader title={t("discussions.threadCrumb")} breadcrumbs={crumbs} />
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      </>
    );
  }
  const { thread, board, following, waitingToPostFirst } = query.data.data;
  const policies = query.data.policies ?? {};
  const moderate = policies.moderate ?? false;
  const canReply = policies.reply ?? false;
  return (
    <>
      <PageHeader
        title={thread.title}
        breadcrumbs={[...crumbs, { label: board.title, to: `/discussions/boards/${board.id}` }, { label: thread.title }]}
        description={
          <Group gap="xs">
            {thread.pinned && <Badge color="orange" variant="light">{t("discussions.pinned")}</Badge>}
            {thread.locked && <Badge color="gray" variant="outline">{t("discussions.locked")}</Badge>}
            {thread.postFirst && <Badge variant="outline">{t("discussions.postFirst")}</Badge>}
            {thread.replyCount !== null && <Text size="sm">{t("discussions.replies", { count: thread.replyCount })}</Text>}
          </Group>
        }
        actions={
          <Group>
            <Button
              variant={following ? "light" : "default"}
              leftSection={following ? <IconBellOff size={16} aria-hidden /> : <IconBell size={16} aria-hidden />}
              onClick={() => follow.mutate(!following)}
              title={t("discussions.followHint")}
              aria-pressed={following}
            >
              {following ? t("discussions.following") : t("discussions.follow")}
            </Button>
            {moderate && (
              <>
                <Button variant="default" leftSection={thread.pinned ? <IconPinnedOff size={16} aria-hidden /> : <IconPin size={16} aria-hidden />} onClick={() => update.mutate({ pinned: !thread.pinned })}>
                  {thread.pinned ? t("discussions.unpin") : t("discussions.pin")}
                </Button>
                <Button variant="default" leftSection={thread.locked ? <IconLockOpen size={16} aria-hidden /> : <IconLock size={16} aria-hidden />} onClick={() => update.mutate({ locked: !thread.locked })}>
                  {thread.locked ? t("discussions.unlock") : t("discussions.lock")}
                </Button>
                <Button variant="default" onClick={() => update.mutate({ postFirst: !thread.postFirst })}>
                  {thread.postFirst ? t("discussions.postFirstOff") : t("discussions.postFirstOn")}
                </Button>
              </>
            )}
            <ThreadTeacherLinks threadId={threadId} />
          </Group>
        }
      />
      <Stack gap="md">
        {thread.locked && <Alert color="gray">{t("discussions.lockedNote")}</Alert>}
        {waitingToPostFirst && <Alert color="blue">{t("discussions.postFirstNote")}</Alert>}
        <SegmentedControl
          aria-label={t("discussions.view")}
          value={mode}
          onChange={(v) => setMode(v as ViewMode)}
          data={[
            { value: "tree", label: t("discussions.viewTree") },
            { value: "flat", label: t("discussions.viewFlat") },
          ]}
          w="fit-content"
        />
        <PostList
          posts={query.data.data.posts}
          mode={mode}
          newIds={seenNew.current}
          threadId={threadId}
          boardId={board.id}
          canReply={canReply}
          moderate={moderate}
        />
        {canReply && <ReplyBox threadId={threadId} boardId={board.id} parent={null} approvalNeeded={policies.approvalNeeded ?? false} />}
      </Stack>
    </>
  );
}

interface ListProps {
  posts: TPost[];
  mode: ViewMode;
  newIds: Set<string>;
  threadId: string;
  boardId: string;
  canReply: boolean;
  moderate: boolean;
}

/** The opening post, then the replies: nested under what they answer (tree) or oldest first (flat). */
function PostList({ posts, mode, ...rest }: ListProps) {
  const opening = posts.find((p) => p.parentId === null) ?? null;
  const children = useMemo(() => {
    const ids = new Set(posts.map((p) => p.id));
    const map = new Map<string, TPost[]>();
    for (const post of posts) {
      if (post === opening) continue;
      // A reply whose parent the reader cannot see hangs under the opening post.
      const parent = post.parentId && ids.has(post.parentId) ? post.parentId : (opening?.id ?? "");
      map.set(parent, [...(map.get(parent) ?? []), post]);
    }
    return map;
  }, [posts, opening]);
  const byId = new Map(posts.map((p) => [p.id, p]));
  const replies = posts.filter((p) => p !== opening);
  return (
    <Stack gap="sm">
      {opening && <PostCard post={opening} isNew={rest.newIds.has(opening.id)} {...rest} />}
      {mode === "flat"
        ? replies.map((post) => (
            <PostCard key={post.id} post={post} isNew={rest.newIds.has(post.id)} replyingTo={post.parentId !== opening?.id ? byId.get(post.parentId ?? "")?.author.name : undefined} {...rest} />
          ))
        : opening && <Branch parentId={opening.id} depth={1} childrenOf={children} {...rest} />}
    </Stack>
  );
}

function Branch({ parentId, depth, childrenOf, ...rest }: Omit<ListProps, "posts" | "mode"> & { parentId: string; depth: number; childrenOf: Map<string, TPost[]> }) {
  const list = childrenOf.get(parentId) ?? [];
  if (list.length === 0) return null;
  return (
    <Stack gap="sm" component="ul" style={{ listStyle: "none", margin: 0, paddingLeft: depth > 1 && depth <= 6 ? 24 : 0, borderLeft: depth > 1 ? "2px solid var(--mantine-color-default-border)" : undefined }}>
      {list.map((post) => (
        <li key={post.id}>
          <Stack gap="sm">
            <PostCard post={post} isNew={rest.newIds.has(post.id)} {...rest} />
            <Branch parentId={post.id} depth={depth + 1} childrenOf={childrenOf} {...rest} />
          </Stack>
        </li>
      ))}
    </Stack>
  );
}
