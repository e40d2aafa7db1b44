/** A run of policy text: plain text, emphasis, or a link whose `href` passed `isSafeHref`. */
export type Inline =
  | string
  | { kind: 'strong' | 'em'; children: Inline[] }
  | { kind: 'link'; href: string; children: Inline[] };

/** One block of the policy: a heading (`#`..`###`), a paragraph, or a list of items. */
export type PolicyBlock =
  | { kind: 'h1' | 'h2' | 'h3' | 'p'; inline: Inline[] }
  | { kind: 'ul' | 'ol'; items: Inline[][] };

/**
 * Longer policies are cut here: a real policy is a few dozen KB, and a misconfigured URL that
 * answers with megabytes must not freeze the visitor's page.
 */
export const MAX_POLICY_CHARS = 200_000;

const ESCAPABLE = '\\`*_[]()#+-.!';

const blank = (ch?: string): boolean => !ch || ch <= ' ';
const wordChar = (ch?: string): boolean => !!ch && /[\p{L}\p{N}]/u.test(ch);

/**
 * Whether `href` may become a link: `http:`, `https:`, `mailto:`, or a relative URL. Any other
 * scheme stays text. Control characters and spaces are refused outright because browsers strip
 * them from URLs (`java\tscript:` runs as `javascript:`), and `&` in a relative URL because it
 * could only be there to smuggle an entity (`javascript&colon;`) past a later decoder.
 */
export function isSafeHref(href: string): boolean {
  if (!href) return false;
  for (const ch of href) if (blank(ch)) return false;
  const lower = href.toLowerCase();
  if (/^(https?|mailto):/.test(lower)) return true;
  const colon = lower.indexOf(':');
  const path = lower.search(/[/?#]/);
  return !lower.includes('&') && (colon < 0 || (path >= 0 && path < colon));
}

type Seek = (from: number) => number;

/**
 * Finds the first `d` at or after `from` that `ok` accepts. Callers ask with a growing `from`, so
 * an answer stays right until it is passed: this keeps inline parsing linear on hostile input
 * such as thousands of unclosed `*` or `[`.
 */
function seeker(s: string, d: string, ok: (k: number) => boolean = () => true): Seek {
  let at = -2;
  return (from) => {
    if (at !== -1 && at < from) {
      at = s.indexOf(d, from);
      while (at >= 0 && !ok(at)) at = s.indexOf(d, at + 1);
    }
    return at;
  };
}

function parseInline(s: string, fill: (t: string) => string): Inline[] {
  const out: Inline[] = [];
  let text = '';
  const flush = () => {
    if (text) out.push(fill(text));
    text = '';
  };
  // A closer hugs the text before it, a single one is not half of a double, and `_` must not
  // sit inside a word, so snake_case stays as written.
  const closer = (d: string): Seek =>
    seeker(s, d, (k) => {
      const c = d[0];
      return (
        !blank(s[k - 1]) &&
        (d.length > 1 || (s[k - 1] !== c && s[k + 1] !== c)) &&
        (c === '*' || !wordChar(s[k + d.length]))
      );
    });
  const closers: Record<string, Seek> = { '*': closer('*'), '**': closer('**'), _: closer('_'), __: closer('__') };
  const nextOpen = seeker(s, '[');
  const nextMid = seeker(s, '](');
  const nextParen = seeker(s, ')');

  /** `kind` around what follows `before`: the text from `from` to `to`. */
  const emphasis = (kind: 'strong' | 'em', from: number, to: number, before: Inline[] = []): Inline => ({
    kind,
    children: [...before, ...parseInline(s.slice(from, to), fill)],
  });
  // A run of three at `at` opens both: `***a***` is both at once, and in `***a** b*` or
  // `***a* b**` the one that closes first sits inside the other.
  const strongAndEm = (c: string, at: number): { inline: Inline; next: number } | null => {
    const start = at + 3;
    if (blank(s[start]) || (c === '_' && wordChar(s[at - 1]))) return null;
    const double = closers[c + c]?.(start) ?? -1;
    const single = closers[c]?.(start) ?? -1;
    if (double >= 0 && (single < 0 || double < single)) {
      if (s[double + 2] === c) return { inline: { kind: 'em', children: [emphasis('strong', start, double)] }, next: double + 3 };
      const end = closers[c]?.(double + 2) ?? -1;
      return end < 0 ? null : { inline: emphasis('em', double + 2, end, [emphasis('strong', start, double)]), next: end + 1 };
    }
    if (single < 0) return null;
    const end = closers[c + c]?.(single + 1) ?? -1;
    return end < 0 ? null : { inline: emphasis('strong', single + 1, end, [emphasis('em', start, single)]), next: end + 2 };
  };

  let i = 0;
  while (i < s.length) {
    const c = s[i] ?? '';
    if (c === '\\' && ESCAPABLE.includes(s[i + 1] ?? 'x')) {
      text += s[i + 1];
      i += 2;
      continue;
    }
    if (c === '[') {
      const mid = nextMid(i + 1);
      const other = nextOpen(i + 1);
      const end = mid < 0 || (other >= 0 && other < mid) ? -1 : nextParen(mid + 2);
      const href = end < 0 ? '' : fill(s.slice(mid + 2, end).trim());
      if (end >= 0 && isSafeHref(href)) {
        flush();
        out.push({ kind: 'link', href, children: parseInline(s.slice(i + 1, mid), fill) });
        i = end + 1;
        continue;
      }
    }
    if ((c === '*' || c === '_') && s[i + 1] === c && s[i + 2] === c) {
      const both = strongAndEm(c, i);
      if (both) {
        flush();
        out.push(both.inline);
        i = both.next;
        continue;
      }
    }
    if (c === '*' || c === '_') {
      const d = s[i + 1] === c ? c + c : c;
      const start = i + d.length;
      const canOpen = !blank(s[start]) && s[start] !== c && (c === '*' || !wordChar(s[i - 1]));
      const end = canOpen ? (closers[d]?.(start) ?? -1) : -1;
      if (end >= 0) {
        flush();
        out.push(emphasis(d.length > 1 ? 'strong' : 'em', start, end));
        i = end + d.length;
        continue;
      }
    }
    text += c;
    i++;
  }
  flush();
  return out;
}

/**
 * Parses policy text — a Markdown subset (ATX headings `#`..`###`, paragraphs, `-`/`*` and `1.`
 * lists, links, `**strong**`, `*em*`/`_em_`) or plain text with blank-line paragraphs — into
 * blocks. `{{name}}` placeholders are filled from `fill` after parsing, so a site name is always
 * literal text. Raw HTML is not interpreted: it stays text. Never throws.
 */
export function parsePolicy(text: string, fill: Record<string, string>): PolicyBlock[] {
  const fillIn = (t: string) =>
    t.replace(/\{\{(\w+)\}\}/g, (m, k: string) => ({}.hasOwnProperty.call(fill, k) ? String(fill[k]) : m));
  const raw: { kind: PolicyBlock['kind']; parts: string[] }[] = [];
  let open: (typeof raw)[number] | undefined;

  for (const full of text.slice(0, MAX_POLICY_CHARS).split('\n')) {
    const line = full.trim();
    const heading = /^(#{1,6})(\s|$)/.exec(line);
    const item = /^(?:([-*+])|\d{1,9}[.)])\s+/.exec(line);
    if (!line) {
      open = undefined;
    } else if (heading) {
      const level = Math.min(heading[1]?.length ?? 1, 3) as 1 | 2 | 3;
      raw.push({ kind: `h${level}`, parts: [line.slice(heading[0].length).trim()] });
      open = undefined;
    } else if (item) {
      const kind = item[1] ? 'ul' : 'ol';
      if (open?.kind !== kind) raw.push((open = { kind, parts: [] }));
      open.parts.push(line.slice(item[0].length));
    } else if (open) {
      open.parts.push(`${open.parts.pop() ?? ''} ${line}`);
    } else {
      raw.push((open = { kind: 'p', parts: [line] }));
    }
  }

  return raw.map(({ kind, parts }) =>
    kind === 'ul' || kind === 'ol'
      ? { kind, items: parts.map((p) => parseInline(p, fillIn)) }
      : { kind, inline: parseInline(parts[0] ?? '', fillIn) },
  );
}
