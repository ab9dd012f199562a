// comlink ships this adapter's types as node-adapter.d.ts beside node-adapter.mjs, which TypeScript's
// resolution for a ".mjs" import does not find; point it at them.
declare module 'comlink/dist/esm/node-adapter.mjs' {
  export { default } from 'comlink/dist/esm/node-adapter';
}
