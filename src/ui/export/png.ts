/**
 * PNG export of the whole diagram with html-to-image 1.11.11 (pinned: later
 * versions drop React Flow's edges). The SVG export is drawn from the board
 * instead (src/export/svg.ts). The image is the diagram's bounds plus
 * padding, at 2x, on the theme's background, with links and labels.
 */
import { toPng } from 'html-to-image';
import type { Rect } from '@xyflow/react';
import { drawAllInFull } from '../canvas/detail';

export const EXPORT_PADDING = 48;
export const EXPORT_PIXEL_RATIO = 2;
/** Chromium refuses canvases past 16,384 px a side; stay under it by lowering the ratio. */
const MAX_CANVAS_SIDE = 16_000;

/** Elements that are interaction aids, not part of the diagram. */
function isDiagramElement(node: HTMLElement): boolean {
  const cls = node.classList;
  if (!cls) return true;
  return !(
    cls.contains('react-flow__handle') ||
    cls.contains('react-flow__resize-control') ||
    cls.contains('ab-cursor') ||
    cls.contains('ab-remote-selection') ||
    cls.contains('ab-link__remote')
  );
}

function exportOptions(bounds: Rect, background: string) {
  const width = Math.ceil(bounds.width + 2 * EXPORT_PADDING);
  const height = Math.ceil(bounds.height + 2 * EXPORT_PADDING);
  const pixelRatio = Math.min(EXPORT_PIXEL_RATIO, MAX_CANVAS_SIDE / width, MAX_CANVAS_SIDE / height);
  return {
    backgroundColor: background,
    width,
    height,
    pixelRatio,
    filter: isDiagramElement,
    style: {
      width: `${width}px`,
      height: `${height}px`,
      transform: `translate(${EXPORT_PADDING - bounds.x}px, ${EXPORT_PADDING - bounds.y}px) scale(1)`,
    },
  };
}

/** Renders the viewport element with the diagram fitted; selection styling is hidden meanwhile. */
async function withExportStyling<T>(render: (viewport: HTMLElement) => Promise<T>): Promise<T> {
  const viewport = document.querySelector<HTMLElement>('.react-flow__viewport');
  if (!viewport) throw new Error('The diagram is not on screen.');
  const root = document.documentElement;
  // The canvas draws only what is on screen, and far out in low detail: the picture needs all of it.
  const release = await drawAllInFull();
  root.classList.add('ab-exporting');
  try {
    return await render(viewport);
  } finally {
    root.classList.remove('ab-exporting');
    release();
  }
}

/** The diagram as a PNG data URL. */
export function diagramToPng(bounds: Rect, background: string): Promise<string> {
  return withExportStyling((viewport) => toPng(viewport, exportOptions(bounds, background)));
}

/** A data URL as a Blob, for downloads. */
export async function dataUrlToBlob(dataUrl: string): Promise<Blob> {
  return (await fetch(dataUrl)).blob();
}
