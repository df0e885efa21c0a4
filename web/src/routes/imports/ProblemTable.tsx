import { Badge, Code, Table } from "@mantine/core";
import type { TImportProblem } from "@stoa/contracts";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Pager, pageOf } from "../../components/Pager";

const pageSize = 50;

/** The problem report: where each problem is (file, line, column), what was there and what was expected. */
export function ProblemTable({ problems, caption }: { problems: TImportProblem[]; caption: string }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  return (
    <>
      <Table.ScrollContainer minWidth={720}>
        <Table striped verticalSpacing="xs" captionSide="top">
          <Table.Caption>{caption}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("imports.severity")}</Table.Th>
              <Table.Th scope="col">{t("imports.file")}</Table.Th>
              <Table.Th scope="col">{t("imports.line")}</Table.Th>
              <Table.Th scope="col">{t("imports.column")}</Table.Th>
              <Table.Th scope="col">{t("imports.value")}</Table.Th>
              <Table.Th scope="col">{t("imports.expected")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {pageOf(problems, page, pageSize).map((p, i) => (
              <Table.Tr key={`${p.file}:${p.line ?? ""}:${p.column ?? ""}:${i}`}>
                <Table.Td>
                  <Badge variant="light" color={p.severity === "error" ? "red" : "yellow"} tt="none">
                    {t(`imports.severities.${p.severity}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>{p.file}</Table.Td>
                <Table.Td>{p.line ?? "—"}</Table.Td>
                <Table.Td>{p.column ?? "—"}</Table.Td>
                <Table.Td>{p.value === null ? "—" : <Code>{p.value}</Code>}</Table.Td>
                <Table.Td>{p.expected}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Pager page={page} pageSize={pageSize} total={problems.length} onChange={setPage} />
    </>
  );
}
