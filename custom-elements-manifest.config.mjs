/** The module that exports the element in the published package: the ESM build, not `src/`, which is not shipped. */
const PACKAGE_MODULE = 'dist/index.js';

/**
 * Describes the package as npm users get it: one module, `dist/index.js`, exporting the element
 * and `defineCaratConsent`; the embed `dist/carat-consent.js` defines the tag too. Private and
 * protected members are internals, not API, so they are left out.
 */
function describeShippedPackage() {
  return {
    name: 'carat-consent-shipped-package',
    packageLinkPhase({ customElementsManifest: manifest }) {
      const declarations = manifest.modules.flatMap((m) => m.declarations ?? []);
      for (const declaration of declarations) {
        if (declaration.members) declaration.members = declaration.members.filter((m) => !m.privacy || m.privacy === 'public');
        // The element's base class is internal (src/ui/reactive-host.ts, not shipped): to tools it is an HTMLElement.
        if (declaration.superclass?.module?.startsWith('/src/')) declaration.superclass = { name: 'HTMLElement', package: 'global:' };
      }
      const exports = manifest.modules
        .flatMap((m) => m.exports ?? [])
        .map((e) => ({ ...e, declaration: { ...e.declaration, module: PACKAGE_MODULE } }));
      manifest.modules = [
        { kind: 'javascript-module', path: PACKAGE_MODULE, declarations, exports },
        {
          kind: 'javascript-module',
          path: 'dist/carat-consent.js',
          declarations: [],
          exports: exports.filter((e) => e.kind === 'custom-element-definition'),
        },
      ];
    },
  };
}

export default {
  globs: ['src/ui/carat-consent.ts', 'src/define.ts'],
  litelement: true,
  packagejson: false,
  plugins: [describeShippedPackage()],
};
