import { Code, Group, Table, Text, TextInput } from "@mantine/core";
import { useDebouncedCallback } from "@mantine/hooks";
import { IconClipboardList } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useAudit } from "../../api/audit";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState } from "../../components/ErrorState";
import { ListSkeleton } from "../../components/ListSkeleton";
import { PageHeader } from "../../components/PageHeader";
import { Pager } from "../../components/Pager";
import { PersonPicker } from "../../components/PersonPicker";
import { endOfDayIso, formatDateTime, startOfDayIso } from "../../lib/format";
import { useSearchState } from "../../lib/useSearchState";

const filterNames = ["action", "targetType", "actorId", "from", "to"] as const;
const pageSize = 50;

/** A filter box that updates the URL a moment after typing stops. */
function DebouncedFilter({
  label,
  value,
  onChange,
  placeholder,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  placeholder?: string;
}) {
  const [text, setText] = useState(value);
  const push = useDebouncedCallback((v: string) => onChange(v.trim()), 300);
  return (
    <TextInput
      label={label}
      placeholder={placeholder}
      value={text}
      onChange={(e) => {
        setText(e.currentTarget.value);
        push(e.currentTarget.value);
      }}
      w={{ base: "100%", xs: 200 }}
    />
  );
}

/** Who did what, when: the district's audit log with filters (district admins). */
export function AuditPage() {
  const { t } = useTranslation();
  const { values, page, setFilter, setPage } = useSearchState(filterNames);
  const audit = useAudit({
    action: values.action || undefined,
    targetType: values.targetType || undefined,
    actorId: values.actorId || undefined,
    from: values.from ? startOfDayIso(values.from) : undefined,
    to: values.to ? endOfDayIso(values.to) : undefined,
    page,
    pageSize,
  });
  const filtered = Object.values(values).some(Boolean);

  function body() {
    if (audit.isPending) return <ListSkeleton rows={10} />;
    if (audit.isError) return <ErrorState error={audit.error} onRetry={() => void audit.refetch()} />;
    const { items, total } = audit.data;
    if (total === 0) {
      return (
        <EmptyState
          icon={<IconClipboardList aria-hidden />}
          title={filtered ? t("audit.noMatchTitle") : t("audit.emptyTitle")}
          description={filtered ? t("common.noMatchText") : t("audit.emptyText")}
        />
      );
    }
    return (
      <>
        <Table.ScrollContainer minWidth={860}>
          <Table striped verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("audit.when")}</Table.Th>
                <Table.Th scope="col">{t("audit.actor")}</Table.Th>
                <Table.Th scope="col">{t("audit.action")}</Table.Th>
                <Table.Th scope="col">{t("audit.target")}</Table.Th>
                <Table.Th scope="col">{t("audit.details")}</Table.Th>
                <Table.Th scope="col">{t("audit.ip")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((entry) => (
                <Table.Tr key={entry.id}>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDateTime(entry.at)}</Table.Td>
                  <Table.Td>{entry.actor?.name ?? t("audit.system")}</Table.Td>
                  <Table.Td>
                    <Code>{entry.action}</Code>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{entry.targetType}</Text>
                    {entry.targetId && (
                      <Text size="xs" c="dimmed" style={{ overflowWrap: "anywhere" }}>
                        {entry.targetId}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td maw={320}>
                    {entry.details ? (
                      <Code
                        block
                        style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere", maxHeight: 120, overflow: "auto" }}
                        tabIndex={0}
                      >
                        {JSON.stringify(entry.details, null, 1)}
                      </Code>
                    ) : (
                      "—"
                    )}
                  </Table.Td>
                  <Table.Td>{entry.ip ?? "—"}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Pager page={page} pageSize={pageSize} total={total} onChange={setPage} />
      </>
    );
  }

  return (
    <>
      <PageHeader
        title={t("nav.audit")}
        breadcrumbs={[{ label: t("nav.home"), to: "/" }, { label: t("nav.audit") }]}
        description={t("audit.intro")}
      />
      <Group mb="md" gap="sm" align="flex-end">
        <DebouncedFilter
          label={t("audit.action")}
          value={values.action}
          onChange={(v) => setFilter("action", v)}
          placeholder={t("audit.actionPlaceholder")}
        />
        <DebouncedFilter
          label={t("audit.targetType")}
          value={values.targetType}
          onChange={(v) => setFilter("targetType", v)}
          placeholder={t("audit.targetTypePlaceholder")}
        />
        <div style={{ flex: "1 1 220px" }}>
          <PersonPicker label={t("audit.actor")} value={values.actorId || null} onChange={(id) => setFilter("actorId", id)} />
        </div>
        <TextInput
          type="date"
          label={t("audit.from")}
          value={values.from}
          onChange={(e) => setFilter("from", e.currentTarget.value)}
          w={{ base: "100%", xs: 170 }}
        />
        <TextInput
          type="date"
          label={t("audit.to")}
          value={values.to}
          onChange={(e) => setFilter("to", e.currentTarget.value)}
          w={{ base: "100%", xs: 170 }}
        />
      </Group>
      {body()}
    </>
  );
}
