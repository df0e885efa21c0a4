import { hasRole, type Actor } from "../../platform/actor.js";
import { forbidden } from "../../platform/errors.js";

// Who may do what with portfolios. Resource checks that need rows (ownership, class teaching,
// share reach) are SQL in the repositories and sharing.access.ts; these are the role rules.

/** Students keep portfolios: the library, pages, collections and sharing are theirs. */
export const canKeepPortfolio = (actor: Actor) => hasRole(actor, ["student"]);

/** Refuses a person who does not keep a portfolio (teachers, staff, admins, guardians). */
export function requirePortfolioKeeper(actor: Actor) {
  if (!canKeepPortfolio(actor)) throw forbidden("Only students keep a portfolio");
}

/** What the caller may do to a page, sent with it so the interface hides the rest. */
export const pagePolicies = (access: { isOwner: boolean; canComment: boolean }) => ({
  canEdit: access.isOwner,
  canShare: access.isOwner,
  canReflect: access.isOwner,
  canComment: access.canComment,
});
