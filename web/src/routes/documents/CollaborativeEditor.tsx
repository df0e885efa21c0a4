import { Input } from "@mantine/core";
import { Link, RichTextEditor as MantineEditor } from "@mantine/tiptap";
import Collaboration from "@tiptap/extension-collaboration";
import { useEditor } from "@tiptap/react";
import StarterKit from "@tiptap/starter-kit";
import { useEffect, useId } from "react";
import type { HocuspocusProvider } from "@hocuspocus/provider";
import type * as Y from "yjs";
import { LiveCarets } from "./LiveCarets";
import "./documents.css";

interface Props {
  label: string;
  ydoc: Y.Doc;
  provider: HocuspocusProvider;
  editable: boolean;
}

/**
 * The rich-text editor bound to a live Yjs document: the same nodes and marks as the rest of Stoa
 * (what the server's allowlist keeps), with everyone's carets. Undo is Yjs's own (per person).
 */
export function CollaborativeEditor({ label, ydoc, provider, editable }: Props) {
  const labelId = useId();
  const editor = useEditor(
    {
      extensions: [
        StarterKit.configure({ link: false, undoRedo: false, heading: { levels: [2, 3, 4] } }),
        Link.configure({ openOnClick: false }),
        Collaboration.configure({ document: ydoc }),
        LiveCarets.configure({ awareness: provider.awareness }),
      ],
      editable,
      immediatelyRender: false,
      editorProps: {
        attributes: { "aria-labelledby": labelId, role: "textbox", "aria-multiline": "true", style: "min-height: 320px", "data-testid": "document-editor" },
      },
    },
    [ydoc, provider],
  );

  useEffect(() => {
    if (editor && editor.isEditable !== editable) editor.setEditable(editable);
  }, [editor, editable]);

  return (
    <Input.Wrapper label={label} labelProps={{ id: labelId }}>
      <MantineEditor editor={editor}>
        {editable && (
          <MantineEditor.Toolbar sticky>
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
