import { Extension } from "@tiptap/react";
import { yCursorPlugin } from "@tiptap/y-tiptap";
import type { Awareness } from "y-protocols/awareness";

/**
 * Other people's carets and selections with their names, from the provider's awareness. (The
 * collaboration-caret extension is not yet published for this Tiptap version, so we build the
 * same plugin ourselves.)
 */
export const LiveCarets = Extension.create<{ awareness: Awareness | null }>({
  name: "liveCarets",
  addOptions() {
    return { awareness: null };
  },
  addProseMirrorPlugins() {
    if (!this.options.awareness) return [];
    return [
      yCursorPlugin(this.options.awareness, {
        cursorBuilder: (user: { name?: string; color?: string }) => {
          const caret = document.createElement("span");
          caret.className = "stoa-caret";
          caret.style.borderColor = user.color ?? "#1864ab";
          const label = document.createElement("span");
          label.className = "stoa-caret-label";
          label.style.backgroundColor = user.color ?? "#1864ab";
          label.textContent = user.name ?? "";
          caret.append(label);
          return caret;
        },
        selectionBuilder: (user: { color?: string }) => ({
          style: `background-color: ${user.color ?? "#1864ab"}33`,
          class: "stoa-selection",
        }),
      }),
    ];
  },
});
