/** The usernames written as @username in a chat message, each once, in order (at most `max`). */
export function mentionedUsernames(body: string, max = 20): string[] {
  const found: string[] = [];
  // A mention starts the text or follows a space or an opening bracket, so e-mail addresses are not mentions.
  for (const match of body.matchAll(/(?:^|[\s([{])@([A-Za-z0-9][A-Za-z0-9._-]{0,63})/g)) {
    const name = match[1]!.replace(/[._-]+$/, "");
    if (!found.some((f) => f.toLowerCase() === name.toLowerCase())) found.push(name);
    if (found.length >= max) break;
  }
  return found;
}
