import { useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import {
  ZBrainstormEventPayload,
  type TBrainstormBoard,
  type TBrainstormBoardCreate,
  type TBrainstormBoardSummary,
  type TBrainstormBoardUpdate,
  type TBrainstormCard,
  type TBrainstormCardCreate,
  type TBrainstormCardMove,
  type TBrainstormCardUpdate,
  type TBrainstormCluster,
  type TBrainstormColumn,
  type TBrainstormColumnUpdate,
  type TBrainstormConversion,
  type TBrainstormToTask,
  type TBrainstormToThread,
  type TBrainstormVoteResult,
  type TRealtimeEvent,
} from "@stoa/contracts";
import { api, request } from "./client";

/** Query keys of brainstorm boards. */
export const brainstormKeys = {
  all: ["brainstorm"] as const,
  ofClass: (classId: string) => ["brainstorm", "class", classId] as const,
  ofGroup: (groupId: string) => ["brainstorm", "group", groupId] as const,
  board: (boardId: string) => ["brainstorm", "board", boardId] as const,
};

/** A class's boards (students: class boards and their own groups'), with `policies.create`. */
export function useClassBrainstormBoards(classId: string) {
  return useQuery({
    queryKey: brainstormKeys.ofClass(classId),
    queryFn: ({ signal }) => api.get<TBrainstormBoardSummary[]>(`/classes/${classId}/brainstorm-boards`, undefined, signal),
  });
}

/** A group's boards, with `policies.create`. */
export function useGroupBrainstormBoards(groupId: string) {
  return useQuery({
    queryKey: brainstormKeys.ofGroup(groupId),
    queryFn: ({ signal }) => api.get<TBrainstormBoardSummary[]>(`/groups/${groupId}/brainstorm-boards`, undefined, signal),
  });
}

/** One board as the viewer sees it. Live updates arrive through `applyBrainstormEvent`. */
export function useBrainstormBoard(boardId: string) {
  return useQuery({
    queryKey: brainstormKeys.board(boardId),
    queryFn: async ({ signal }) => (await api.get<TBrainstormBoard>(`/brainstorm-boards/${boardId}`, undefined, signal)).data,
  });
}

/** Starts a board. */
export function useCreateBrainstormBoard() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: TBrainstormBoardCreate) => (await api.post<TBrainstormBoard>("/brainstorm-boards", body)).data,
    onSuccess: () => client.invalidateQueries({ queryKey: brainstormKeys.all }),
  });
}

type Updater = (board: TBrainstormBoard) => TBrainstormBoard;

/** Changes the cached board in place (no refetch): for live events and answers. */
export function patchBoard(client: QueryClient, boardId: string, update: Updater) {
  client.setQueryData<TBrainstormBoard>(brainstormKeys.board(boardId), (old) => (old ? update(old) : old));
}

/** Puts a card as the viewer sees it into the cached board (replacing one with the same id). */
const upsertCard =
  (card: TBrainstormCard): Updater =>
  (b) => {
    const exists = b.cards.some((c) => c.id === card.id);
    return { ...b, cards: exists ? b.cards.map((c) => (c.id === card.id ? card : c)) : [...b.cards, card] };
  };

/** Every change to one board; answers update the cache at once, failures refetch. */
export function useBrainstormActions(boardId: string) {
  const client = useQueryClient();
  const base = `/brainstorm-boards/${boardId}`;
  const refetch = () => client.invalidateQueries({ queryKey: brainstormKeys.board(boardId) });
  const patch = (update: Updater) => patchBoard(client, boardId, update);
  return {
    update: useMutation({
      mutationFn: async (body: TBrainstormBoardUpdate) => (await api.patch<TBrainstormBoard>(base, body)).data,
      onSuccess: (board) => {
        client.setQueryData(brainstormKeys.board(boardId), board);
        void client.invalidateQueries({ queryKey: ["brainstorm", "class"] });
      },
    }),
    archive: useMutation({
      mutationFn: async () => {
        await api.del(base);
      },
      onSuccess: () => client.invalidateQueries({ queryKey: brainstormKeys.all }),
    }),
    addColumn: useMutation({
      mutationFn: async (title: string) => (await api.post<TBrainstormColumn[]>(`${base}/columns`, { title })).data,
      onSuccess: (columns) => patch((b) => ({ ...b, columns })),
    }),
    updateColumn: useMutation({
      mutationFn: async ({ columnId, ...body }: TBrainstormColumnUpdate & { columnId: string }) =>
        (await api.patch<TBrainstormColumn[]>(`${base}/columns/${columnId}`, body)).data,
      onSuccess: (columns) => patch((b) => ({ ...b, columns })),
    }),
    deleteColumn: useMutation({
      mutationFn: async (columnId: string) => (await api.del<TBrainstormColumn[]>(`${base}/columns/${columnId}`)).data,
      onSettled: refetch,
    }),
    addCluster: useMutation({
      mutationFn: async (label: string) => (await api.post<TBrainstormCluster[]>(`${base}/clusters`, { label })).data,
      onSuccess: (clusters) => patch((b) => ({ ...b, clusters })),
    }),
    renameCluster: useMutation({
      mutationFn: async ({ clusterId, label }: { clusterId: string; label: string }) =>
        (await api.patch<TBrainstormCluster[]>(`${base}/clusters/${clusterId}`, { label })).data,
      onSuccess: (clusters) => patch((b) => ({ ...b, clusters })),
    }),
    deleteCluster: useMutation({
      mutationFn: async (clusterId: string) => (await api.del<TBrainstormCluster[]>(`${base}/clusters/${clusterId}`)).data,
      onSettled: refetch,
    }),
    createCard: useMutation({
      mutationFn: async (body: TBrainstormCardCreate) => (await api.post<TBrainstormCard>(`${base}/cards`, body)).data,
      onSuccess: (card) => patch(upsertCard(card)),
    }),
    updateCard: useMutation({
      mutationFn: async ({ cardId, ...body }: TBrainstormCardUpdate & { cardId: string }) =>
        (await api.patch<TBrainstormCard>(`${base}/cards/${cardId}`, body)).data,
      onSuccess: (card) => patch(upsertCard(card)),
      onError: refetch,
    }),
    moveCard: useMutation({
      mutationFn: async ({ cardId, ...body }: TBrainstormCardMove & { cardId: string }) =>
        (await api.post<TBrainstormCard>(`${base}/cards/${cardId}/move`, body)).data,
      onSuccess: (card) => patch(upsertCard(card)),
      // A column move shifts other cards: take the server's order.
      onSettled: (_card, _error, variables) => (variables.columnId ? refetch() : undefined),
    }),
    deleteCard: useMutation({
      mutationFn: async (cardId: string) => {
        await api.del(`${base}/cards/${cardId}`);
      },
      onSettled: refetch,
    }),
    vote: useMutation({
      mutationFn: async ({ cardId, vote }: { cardId: string; vote: boolean }) =>
        (await request<TBrainstormVoteResult>(vote ? "PUT" : "DELETE", `${base}/cards/${cardId}/vote`)).data,
      onSuccess: (r) =>
        patch((b) => ({
          ...b,
          cards: b.cards.map((c) => (c.id === r.cardId ? { ...c, votes: r.votes, myVote: r.myVote } : c)),
          viewer: { ...b.viewer, votesLeft: r.votesLeft, votesUsed: b.votesPerPerson - r.votesLeft },
        })),
      onError: refetch,
    }),
    toThread: useMutation({
      mutationFn: async (body: TBrainstormToThread) => (await api.post<TBrainstormConversion>(`${base}/convert/thread`, body)).data,
    }),
    toTask: useMutation({
      mutationFn: async (body: TBrainstormToTask) => (await api.post<TBrainstormConversion>(`${base}/convert/task`, body)).data,
    }),
  };
}

/** Applies card ids in order to their positions (and columns). */
function applyOrder(cards: TBrainstormCard[], order: Record<string, string[]> | undefined): TBrainstormCard[] {
  if (!order) return cards;
  const place = new Map<string, { columnId: string; position: number }>();
  for (const [columnId, ids] of Object.entries(order)) ids.forEach((id, position) => place.set(id, { columnId, position }));
  return cards.map((c) => {
    const p = place.get(c.id);
    return p ? { ...c, ...p } : c;
  });
}

/**
 * Applies a live event of the board's room to the cached board: smooth moves without a refetch.
 * Returns true when the cache cannot be brought up to date from the payload alone (refetch).
 */
export function applyBrainstormEvent(client: QueryClient, boardId: string, event: TRealtimeEvent): boolean {
  const parsed = ZBrainstormEventPayload.safeParse(event.payload);
  if (!parsed.success || parsed.data.boardId !== boardId) return false;
  const p = parsed.data;
  const board = client.getQueryData<TBrainstormBoard>(brainstormKeys.board(boardId));
  if (!board) return true;
  let needsRefetch = false;
  patchBoard(client, boardId, (b) => {
    switch (event.event) {
      case "brainstorm.card_created":
      case "brainstorm.card_updated":
      case "brainstorm.card_moved": {
        if (!p.card) return b;
        const incoming = p.card;
        const old = b.cards.find((c) => c.id === incoming.id);
        // Keep what only this viewer knows (mine, my vote, an author the payload leaves out); ignore an older move.
        if (old && event.event === "brainstorm.card_moved" && incoming.moveSeq < old.moveSeq) return b;
        const merged: TBrainstormCard = {
          ...incoming,
          author: incoming.author ?? old?.author ?? null,
          mine: old?.mine ?? false,
          myVote: old?.myVote ?? false,
        };
        // Staff see authors the payload leaves out: fetch them.
        if (!old && !incoming.author && b.viewer.staff) needsRefetch = true;
        const cards = old ? b.cards.map((c) => (c.id === merged.id ? merged : c)) : [...b.cards, merged];
        return { ...b, cards: applyOrder(cards, p.order) };
      }
      case "brainstorm.card_deleted":
        return {
          ...b,
          cards: applyOrder(
            b.cards.filter((c) => c.id !== p.cardId),
            p.order,
          ),
        };
      case "brainstorm.votes_changed":
        return { ...b, cards: b.cards.map((c) => (c.id === p.cardId && p.votes !== undefined ? { ...c, votes: p.votes } : c)) };
      case "brainstorm.columns_changed":
        return p.columns ? { ...b, columns: p.columns } : b;
      case "brainstorm.clusters_changed": {
        if (!p.clusters) return b;
        const ids = new Set(p.clusters.map((c) => c.id));
        return {
          ...b,
          clusters: p.clusters,
          cards: b.cards.map((c) => (c.clusterId && !ids.has(c.clusterId) ? { ...c, clusterId: null } : c)),
        };
      }
      default:
        // Settings changed (freeze, names, votes) or the board went: what the viewer may do changes too.
        needsRefetch = true;
        return b;
    }
  });
  return needsRefetch;
}
