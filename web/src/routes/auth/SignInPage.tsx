import { Alert, Box, Button, Center, Paper, Stack, Text, TextInput, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconAlertCircle } from "@tabler/icons-react";
import { ZLoginRequest, type TLoginRequest } from "@stoa/contracts";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, useNavigate, useSearchParams } from "react-router";
import { ApiError } from "../../api/client";
import { useLogin, useMe } from "../../api/me";
import { zodResolver } from "../../lib/forms";
import { PasswordField } from "../../components/PasswordField";

/** Only same-site paths are followed after sign-in. */
function safeNext(next: string | null): string {
  return next && next.startsWith("/") && !next.startsWith("//") ? next : "/";
}

/** Sign in with username or email and password. */
export function SignInPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get("next"));
  const me = useMe();
  const login = useLogin();
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm<TLoginRequest>({
    initialValues: { login: "", password: "" },
    validate: zodResolver(ZLoginRequest),
  });

  useEffect(() => {
    document.title = `${t("signIn.title")} · ${t("app.name")}`;
  }, [t]);

  if (me.data) return <Navigate to={next} replace />;

  function describe(error: unknown): string {
    if (!(error instanceof ApiError)) return t("errors.unknown");
    if (error.status === 401) return t("signIn.wrongCredentials");
    if (error.status === 429) {
      const minutes = Math.max(1, Math.ceil((error.retryAfter ?? 60) / 60));
      return t("signIn.throttled", { count: minutes });
    }
    if (error.status === 0) return t("errors.network");
    return error.message;
  }

  function handleSubmit(values: TLoginRequest) {
    setProblem(null);
    login.mutate(values, {
      onSuccess: () => void navigate(next, { replace: true }),
      onError: (error) => {
        setProblem(describe(error));
        form.setFieldValue("password", "");
      },
    });
  }

  return (
    <Center mih="100vh" p="md" component="main">
      <Box w="100%" maw={420}>
        <Stack align="center" gap={4} mb="lg">
          <Text fw={800} fz={32} c="var(--mantine-primary-color-light-color)">
            {t("app.name")}
          </Text>
          <Title order={1} fz="h2">
            {t("signIn.title")}
          </Title>
        </Stack>
        <Paper withBorder shadow="sm" p="lg" radius="md">
          <form onSubmit={form.onSubmit(handleSubmit)} noValidate>
            <Stack>
              {problem && (
                <Alert color="red" variant="light" icon={<IconAlertCircle aria-hidden />} role="alert">
                  {problem}
                </Alert>
              )}
              <TextInput
                label={t("signIn.login")}
                autoComplete="username"
                autoCapitalize="none"
                spellCheck={false}
                required
                withAsterisk={false}
                {...form.getInputProps("login")}
              />
              <PasswordField
                label={t("signIn.password")}
                autoComplete="current-password"
                required
                withAsterisk={false}
                {...form.getInputProps("password")}
              />
              <Button type="submit" loading={login.isPending} fullWidth size="md">
                {t("signIn.submit")}
              </Button>
            </Stack>
          </form>
        </Paper>
        <Text size="sm" c="dimmed" ta="center" mt="md">
          {t("signIn.forgot")}
        </Text>
      </Box>
    </Center>
  );
}
