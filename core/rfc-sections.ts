/**
 * Splits a plain-text RFC into numbered sections and counts the lines that carry BCP 14 keywords
 * (RFC 2119: MUST, MUST NOT, REQUIRED, SHALL, SHALL NOT, SHOULD, SHOULD NOT, RECOMMENDED; MAY and
 * OPTIONAL are permissions, not requirements). RFC 2630 states its requirements in lower case, so
 * the caller can ask for case-insensitive "must"/"should" counting. Page headers and footers are
 * dropped; ASN.1 lines (OPTIONAL, DEFAULT) never count because OPTIONAL is not counted at all.
 */
export interface RfcSection {
  readonly number: string;
  readonly title: string;
  readonly keywordLines: number;
  /** 1-based line numbers (in the full text) of the keyword lines. */
  readonly lines: readonly number[];
}

const KEYWORDS = /\b(MUST|REQUIRED|SHALL|SHOULD|RECOMMENDED)\b/;
const LOWER = /\b(must|should)\b/;
const PAGE_LINE = /^(RFC \d{4} .*\d{4}|.*\[Page \d+\])$/;
/** "5.3.  SignerInfo Type", "2.7 Receipt", "2. 7 Receipt" (a typo in RFC 2634), "A.  ASN.1 Module". */
const HEADING = /^((?:\d+|[A-Z])(?:\.\s?\d+)*)\.?\s+([A-Z][^\s].*)$/;

export function splitSections(text: string, options: { lowerCase?: boolean } = {}): RfcSection[] {
  const lines = text.split(/\r?\n/);
  const out: { number: string; title: string; lines: number[] }[] = [];
  let current: { number: string; title: string; lines: number[] } | null = null;
  let pastToc = false;
  lines.forEach((raw, i) => {
    const line = raw.replace(/\f/g, '');
    if (PAGE_LINE.test(line.trim())) return;
    const h = HEADING.exec(line);
    if (h && !line.includes('....') && line.length < 90) {
      const number = h[1]!.replace(/\s/g, '');
      // The table of contents repeats the headings; real sections start at the second "1." heading
      // or at the first one when there is no table of contents.
      if (number === '1' && out.some((s) => s.number === '1')) {
        out.length = 0;
        pastToc = true;
      }
      current = { number, title: h[2]!.trim(), lines: [] };
      out.push(current);
      return;
    }
    if (!current) return;
    if (KEYWORDS.test(line) || (options.lowerCase && LOWER.test(line))) current.lines.push(i + 1);
  });
  void pastToc;
  return out.map((s) => ({ number: s.number, title: s.title, keywordLines: s.lines.length, lines: s.lines }));
}
