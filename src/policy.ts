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
 * Finds the first `d` at or after `from`. Callers ask with a growing `from`, so an answer stays
 * right until it is passed: this keeps link parsing linear on hostile input such as thousands of
 * unclosed `[`.
 */
function seeker(s: string, d: string): Seek {
  let at = -2;
  return (from) => {
    if (at !== -1 && at < from) at = s.indexOf(d, from);
    return at;
  };
}

const punctuation = (ch?: string): boolean => !!ch && /[\p{P}\p{S}]/u.test(ch);

/**
 * Emphasis nested deeper than this is flattened to its text: no policy needs it, and hostile text
 * such as thousands of `*a ` followed by as many `a* ` must not make a tree too deep to render.
 */
const MAX_EMPHASIS_DEPTH = 8;

/** A run of `*` or `_` that may open or close emphasis (CommonMark's delimiter run). */
interface Run {
  char: string;
  /** Markers not yet used; `size`: how many were written, for the rule of 3. */
  left: number;
  size: number;
  open: boolean;
  close: boolean;
  piece: Piece;
  /** The runs before and after it that may still match. */
  below: Run | null;
  above: Run | null;
}

/**
 * One piece of a line while emphasis is matched: text, a finished inline or a run. A list linked
 * both ways, so matching never shifts an array.
 */
interface Piece {
  value: Inline | Run;
  prev: Piece | null;
  next: Piece | null;
}

/** The pieces from `from` up to `to` (not included) as inlines, runs left as their markers. */
function inlinesOf(from: Piece | null, to: Piece | null, fill: (t: string) => string): Inline[] {
  const inlines: Inline[] = [];
  let text = '';
  for (let piece = from; piece && piece !== to; piece = piece.next) {
    const { value } = piece;
    if (typeof value === 'string') text += value;
    else if ('char' in value) text += value.char.repeat(value.left);
    else {
      if (text) inlines.push(fill(text));
      text = '';
      inlines.push(value);
    }
  }
  if (text) inlines.push(fill(text));
  return inlines;
}

/** `inlines` with emphasis below `levels` more levels replaced by what it holds; iterative below that. */
function limitDepth(inlines: Inline[], levels: number): Inline[] {
  return inlines.flatMap((inline) => {
    if (typeof inline === 'string' || inline.kind === 'link') return [inline];
    if (levels > 0) return [{ kind: inline.kind, children: limitDepth(inline.children, levels - 1) }];
    const flat: Inline[] = [];
    const pending: Inline[] = [...inline.children].reverse();
    for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
      if (typeof next === 'string' || next.kind === 'link') flat.push(next);
      else pending.push(...[...next.children].reverse());
    }
    return flat;
  });
}

/**
 * CommonMark's "process emphasis": each closing run, from the first, takes the nearest opening
 * run of its marker that the rule of 3 allows; what lies between becomes `em` (one marker from
 * each) or `strong` (two). `bottoms` remembers where a search failed, which keeps this linear.
 */
function matchEmphasis(first: Run | null, fill: (t: string) => string): void {
  const bottoms = new Map<string, Run | null>();
  const unstack = (run: Run) => {
    if (run.below) run.below.above = run.above;
    if (run.above) run.above.below = run.below;
  };
  const unlink = (run: Run) => {
    unstack(run);
    const { prev, next } = run.piece;
    if (prev) prev.next = next;
    if (next) next.prev = prev;
  };
  let closer = first;
  while (closer) {
    if (!closer.close) {
      closer = closer.above;
      continue;
    }
    const key = closer.char + closer.open + (closer.size % 3);
    const bottom = bottoms.get(key) ?? null;
    let opener = closer.below;
    for (; opener && opener !== bottom; opener = opener.below) {
      const oddMatch = (opener.close || closer.open) && (opener.size + closer.size) % 3 == 0 && (opener.size % 3 || closer.size % 3);
      if (opener.char == closer.char && opener.open && !oddMatch) break;
    }
    if (!opener || opener === bottom) {
      bottoms.set(key, closer.below);
      const above: Run | null = closer.above;
      if (!closer.open) unstack(closer);
      closer = above;
      continue;
    }
    const use = opener.left > 1 && closer.left > 1 ? 2 : 1;
    opener.left -= use;
    closer.left -= use;
    const wrapped: Piece = {
      value: { kind: use > 1 ? 'strong' : 'em', children: inlinesOf(opener.piece.next, closer.piece, fill) },
      prev: opener.piece,
      next: closer.piece,
    };
    opener.piece.next = closer.piece.prev = wrapped;
    opener.above = closer;
    closer.below = opener;
    if (!opener.left) unlink(opener);
    if (!closer.left) {
      const above: Run | null = closer.above;
      unlink(closer);
      closer = above;
    }
  }
}

function parseInline(s: string, fill: (t: string) => string): Inline[] {
  const start: Piece = { value: '', prev: null, next: null };
  let last = start;
  let firstRun: Run | null = null;
  let lastRun: Run | null = null;
  let text = '';
  const add = (value: Piece['value']): Piece => (last = last.next = { value, prev: last, next: null });
  const flush = () => {
    if (text) add(text);
    text = '';
  };
  const nextOpen = seeker(s, '[');
  const nextMid = seeker(s, '](');
  const nextParen = seeker(s, ')');

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
        add({ kind: 'link', href, children: parseInline(s.slice(i + 1, mid), fill) });
        i = end + 1;
        continue;
      }
    }
    if (c === '*' || c === '_') {
      let size = 1;
      while (s[i + size] === c) size++;
      const before = s[i - 1];
      const after = s[i + size];
      // Flanking as CommonMark defines it: `5 * 3` is no emphasis, and `_` inside a word
      // (snake_case) neither opens nor closes.
      const leftFlanking = !blank(after) && (!punctuation(after) || blank(before) || punctuation(before));
      const rightFlanking = !blank(before) && (!punctuation(before) || blank(after) || punctuation(after));
      // Longer runs stay text: they would only nest emphasis in itself.
      const usable = size <= 3;
      flush();
      const piece = add('');
      const run: Run = {
        char: c,
        left: size,
        size,
        open: usable && leftFlanking && (c === '*' || !rightFlanking || punctuation(before)),
        close: usable && rightFlanking && (c === '*' || !leftFlanking || punctuation(after)),
        piece,
        below: lastRun,
        above: null,
      };
      piece.value = run;
      if (lastRun) lastRun.above = run;
      else firstRun = run;
      lastRun = run;
      i += size;
      continue;
    }
    text += c;
    i++;
  }
  flush();
  matchEmphasis(firstRun, fill);
  return limitDepth(inlinesOf(start.next, null, fill), MAX_EMPHASIS_DEPTH);
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
