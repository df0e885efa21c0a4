import { Input } from "@mantine/core";
import { Link, RichTextEditor as MantineEditor } from "@mantine/tiptap";
import { useEditor } from "@tiptap/react";
import StarterKit from "@tiptap/starter-kit";
import { useEffect, useId } from "react";

interface Props {
  label: string;
  value: string;
  onChange: (html: string) => void;
  description?: string;
  error?: string | null;
  readOnly?: boolean;
  minHeight?: number;
}

/**
 * The one rich-text editor: headings, emphasis, lists, quotes and links, which is exactly what the
 * server's allowlist keeps (server/src/platform/rich-text.ts). The server sanitises whatever arrives.
 */
export function RichTextEditor({ label, value, onChange, description, error, readOnly = false, minHeight = 160 }: Props) {
  const labelId = useId();
  const editor = useEditor({
    extensions: [StarterKit.configure({ link: false, heading: { levels: [2, 3, 4] } }), Link.configure({ openOnClick: false })],
    content: value,
    editable: !readOnly,
    immediatelyRender: false,
    editorProps: { attributes: { "aria-labelledby": labelId, role: "textbox", "aria-multiline": "true", style: `min-height: ${minHeight}px` } },
    onUpdate: ({ editor: e }) => onChange(e.isEmpty ? "" : e.getHTML()),
  });

  // Follow outside changes (a reset form, a newer version loaded) without fighting the typist.
  useEffect(() => {
    if (editor && !editor.isFocused && editor.getHTML() !== value) editor.commands.setContent(value, { emitUpdate: false });
  }, [editor, value]);

  return (
    <Input.Wrapper label={label} labelProps={{ id: labelId }} description={description} error={error}>
      <MantineEditor editor={editor}>
        {!readOnly && (
          <MantineEditor.Toolbar>
            <MantineEditor.ControlsGroup>
              <MantineEditor.Bold />
              <MantineEditor.Italic />
              <MantineEditor.Strikethrough />
              <MantineEditor.Code />
            </MantineEditor.ControlsGroup>
            <MantineEditor.ControlsGroup>
              <MantineEditor.H2 />
              <MantineEditor.H3 />
              <MantineEditor.BulletList />
              <MantineEditor.OrderedList />
              <MantineEditor.Blockquote />
            </MantineEditor.ControlsGroup>
            <MantineEditor.ControlsGroup>
              <MantineEditor.Link />
              <MantineEditor.Unlink />
            </MantineEditor.ControlsGroup>
          </MantineEditor.Toolbar>
        )}
        <MantineEditor.Content />
      </MantineEditor>
    </Input.Wrapper>
  );
}
