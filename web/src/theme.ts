import { createTheme, type CSSVariablesResolver, type MantineThemeOverride } from "@mantine/core";

/**
 * Stoa's one theme. Shades chosen so text and filled controls meet WCAG AA contrast in both schemes.
 * `closeLabel` names the icon-only close buttons of dialogs and notifications.
 */
export const makeTheme = (closeLabel: string): MantineThemeOverride =>
  createTheme({
    primaryColor: "indigo",
    primaryShade: { light: 8, dark: 8 },
    defaultRadius: "md",
    fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
    headings: { fontWeight: "700" },
    cursorType: "pointer",
    focusRing: "auto",
    components: {
      Button: { defaultProps: { fw: 600 } },
      Anchor: { defaultProps: { underline: "always" } },
      Modal: { defaultProps: { closeButtonProps: { "aria-label": closeLabel } } },
      Notification: {
        defaultProps: { closeButtonProps: { "aria-label": closeLabel } },
        styles: { description: { color: "var(--mantine-color-text)" } },
      },
    },
  });

const lightTextColors = ["indigo", "red", "green", "teal", "orange", "yellow", "gray", "blue", "grape", "cyan"];

/** Darker "light variant" text (badges, light buttons) and dimmed text in light mode; lighter dimmed text in dark mode. */
export const cssVariablesResolver: CSSVariablesResolver = (t) => {
  const light: Record<string, string> = { "--mantine-color-dimmed": "#5c636a", "--mantine-color-error": t.colors.red?.[9] ?? "" };
  for (const color of lightTextColors) light[`--mantine-color-${color}-light-color`] = t.colors[color]?.[9] ?? "";
  light["--mantine-primary-color-light-color"] = t.colors.indigo?.[9] ?? "";
  light["--mantine-color-yellow-light-color"] = "#7a5200";
  light["--mantine-color-orange-light-color"] = "#a33c00";
  light["--mantine-color-green-light-color"] = "#1f6e2f";
  light["--mantine-color-teal-light-color"] = "#0b6e57";
  return { variables: {}, light, dark: { "--mantine-color-dimmed": "#a6a6a6", "--mantine-color-error": t.colors.red?.[4] ?? "" } };
};
