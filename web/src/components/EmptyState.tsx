import { EmptyState as MantineEmptyState } from "@mantine/core";
import type { ReactNode } from "react";

interface Props {
  icon: ReactNode;
  title: string;
  /** What to do next. */
  description: string;
  action?: ReactNode;
}

/** An empty list: says so plainly and what to do next. */
export function EmptyState({ icon, title, description, action }: Props) {
  return (
    <MantineEmptyState icon={icon} title={title} description={description} variant="light" py="xl" role="status">
      {action && <MantineEmptyState.Actions>{action}</MantineEmptyState.Actions>}
    </MantineEmptyState>
  );
}
