import { download, slug } from '../shell/download.ts';

/**
 * The map as a picture for slide decks: PNG and SVG of the map as on screen (html-to-image),
 * PDF as a landscape page holding the PNG. The libraries load on first use, so the map opens
 * without them.
 */

export type ExportFormat = 'png' | 'svg' | 'pdf';

/** Renders the whole map, not only the part scrolled into view. */
async function capture<T>(element: HTMLElement, render: (el: HTMLElement, options: { width: number; height: number; backgroundColor: string; pixelRatio: number }) => Promise<T>): Promise<T> {
  element.classList.add('exporting');
  try {
    await new Promise((r) => requestAnimationFrame(() => r(null)));
    return await render(element, { width: element.scrollWidth, height: element.scrollHeight, backgroundColor: '#ffffff', pixelRatio: 2 });
  } finally {
    element.classList.remove('exporting');
  }
}

export async function exportMap(element: HTMLElement, format: ExportFormat, name: string): Promise<void> {
  const images = await import('html-to-image');
  const file = slug(name) || 'journey-map';
  if (format === 'svg') {
    const dataUrl = await capture(element, (el, o) => images.toSvg(el, o));
    download(await (await fetch(dataUrl)).blob(), `${file}.svg`);
    return;
  }
  const png = await capture(element, (el, o) => images.toPng(el, o));
  if (format === 'png') {
    download(await (await fetch(png)).blob(), `${file}.png`);
    return;
  }
  const { jsPDF } = await import('jspdf');
  const size = await new Promise<{ w: number; h: number }>((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve({ w: img.naturalWidth, h: img.naturalHeight });
    img.onerror = reject;
    img.src = png;
  });
  const pdf = new jsPDF({ orientation: 'landscape', unit: 'pt', format: 'a4' });
  const page = { w: pdf.internal.pageSize.getWidth(), h: pdf.internal.pageSize.getHeight() };
  const margin = 24;
  const scale = Math.min((page.w - 2 * margin) / size.w, (page.h - 2 * margin - 20) / size.h);
  pdf.setFontSize(12);
  pdf.text(name, margin, margin + 4);
  pdf.addImage(png, 'PNG', margin, margin + 16, size.w * scale, size.h * scale);
  download(pdf.output('blob'), `${file}.pdf`);
}
