import { Box } from "@mantine/core";
import { brainstormLimits, type TBrainstormBoard, type TBrainstormCard } from "@stoa/contracts";
import { useRef, useState, type KeyboardEvent, type PointerEvent } from "react";
import { BrainstormCard, type CardHandlers } from "./BrainstormCard";

const step = 20;
const bigStep = 100;
const clamp = (v: number, max: number) => Math.max(0, Math.min(max, Math.round(v)));

interface Props extends CardHandlers {
  board: TBrainstormBoard;
  /** Saves a card's new place (x, y). */
  onMove: (card: TBrainstormCard, x: number, y: number, how: "pointer" | "keyboard") => void;
}

/**
 * A free canvas: cards sit at x/y. Drag a card with a pointer, or focus it and use the arrow keys
 * (Shift for bigger steps); the place is saved when the drag ends or the keys rest.
 */
export function CanvasView({ board, onMove, ...handlers }: Props) {
  const [drag, setDrag] = useState<{ id: string; x: number; y: number } | null>(null);
  const start = useRef<{ px: number; py: number; x: number; y: number; moved: boolean } | null>(null);
  const pending = useRef<Map<string, ReturnType<typeof setTimeout>>>(new Map());
  const [keyPlace, setKeyPlace] = useState<Record<string, { x: number; y: number }>>({});

  function handlePointerDown(card: TBrainstormCard, e: PointerEvent) {
    if (!board.viewer.contribute || e.button !== 0) return;
    if ((e.target as HTMLElement).closest("button, textarea, input, a, [role=menuitem]")) return;
    (e.currentTarget as HTMLElement).setPointerCapture(e.pointerId);
    start.current = { px: e.clientX, py: e.clientY, x: card.x, y: card.y, moved: false };
    setDrag({ id: card.id, x: card.x, y: card.y });
  }

  function handlePointerMove(e: PointerEvent) {
    const s = start.current;
    if (!s || !drag) return;
    const dx = e.clientX - s.px;
    const dy = e.clientY - s.py;
    if (Math.abs(dx) + Math.abs(dy) > 3) s.moved = true;
    setDrag({ id: drag.id, x: clamp(s.x + dx, brainstormLimits.canvasWidth), y: clamp(s.y + dy, brainstormLimits.canvasHeight) });
  }

  function handlePointerUp() {
    const s = start.current;
    const card = drag && board.cards.find((c) => c.id === drag.id);
    if (s?.moved && card && drag) onMove(card, drag.x, drag.y, "pointer");
    start.current = null;
    setDrag(null);
  }

  function handleKeyMove(card: TBrainstormCard, e: KeyboardEvent) {
    const d = e.shiftKey ? bigStep : step;
    const delta: Record<string, [number, number]> = { ArrowLeft: [-d, 0], ArrowRight: [d, 0], ArrowUp: [0, -d], ArrowDown: [0, d] };
    const move = delta[e.key];
    if (!move) return;
    e.preventDefault();
    const from = keyPlace[card.id] ?? { x: card.x, y: card.y };
    const next = { x: clamp(from.x + move[0], brainstormLimits.canvasWidth), y: clamp(from.y + move[1], brainstormLimits.canvasHeight) };
    setKeyPlace((p) => ({ ...p, [card.id]: next }));
    // Save once the keys rest, so a run of presses is one move for everyone else.
    clearTimeout(pending.current.get(card.id));
    pending.current.set(
      card.id,
      setTimeout(() => {
        pending.current.delete(card.id);
        onMove(card, next.x, next.y, "keyboard");
        setKeyPlace((p) => {
          const { [card.id]: _done, ...rest } = p;
          void _done;
          return rest;
        });
      }, 400),
    );
  }

  return (
    <Box
      style={{ overflow: "auto", maxHeight: "75vh", border: "1px solid var(--mantine-color-default-border)", borderRadius: 8 }}
      data-testid="brainstorm-canvas"
    >
      <Box
        component="ul"
        pos="relative"
        m={0}
        p={0}
        w={brainstormLimits.canvasWidth + 240}
        h={brainstormLimits.canvasHeight + 200}
        style={{
          backgroundImage: "radial-gradient(var(--mantine-color-default-border) 1px, transparent 1px)",
          backgroundSize: "20px 20px",
        }}
        onPointerMove={handlePointerMove}
        onPointerUp={handlePointerUp}
        onPointerCancel={handlePointerUp}
      >
        {board.cards.map((card) => {
          const place = drag?.id === card.id ? drag : (keyPlace[card.id] ?? card);
          return (
            <BrainstormCard
              key={card.id}
              card={card}
              board={board}
              {...handlers}
              onKeyMove={handleKeyMove}
              onPointerDown={board.viewer.contribute ? handlePointerDown : undefined}
              style={{
                position: "absolute",
                left: place.x,
                top: place.y,
                zIndex: drag?.id === card.id ? 10 : 1,
                cursor: board.viewer.contribute ? "grab" : undefined,
              }}
            />
          );
        })}
      </Box>
    </Box>
  );
}
