import type {
  TBrainstormBoardSummary,
  TBrainstormCard,
  TBrainstormCardPublic,
  TBrainstormCluster,
  TBrainstormColumn,
} from "@stoa/contracts";
import type { BoardRow, CardWithVotes, ClusterRow, ColumnRow } from "./brainstorm.repository.js";

/** A board row as a list item. */
export function presentBoardSummary(board: BoardRow, groupName: string | null, cardCount: number): TBrainstormBoardSummary {
  return {
    id: board.id,
    classId: board.classId,
    groupId: board.groupId,
    groupName,
    title: board.title,
    layout: board.layout,
    anonymous: board.anonymous,
    revealNames: board.revealNames,
    frozen: board.frozen,
    votesPerPerson: board.votesPerPerson,
    cardCount,
    createdAt: board.createdAt.toISOString(),
  };
}

export const presentColumn = (c: ColumnRow): TBrainstormColumn => ({ id: c.id, title: c.title, position: c.position });
export const presentCluster = (c: ClusterRow): TBrainstormCluster => ({ id: c.id, label: c.label });

/**
 * A card as everyone in the room may see it (event payloads): the author only when `showAuthor`
 * (names public on the board). Never the voters.
 */
export function presentPublicCard(row: Pick<CardWithVotes, "card" | "authorName" | "votes">, showAuthor: boolean): TBrainstormCardPublic {
  const { card } = row;
  return {
    id: card.id,
    text: card.text,
    colour: card.colour,
    x: card.x,
    y: card.y,
    columnId: card.columnId,
    position: card.position,
    clusterId: card.clusterId,
    votes: row.votes,
    version: card.version,
    moveSeq: card.moveSeq,
    author: showAuthor ? { id: card.authorId, name: row.authorName } : null,
  };
}

/** A card as one viewer sees it: the author when they may see authors (always their own card's). */
export function presentCard(row: CardWithVotes, viewerId: string, seesAuthors: boolean): TBrainstormCard {
  const mine = row.card.authorId === viewerId;
  return { ...presentPublicCard(row, seesAuthors || mine), mine, myVote: row.myVote };
}
