import { Center, Loader } from "@mantine/core";
import { useTranslation } from "react-i18next";

/** A centred spinner while the app or a screen's code loads. */
export function PageLoader() {
  const { t } = useTranslation();
  return (
    <Center h="100vh">
      <Loader aria-label={t("common.loading")} />
    </Center>
  );
}
