/**
 * Marks CSS text for the build, which squeezes its whitespace out (scripts/minify-templates.js).
 * The styles interpolate nothing, so the text is all there is.
 */
export const css = (text: TemplateStringsArray): string => text[0]!;

/**
 * Adds styles to a shadow root, after those it has. A constructed sheet needs no
 * `style-src 'unsafe-inline'`, so strict CSPs keep working; Safari before 16.4 cannot adopt
 * sheets and gets `<style>` elements instead.
 */
export function adoptStyles(root: ShadowRoot, ...texts: string[]): void {
  if (!root.adoptedStyleSheets) {
    root.append(...texts.map((text) => Object.assign(document.createElement('style'), { textContent: text })));
    return;
  }
  root.adoptedStyleSheets = [
    ...root.adoptedStyleSheets,
    ...texts.map((text) => {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(text);
      return sheet;
    }),
  ];
}
