export default {
  globs: ['src/ui/carat-consent.ts', 'src/define.ts'],
  litelement: true,
  packagejson: false,
};
