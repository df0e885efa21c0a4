import { Anchor, Button, Group, Stack } from "@mantine/core";
import { IconBriefcase } from "@tabler/icons-react";
import type { TArtifact } from "@stoa/contracts";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useCurrentUser } from "../../api/me";
import { useAddBrainstormBoard, useAddDiscussionPost } from "../../api/portfolio";
import { FormAlert } from "../../components/FormAlert";
import { useErrorMessage } from "../../components/ErrorState";
import { portfolioAudience } from "./nav";
import { Success } from "./Success";

type Props = { postId: string; boardId?: undefined } | { boardId: string; postId?: undefined };

/**
 * "Add to my portfolio" on a student's own discussion post or on a brainstorm board: keeps a copy of it
 * as it is now (later changes do not alter it). Shown to students only (they keep portfolios).
 */
export function AddStoaWorkToPortfolio(props: Props) {
  const me = useCurrentUser();
  if (!portfolioAudience(me).student) return null;
  return <AddButton {...props} />;
}

function AddButton({ postId, boardId }: Props) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const fromPost = useAddDiscussionPost();
  const fromBoard = useAddBrainstormBoard();
  const add = postId ? fromPost : fromBoard;
  const keyPrefix = postId ? "portfolio.fromDiscussion" : "portfolio.fromBrainstorm";
  const added: TArtifact | undefined = add.data;
  const handleClick = () => {
    if (postId) fromPost.mutate({ postId });
    else if (boardId) fromBoard.mutate({ boardId });
  };
  return (
    <Stack gap="xs">
      <Group>
        <Button variant="light" size="sm" leftSection={<IconBriefcase size={16} aria-hidden />} loading={add.isPending} onClick={handleClick}>
          {t(`${keyPrefix}.add`)}
        </Button>
      </Group>
      {add.isError && <FormAlert message={errorMessage(add.error)} />}
      {added && (
        <Success>
          {t(`${keyPrefix}.added`)}{" "}
          <Anchor component={Link} to={`/portfolio/artifacts/${added.id}`}>
            {t("portfolio.fromTask.open", { title: added.title })}
          </Anchor>
        </Success>
      )}
    </Stack>
  );
}
