import { SimpleGrid, Text } from "@mantine/core";
import type { ReactNode } from "react";

export interface Detail {
  label: string;
  value: ReactNode;
}

/** Label/value pairs as a description list, two columns on wider screens. */
export function Details({ items }: { items: Detail[] }) {
  return (
    <SimpleGrid component="dl" cols={{ base: 1, sm: 2, lg: 3 }} spacing="md" verticalSpacing="sm" m={0}>
      {items.map((item) => (
        <div key={item.label}>
          <Text component="dt" size="sm" c="dimmed" fw={600}>
            {item.label}
          </Text>
          <Text component="dd" m={0} style={{ overflowWrap: "anywhere" }}>
            {item.value === "" || item.value === null || item.value === undefined ? "—" : item.value}
          </Text>
        </div>
      ))}
    </SimpleGrid>
  );
}
