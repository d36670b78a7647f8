// The default VitePress theme plus the two pages that are applications.

import type { Theme } from "vitepress";
import DefaultTheme from "vitepress/theme";
import MediaTypes from "./MediaTypes.vue";
import Playground from "./Playground.vue";
import "./style.css";

const theme: Theme = {
  extends: DefaultTheme,
  enhanceApp({ app }) {
    app.component("Playground", Playground);
    app.component("MediaTypes", MediaTypes);
  },
};
export default theme;
