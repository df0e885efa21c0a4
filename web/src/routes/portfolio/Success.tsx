import { Group, Text } from "@mantine/core";
import { IconCircleCheck } from "@tabler/icons-react";
import type { ReactNode } from "react";

/** A done message, announced politely; the icon is green, the words keep the body colour for contrast. */
export function Success({ children }: { children: ReactNode }) {
  return (
    <Group gap={6} wrap="nowrap" role="status">
      <IconCircleCheck size={18} color="var(--mantine-color-green-filled)" aria-hidden style={{ flex: "none" }} />
      <Text size="sm">{children}</Text>
    </Group>
  );
}
