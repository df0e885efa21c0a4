import { Anchor, Button, Group, Stack } from "@mantine/core";
import { IconBriefcase } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useAddTaskSubmission } from "../../api/portfolio";
import { FormAlert } from "../../components/FormAlert";
import { useErrorMessage } from "../../components/ErrorState";
import { Success } from "./Success";

/** "Add to my portfolio" on a group task's submission: keeps a snapshot of it, as it is now, as group work. */
export function AddTaskToPortfolio({ taskId, groupId }: { taskId: string; groupId: string }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const add = useAddTaskSubmission();
  return (
    <Stack gap="xs">
      <Group>
        <Button
          variant="light"
          leftSection={<IconBriefcase size={16} aria-hidden />}
          loading={add.isPending}
          onClick={() => add.mutate({ taskId, groupId })}
        >
          {t("portfolio.fromTask.add")}
        </Button>
      </Group>
      {add.isError && <FormAlert message={errorMessage(add.error)} />}
      {add.data && (
        <Success>
          {t("portfolio.fromTask.added")}{" "}
          <Anchor component={Link} to={`/portfolio/artifacts/${add.data.id}`}>
            {t("portfolio.fromTask.open", { title: add.data.title })}
          </Anchor>
        </Success>
      )}
    </Stack>
  );
}
