/**
 * A rollup plugin that squeezes the whitespace out of Lit's html`` and css`` templates, which
 * terser leaves alone. Every shop page downloads these bytes, so the indentation must not ship.
 * It scans template literals with a small state machine (templates nest inside `${}`), and only
 * touches files whose name matches `include`.
 */

function squeezeCss(text) {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,>])\s*/g, '$1')
    .replace(/:\s+/g, ':')
    .replace(/;}/g, '}')
    // `0.5rem` → `.5rem`, `[part~='banner']` → `[part~=banner]`: a value that is a plain name needs no quotes.
    .replace(/([^\w.-])0\.(\d)/g, '$1.$2')
    .replace(/=\s*'([a-z][\w-]*)'\]/g, '=$1]');
}

function squeezeHtml(text) {
  return text.replace(/\s*\n\s*/g, (run, offset, all) => {
    const before = all[offset - 1];
    const after = all[offset + run.length];
    return before === '>' && after === '<' ? '' : ' ';
  });
}

/** Rewrites the text parts of tagged `html` and `css` templates in `code`. */
export function squeezeTemplates(code) {
  let out = '';
  let i = 0;
  // Each frame: 'code' (braces counted) or a template kind: 'html', 'css' or 'plain'.
  const stack = [{ mode: 'code', depth: 0 }];
  let text = '';
  const flushText = (kind) => {
    out += kind === 'css' ? squeezeCss(text) : kind === 'html' ? squeezeHtml(text) : text;
    text = '';
  };
  while (i < code.length) {
    const frame = stack[stack.length - 1];
    const c = code[i];
    if (frame.mode === 'code') {
      if (c === '"' || c === "'") {
        const end = findStringEnd(code, i);
        out += code.slice(i, end);
        i = end;
        continue;
      }
      if (c === '`') {
        const tag = /(?:^|[^\w$.])(html|css)\s*$/.exec(out)?.[1] ?? 'plain';
        stack.push({ mode: tag });
        out += c;
        i++;
        continue;
      }
      if (c === '{') frame.depth++;
      if (c === '}') {
        if (frame.depth === 0 && stack.length > 1) {
          stack.pop();
          out += c;
          i++;
          continue;
        }
        frame.depth--;
      }
      out += c;
      i++;
      continue;
    }
    if (c === '\\') {
      text += code.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (c === '`') {
      flushText(frame.mode);
      stack.pop();
      out += c;
      i++;
      continue;
    }
    if (c === '$' && code[i + 1] === '{') {
      flushText(frame.mode);
      stack.push({ mode: 'code', depth: 0 });
      out += '${';
      i += 2;
      continue;
    }
    text += c;
    i++;
  }
  return out;
}

function findStringEnd(code, start) {
  const quote = code[start];
  let i = start + 1;
  while (i < code.length && code[i] !== quote) i += code[i] === '\\' ? 2 : 1;
  return i + 1;
}

/** The rollup plugin: `minifyTemplates({ include: /src\/ui\// })`. */
export default function minifyTemplates({ include }) {
  return {
    name: 'minify-templates',
    transform(code, id) {
      return include.test(id) ? { code: squeezeTemplates(code), map: null } : null;
    },
  };
}
