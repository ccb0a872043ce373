// Starts the web app. A file of its own (not inline in index.html) so the
// Content-Security-Policy can forbid inline scripts; scripts/build-web writes
// the fingerprinted names in.
import init from "/onestop_web.js";
init({ module_or_path: "/onestop_web_bg.wasm" });
