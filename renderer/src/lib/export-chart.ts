/**
 * Saving what a chart shows: its picture as PNG and its numbers as CSV, made entirely on this
 * machine. The PNG is the chart's own SVG drawn onto a canvas through a blob: URL (the CSP allows
 * blob: and data: images, nothing remote); files are handed to the user with an anchor download,
 * which works the same in the desktop window and in the preview's browser.
 *
 *   downloadCsv('bills.csv', [['Month', 'Plan A'], ['2025-01', 1234.5]]);
 *   await downloadChartPng(cardElement, 'bills.png', { background: '#ffffff' });
 */

export type CsvValue = string | number | boolean | null | undefined;

/**
 * Spreadsheet programs run a cell that starts with one of these as a formula (CSV injection,
 * OWASP). Such text cells get a leading apostrophe, which shows the text as typed.
 */
const FORMULA_TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);

/** One CSV field: numbers stay bare numbers, text is neutralised and quoted when needed. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = value.length > 0 && FORMULA_TRIGGERS.has(value[0]!) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 text (CRLF line ends) for rows of cells; the first row is normally the header. */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<CsvValue>>): string {
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** Offers `blob` to the user as a file named `fileName` (a download in the browser and in Electron). */
export function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  anchor.rel = 'noopener';
  anchor.style.display = 'none';
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  // Revoke later: some engines read the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Saves rows as a UTF-8 CSV file; the byte-order mark makes Excel read accents correctly. */
export function downloadCsv(fileName: string, rows: ReadonlyArray<ReadonlyArray<CsvValue>>): void {
  downloadBlob(fileName, new Blob(['\uFEFF', toCsv(rows)], { type: 'text/csv;charset=utf-8' }));
}

export function downloadText(fileName: string, text: string, type = 'application/json'): void {
  downloadBlob(fileName, new Blob([text], { type: `${type};charset=utf-8` }));
}

export type PngOptions = {
  /** Painted behind the chart (an exported SVG is otherwise transparent). */
  background: string;
  /** Device pixels per CSS pixel (default 2, crisp on high-density screens and in documents). */
  scale?: number;
  /** Text drawn above the chart, so a saved picture says what it shows. */
  title?: string;
  /** Colour of the title text. */
  titleColor?: string;
};

/** The largest chart SVG inside `container` (Recharts draws small SVG icons in legends too). */
export function findChartSvg(container: Element): SVGSVGElement | null {
  const svgs = [...container.querySelectorAll('svg')];
  let best: SVGSVGElement | null = null;
  let bestArea = 0;
  for (const svg of svgs) {
    const box = svg.getBoundingClientRect();
    const area = box.width * box.height;
    if (area > bestArea) {
      best = svg;
      bestArea = area;
    }
  }
  return best;
}

/**
 * A stand-alone copy of the chart SVG: explicit size, the page's font (an SVG drawn as an image
 * sees no stylesheet) and no interactive leftovers such as the hover cursor.
 */
function standaloneSvg(svg: SVGSVGElement, width: number, height: number): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height));
  if (!copy.getAttribute('viewBox')) copy.setAttribute('viewBox', `0 0 ${width} ${height}`);
  const font = getComputedStyle(svg).fontFamily || 'system-ui, sans-serif';
  copy.setAttribute('font-family', font);
  copy.querySelectorAll('.recharts-tooltip-cursor, .recharts-active-dot').forEach((node) => node.remove());
  return new XMLSerializer().serializeToString(copy);
}

function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => resolve(image);
    image.onerror = () => reject(new Error('The chart could not be drawn as a picture.'));
    image.src = url;
  });
}

/** Renders the chart SVG found in `container` to PNG bytes. */
export async function chartPngBlob(container: Element, options: PngOptions): Promise<Blob> {
  const svg = container instanceof SVGSVGElement ? container : findChartSvg(container);
  if (!svg) throw new Error('There is no chart to save yet.');
  const box = svg.getBoundingClientRect();
  const width = Math.max(1, Math.round(box.width));
  const height = Math.max(1, Math.round(box.height));
  const scale = options.scale ?? 2;
  const titleHeight = options.title ? 36 : 0;
  const padding = 16;

  const url = URL.createObjectURL(new Blob([standaloneSvg(svg, width, height)], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    const image = await loadImage(url);
    const canvas = document.createElement('canvas');
    canvas.width = (width + padding * 2) * scale;
    canvas.height = (height + padding * 2 + titleHeight) * scale;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('This window cannot draw pictures (no canvas).');
    context.scale(scale, scale);
    context.fillStyle = options.background;
    context.fillRect(0, 0, width + padding * 2, height + padding * 2 + titleHeight);
    if (options.title) {
      context.fillStyle = options.titleColor ?? '#111827';
      context.font = `600 15px ${getComputedStyle(svg).fontFamily || 'system-ui, sans-serif'}`;
      context.textBaseline = 'top';
      context.fillText(options.title, padding, padding);
    }
    context.drawImage(image, padding, padding + titleHeight, width, height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The picture could not be encoded as PNG.'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

export async function downloadChartPng(container: Element, fileName: string, options: PngOptions): Promise<void> {
  downloadBlob(fileName, await chartPngBlob(container, options));
}

/** A file-name-safe stem from a title: "Bills by month — 2025" → "bills-by-month-2025". */
export function fileStem(title: string): string {
  return (
    title
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .toLowerCase()
      .slice(0, 60) || 'chart'
  );
}
