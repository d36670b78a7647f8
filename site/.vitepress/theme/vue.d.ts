// Single-file components, typed for `tsc -p site` (VitePress compiles them).
declare module "*.vue" {
  import type { DefineComponent } from "vue";

  const component: DefineComponent;
  export default component;
}
