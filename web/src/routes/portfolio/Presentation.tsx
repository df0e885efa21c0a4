import { Button, Group, Modal, Stack, Text, Title } from "@mantine/core";
import { IconArrowLeft, IconArrowRight, IconX } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

export interface Slide {
  key: string;
  title: string;
  content: ReactNode;
}

interface Props {
  opened: boolean;
  onClose: () => void;
  title: string;
  slides: Slide[];
}

/**
 * Presentation mode: full screen, one slide at a time. Arrow keys (and Page Up/Down, Home, End)
 * move between slides, Escape leaves; focus starts on the slide and returns to the button that
 * opened it. Each change is announced.
 */
export function Presentation({ opened, onClose, title, slides }: Props) {
  const { t } = useTranslation();
  const [index, setIndex] = useState(0);
  const slideRef = useRef<HTMLDivElement>(null);
  const count = slides.length;
  const slide = slides[Math.min(index, count - 1)];

  const go = useCallback((to: number) => setIndex(Math.max(0, Math.min(count - 1, to))), [count]);

  useEffect(() => {
    if (opened) setIndex(0);
  }, [opened]);

  // Focus starts on the slide so arrow keys work at once; the position is announced by the status line.
  useEffect(() => {
    if (opened) requestAnimationFrame(() => slideRef.current?.focus());
  }, [opened]);

  function handleKey(event: React.KeyboardEvent) {
    // Keys typed into a control (none on slides today) are not navigation.
    if (event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement) return;
    const next: Record<string, number> = {
      ArrowRight: index + 1,
      ArrowDown: index + 1,
      PageDown: index + 1,
      ArrowLeft: index - 1,
      ArrowUp: index - 1,
      PageUp: index - 1,
      Home: 0,
      End: count - 1,
    };
    if (event.key in next) {
      event.preventDefault();
      go(next[event.key]!);
    }
  }

  return (
    <Modal.Root opened={opened} onClose={onClose} fullScreen transitionProps={{ duration: 0 }}>
      <Modal.Overlay />
      <Modal.Content aria-label={t("portfolio.present.label", { title })}>
        <Modal.Body p={0}>
          <Stack h="100dvh" gap={0} onKeyDown={handleKey}>
            <Group justify="space-between" p="md" style={{ borderBottom: "1px solid var(--mantine-color-default-border)" }}>
              <Text fw={600}>{title}</Text>
              <Text role="status" aria-live="polite">
                {t("portfolio.present.position", { n: Math.min(index, count - 1) + 1, count })}
              </Text>
              <Button variant="default" leftSection={<IconX size={16} aria-hidden />} onClick={onClose}>
                {t("portfolio.present.leave")}
              </Button>
            </Group>
            <div
              ref={slideRef}
              tabIndex={-1}
              role="region"
              aria-roledescription={t("portfolio.present.slide")}
              aria-label={slide?.title ?? title}
              style={{ flex: 1, overflow: "auto", padding: "var(--mantine-spacing-xl)", outline: "none" }}
            >
              {slide && (
                <Stack gap="lg" maw={1100} mx="auto">
                  <Title order={2} fz={{ base: 28, sm: 40 }}>
                    {slide.title}
                  </Title>
                  {slide.content}
                </Stack>
              )}
            </div>
            <Group justify="space-between" p="md" style={{ borderTop: "1px solid var(--mantine-color-default-border)" }}>
              <Button
                size="lg"
                variant="default"
                leftSection={<IconArrowLeft aria-hidden />}
                disabled={index === 0}
                onClick={() => go(index - 1)}
              >
                {t("portfolio.present.previous")}
              </Button>
              <Text size="sm" c="dimmed" visibleFrom="sm">
                {t("portfolio.present.keys")}
              </Text>
              <Button size="lg" rightSection={<IconArrowRight aria-hidden />} disabled={index >= count - 1} onClick={() => go(index + 1)}>
                {t("portfolio.present.next")}
              </Button>
            </Group>
          </Stack>
        </Modal.Body>
      </Modal.Content>
    </Modal.Root>
  );
}
