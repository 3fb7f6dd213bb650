// esbuild loads .css files as text (scripts/build.mjs: loader { '.css': 'text' }).
declare module '*.css' {
  const text: string;
  // eslint-disable-next-line no-restricted-syntax -- the text loader's shape is a default export
  export default text;
}
