import { Button, Group, Select } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { enrolmentRoles, type TEnrolmentCreate } from "@stoa/contracts";
import { IconUserPlus } from "@tabler/icons-react";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useEnrol } from "../../api/classes";
import { FormAlert } from "../../components/FormAlert";
import { PersonPicker } from "../../components/PersonPicker";
import { useErrorMessage } from "../../components/ErrorState";

type EnrolmentRole = TEnrolmentCreate["role"];

/** Adds a person of the class's school to the roster. */
export function EnrolForm({ classId, schoolId }: { classId: string; schoolId: string }) {
  const { t } = useTranslation();
  const enrol = useEnrol(classId);
  const message = useErrorMessage();
  const [userId, setUserId] = useState<string | null>(null);
  const [role, setRole] = useState<EnrolmentRole>("student");
  const [problem, setProblem] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    if (!userId) {
      setMissing(true);
      return;
    }
    enrol.mutate(
      { userId, role },
      {
        onSuccess: () => {
          notifications.show({ color: "green", message: t("roster.enrolled") });
          setUserId(null);
        },
        onError: (error) => setProblem(message(error)),
      },
    );
  }

  return (
    <form onSubmit={handleSubmit} noValidate aria-label={t("roster.enrolForm")}>
      <FormAlert message={problem} />
      <Group align="flex-end" gap="sm" mb="lg" mt={problem ? "sm" : 0}>
        <div style={{ flex: "1 1 260px" }}>
          <PersonPicker
            label={t("roster.personToEnrol")}
            value={userId}
            onChange={(id) => {
              setUserId(id);
              setMissing(false);
            }}
            role={role === "student" ? "student" : undefined}
            schoolId={schoolId}
            error={missing ? t("roster.choosePerson") : undefined}
          />
        </div>
        <Select
          label={t("roster.role")}
          data={enrolmentRoles.map((r) => ({ value: r, label: t(`enrolmentRoles.${r}`) }))}
          value={role}
          onChange={(value) => value && setRole(value as EnrolmentRole)}
          allowDeselect={false}
          w={{ base: "100%", xs: 180 }}
        />
        <Button type="submit" loading={enrol.isPending} leftSection={<IconUserPlus size={16} aria-hidden />}>
          {t("roster.enrol")}
        </Button>
      </Group>
    </form>
  );
}
