import { PasswordInput, type PasswordInputProps } from "@mantine/core";
import { useTranslation } from "react-i18next";

/**
 * A password input whose show/hide toggle is named without the word "password", so the field's
 * own label stays the only match for "Password" (for screen-reader users and browser tests alike).
 */
export function PasswordField(props: PasswordInputProps) {
  const { t } = useTranslation();
  return <PasswordInput visibilityToggleButtonProps={{ "aria-label": t("common.showTyped") }} {...props} />;
}
