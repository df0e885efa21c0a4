import { ActionIcon, Button, Group, Select, Stack, Text } from "@mantine/core";
import { IconPlus, IconX } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";

export type Pair = [string, string];

/** Picks pairs of students (keep apart / keep together), each removable. */
export function PairPicker({
  label,
  students,
  pairs,
  onChange,
}: {
  label: string;
  students: { value: string; label: string }[];
  pairs: Pair[];
  onChange: (pairs: Pair[]) => void;
}) {
  const { t } = useTranslation();
  const [a, setA] = useState<string | null>(null);
  const [b, setB] = useState<string | null>(null);
  const nameOf = (id: string) => students.find((s) => s.value === id)?.label ?? id;
  return (
    <Stack gap="xs" component="fieldset" style={{ border: "none", padding: 0, margin: 0 }}>
      <Text component="legend" fw={500} size="sm">
        {label}
      </Text>
      {pairs.map(([x, y]) => (
        <Group key={`${x}-${y}`} gap="xs">
          <Text size="sm">
            {nameOf(x)} · {nameOf(y)}
          </Text>
          <ActionIcon
            variant="subtle"
            color="gray"
            aria-label={t("groups.create.removePair", { a: nameOf(x), b: nameOf(y) })}
            onClick={() => onChange(pairs.filter((p) => p[0] !== x || p[1] !== y))}
          >
            <IconX size={16} aria-hidden />
          </ActionIcon>
        </Group>
      ))}
      <Group align="flex-end">
        <Select label={`${label}: ${t("groups.create.first")}`} data={students} value={a} onChange={setA} searchable w={220} />
        <Select
          label={`${label}: ${t("groups.create.second")}`}
          data={students.filter((s) => s.value !== a)}
          value={b}
          onChange={setB}
          searchable
          w={220}
        />
        <Button
          variant="default"
          leftSection={<IconPlus size={16} aria-hidden />}
          disabled={!a || !b || a === b}
          onClick={() => {
            if (!a || !b) return;
            onChange([...pairs, [a, b]]);
            setA(null);
            setB(null);
          }}
        >
          {t("groups.create.addPair")}
        </Button>
      </Group>
    </Stack>
  );
}
