/**
 * Marks CSS text for the build, which squeezes its whitespace out (scripts/minify-templates.js).
 * The styles interpolate nothing, so the text is all there is.
 */
export const css = (text: TemplateStringsArray): string => text[0]!;

/**
 * Adds styles to a shadow root or a document, after those it has. A constructed sheet needs no
 * `style-src 'unsafe-inline'`, so strict CSPs keep working; Safari before 16.4 cannot adopt
 * sheets and gets `<style>` elements instead, which such a CSP refuses.
 */
export function adoptStyles(target: ShadowRoot | Document, ...texts: string[]): void {
  const doc = target.ownerDocument ?? (target as Document);
  if (!target.adoptedStyleSheets) {
    const styles = texts.map((text) => Object.assign(doc.createElement('style'), { textContent: text }));
    (target === doc ? doc.head : target).append(...styles);
    return;
  }
  target.adoptedStyleSheets = [
    ...target.adoptedStyleSheets,
    ...texts.map((text) => {
      // A constructed sheet can only be adopted where it was made: in the target's own window.
      const sheet = new doc.defaultView!.CSSStyleSheet();
      sheet.replaceSync(text);
      return sheet;
    }),
  ];
}
