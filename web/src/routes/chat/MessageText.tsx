import { Anchor, Text } from "@mantine/core";
import type { TChatMention } from "@stoa/contracts";
import type { ReactNode } from "react";

// http(s) links and www. addresses; anything else (javascript:, data: …) stays plain text.
const linkPattern = /\b(https?:\/\/[^\s<>"']+|www\.[^\s<>"']+)/gi;
const mentionPattern = /(^|[\s([{])@([A-Za-z0-9][A-Za-z0-9._-]{0,63})/g;

/** Trailing punctuation usually ends the sentence, not the link. */
function trimLink(raw: string): { link: string; rest: string } {
  const match = /[.,;:!?)\]}]+$/.exec(raw);
  return match ? { link: raw.slice(0, -match[0].length), rest: match[0] } : { link: raw, rest: "" };
}

/** Highlights @mentions of people the server resolved; other text as it is. */
function withMentions(text: string, mentions: TChatMention[], meId: string, key: string): ReactNode[] {
  const known = new Map(mentions.map((m) => [m.username.toLowerCase(), m]));
  const out: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(mentionPattern)) {
    const name = (match[2] ?? "").replace(/[._-]+$/, "");
    const mention = known.get(name.toLowerCase());
    if (!mention) continue;
    const start = (match.index ?? 0) + (match[1]?.length ?? 0);
    out.push(text.slice(last, start));
    out.push(
      <Text key={`${key}-m${start}`} span fw={700} c={mention.userId === meId ? "indigo.9" : undefined} title={mention.name}>
        @{name}
      </Text>,
    );
    last = start + name.length + 1;
  }
  out.push(text.slice(last));
  return out;
}

/** A chat message's text: never HTML; http(s) links made clickable (opening safely in a new tab), mentions in bold. */
export function MessageText({ body, mentions, meId }: { body: string; mentions: TChatMention[]; meId: string }) {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of body.matchAll(linkPattern)) {
    const at = match.index ?? 0;
    const { link, rest } = trimLink(match[0]);
    parts.push(...withMentions(body.slice(last, at), mentions, meId, `t${at}`));
    const href = link.toLowerCase().startsWith("www.") ? `https://${link}` : link;
    parts.push(
      <Anchor key={`l${at}`} href={href} target="_blank" rel="noopener noreferrer nofollow ugc" style={{ wordBreak: "break-all" }}>
        {link}
      </Anchor>,
    );
    parts.push(rest);
    last = at + match[0].length;
  }
  parts.push(...withMentions(body.slice(last), mentions, meId, "end"));
  return (
    <Text size="md" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
      {parts}
    </Text>
  );
}
