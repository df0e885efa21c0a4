import { IconBooks, IconNotebook } from "@tabler/icons-react";
import type { TMe } from "@stoa/contracts";
import type { TFunction } from "i18next";
import type { ReactNode } from "react";
import { roleSet } from "../../lib/people";

/** Who uses which portfolio screens: students keep one, teachers assess and guide, guardians look on. */
export function portfolioAudience(me: Pick<TMe, "roles">): { student: boolean; teacher: boolean; guardian: boolean } {
  const roles = roleSet(me.roles);
  return { student: roles.has("student"), teacher: roles.has("teacher"), guardian: roles.has("guardian") };
}

/** The navigation entries for the portfolio area ("Portfolio" for students and families, "Portfolios" for teachers). */
export function portfolioNavItems(me: Pick<TMe, "roles">, t: TFunction): { to: string; label: string; icon: ReactNode }[] {
  const who = portfolioAudience(me);
  const items: { to: string; label: string; icon: ReactNode }[] = [];
  if (who.student) items.push({ to: "/portfolio", label: t("portfolio.nav.student"), icon: <IconNotebook size={18} aria-hidden /> });
  if (who.guardian && !who.student)
    items.push({ to: "/portfolio/shared", label: t("portfolio.nav.family"), icon: <IconNotebook size={18} aria-hidden /> });
  if (who.teacher) items.push({ to: "/portfolio/teach", label: t("portfolio.nav.teacher"), icon: <IconBooks size={18} aria-hidden /> });
  return items;
}
