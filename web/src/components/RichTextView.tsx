import { Typography } from "@mantine/core";

/**
 * Shows rich text that came from the API. The server sanitised it on write with a strict
 * allowlist (server/src/platform/rich-text.ts), which is why rendering it as HTML is safe here;
 * never pass anything else to this component.
 */
export function RichTextView({ html }: { html: string }) {
  return (
    <Typography>
      <div dangerouslySetInnerHTML={{ __html: html }} />
    </Typography>
  );
}
