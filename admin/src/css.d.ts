/** Stylesheets imported as text (rollup's css-text plugin), for shadow roots. */
declare module '*.css' {
  const text: string;
  export default text;
}
