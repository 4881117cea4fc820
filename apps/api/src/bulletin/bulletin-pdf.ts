import { dirname, join } from 'node:path';
import * as echarts from 'echarts';
import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import type { Light } from '@jiebang/domain';

/** What a bulletin (通报) prints: the month's data, already in the reader's words. */
export interface BulletinContent {
  title: string;
  subtitle: string;
  opening: string;
  closing: string;
  overview: string[];
  categories: Array<{
    name: string;
    lights: Record<Light, number>;
    rows: Array<{
      rank: number;
      unit: string;
      score: number;
      movement: number | null;
      lights: Record<Light, number>;
      note: string;
    }>;
  }>;
  laggingAndVetoed: string[];
  cases: string[];
  overdueSupervision: string[];
}

// Noto Sans SC (Noto Sans Hans, OFL-1.1) from the registry; pdfkit embeds only the glyphs a bulletin uses.
const FONT_DIR = join(dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts');
const REGULAR = join(FONT_DIR, 'NotoSansHans-Regular.otf');
const BOLD = join(FONT_DIR, 'NotoSansHans-Bold.otf');

const A4_MARGIN = 56;
const LIGHT_COLOURS: Record<Light, string> = { green: '#52c41a', yellow: '#faad14', red: '#f5222d' };
const LIGHT_NAMES: Record<Light, string> = { green: '绿灯', yellow: '黄灯', red: '红灯' };

/** Renders the bulletin as an A4 PDF with the Chinese font embedded (text stays extractable). */
export function renderBulletinPdf(content: BulletinContent, createdAt: Date): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: A4_MARGIN,
    bufferPages: true,
    info: { Title: content.title, Creator: 'Jiebang', CreationDate: createdAt, ModDate: createdAt },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('body', REGULAR);
  doc.registerFont('bold', BOLD);
  const width = doc.page.width - 2 * A4_MARGIN;

  doc.font('bold').fontSize(20).text(content.title, { align: 'center' });
  doc.moveDown(0.3).font('body').fontSize(10).fillColor('#555').text(content.subtitle, { align: 'center' });
  doc.fillColor('black').moveDown(1);
  paragraph(doc, content.opening);

  heading(doc, '一、总体情况');
  for (const line of content.overview) doc.font('body').fontSize(11).text(line, { width });
  doc.moveDown(0.5);
  const chartHeight = 40 + 28 * Math.max(1, content.categories.length);
  if (doc.y + chartHeight > doc.page.height - A4_MARGIN) doc.addPage();
  SVGtoPDF(doc, lightsChart(content, width, chartHeight), A4_MARGIN, doc.y, {
    fontCallback: () => 'body',
    width,
    height: chartHeight,
  });
  doc.y += chartHeight + 8;
  doc.x = A4_MARGIN;

  heading(doc, '二、各类别排名');
  for (const category of content.categories) {
    if (doc.y + 60 > doc.page.height - A4_MARGIN) doc.addPage();
    doc.font('bold').fontSize(12).text(category.name, A4_MARGIN, doc.y, { width });
    doc.moveDown(0.2);
    table(
      doc,
      ['排名', '单位', '得分', '较上月', '绿/黄/红灯', '备注'],
      [0.08, 0.34, 0.12, 0.12, 0.16, 0.18],
      category.rows.map((row) => [
        String(row.rank),
        row.unit,
        row.score.toFixed(2),
        movementText(row.movement),
        `${row.lights.green}/${row.lights.yellow}/${row.lights.red}`,
        row.note,
      ]),
    );
    doc.moveDown(0.6);
  }

  heading(doc, '三、落后和一票否决单位及启动问责情况');
  list(doc, content.laggingAndVetoed, '本月无落后或一票否决单位。');
  doc.moveDown(0.3);
  list(doc, content.cases, '本月未启动问责程序。');

  heading(doc, '四、逾期未办结督办事项');
  list(doc, content.overdueSupervision, '无逾期督办事项。');

  if (content.closing) {
    doc.moveDown(0.8);
    paragraph(doc, content.closing);
  }

  const pages = doc.bufferedPageRange();
  for (let index = 0; index < pages.count; index += 1) {
    doc.switchToPage(pages.start + index);
    // The footer stands in the bottom margin: without lifting the margin pdfkit would start a new page for it.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('body')
      .fontSize(9)
      .fillColor('#888')
      .text(`第 ${index + 1} 页 共 ${pages.count} 页`, A4_MARGIN, doc.page.height - A4_MARGIN + 16, {
        width,
        align: 'center',
        lineBreak: false,
      });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}

function heading(doc: PDFKit.PDFDocument, text: string): void {
  if (doc.y > doc.page.height - A4_MARGIN - 80) doc.addPage();
  doc.moveDown(0.6).font('bold').fontSize(14).fillColor('black').text(text, A4_MARGIN, doc.y);
  doc.moveDown(0.3);
}

function paragraph(doc: PDFKit.PDFDocument, text: string): void {
  if (!text) return;
  for (const line of text.split(/\r?\n/).filter((part) => part.trim()))
    doc.font('body').fontSize(11).text(line, { indent: 22, lineGap: 3, align: 'justify' });
  doc.moveDown(0.5);
}

function list(doc: PDFKit.PDFDocument, items: string[], none: string): void {
  doc.font('body').fontSize(11);
  if (items.length === 0) doc.text(none, A4_MARGIN, doc.y);
  items.forEach((item, index) => doc.text(`${index + 1}. ${item}`, A4_MARGIN, doc.y));
}

function table(doc: PDFKit.PDFDocument, header: string[], shares: number[], rows: string[][]): void {
  const width = doc.page.width - 2 * A4_MARGIN;
  const widths = shares.map((share) => share * width);
  const rowHeight = 18;
  const draw = (cells: string[], bold: boolean) => {
    if (doc.y + rowHeight > doc.page.height - A4_MARGIN) doc.addPage();
    const y = doc.y;
    if (bold)
      doc
        .rect(A4_MARGIN, y - 2, width, rowHeight)
        .fill('#f0f0f0')
        .fillColor('black');
    let x = A4_MARGIN;
    doc.font(bold ? 'bold' : 'body').fontSize(10);
    cells.forEach((cell, index) => {
      doc.text(cell, x + 3, y + 2, { width: widths[index] - 6, height: rowHeight, lineBreak: false, ellipsis: true });
      x += widths[index];
    });
    doc
      .moveTo(A4_MARGIN, y + rowHeight - 2)
      .lineTo(A4_MARGIN + width, y + rowHeight - 2)
      .lineWidth(0.5)
      .strokeColor('#d9d9d9')
      .stroke();
    doc.x = A4_MARGIN;
    doc.y = y + rowHeight;
  };
  // A header never stands alone at the foot of a page.
  if (doc.y + 2 * rowHeight > doc.page.height - A4_MARGIN) doc.addPage();
  draw(header, true);
  for (const row of rows) draw(row, false);
}

function movementText(movement: number | null): string {
  if (movement === null) return '—';
  if (movement > 0) return `↑${movement}`;
  if (movement < 0) return `↓${-movement}`;
  return '持平';
}

/** The lights of each category as stacked bars, rendered by ECharts on the server as SVG. */
function lightsChart(content: BulletinContent, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: 'body' },
      legend: { top: 0, textStyle: { fontSize: 10 } },
      grid: { left: 8, right: 16, top: 28, bottom: 4, containLabel: true },
      xAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize: 9 } },
      yAxis: {
        type: 'category',
        inverse: true,
        data: content.categories.map((category) => category.name),
        axisLabel: { fontSize: 10 },
      },
      series: (['green', 'yellow', 'red'] as const).map((light) => ({
        name: LIGHT_NAMES[light],
        type: 'bar',
        stack: 'lights',
        itemStyle: { color: LIGHT_COLOURS[light] },
        data: content.categories.map((category) => category.lights[light]),
      })),
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
