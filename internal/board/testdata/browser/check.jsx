// The board tests' page: the real Excalidraw and tldraw libraries, to
// load propdeck's board files the way the apps open them and say what
// they dropped or changed. Bundled by `npm run build` (esbuild), which
// .ci/run calls; never shipped.
import React from "react";
import { createRoot } from "react-dom/client";
import { Excalidraw, restore, restoreLibraryItems } from "@excalidraw/excalidraw";
import "@excalidraw/excalidraw/index.css";
import { Tldraw, createTLStore, createTLSchema, parseTldrawJsonFile, defaultShapeUtils, defaultBindingUtils } from "tldraw";
import "tldraw/tldraw.css";

// differences lists every property of want that got lacks or holds
// with another value: a repair, in the restored copy of an element.
function differences(want, got, path, out) {
  if (typeof want !== "object" || want === null) {
    if (want !== got) out.push(`${path}: ${JSON.stringify(want)} became ${JSON.stringify(got)}`);
    return out;
  }
  if (typeof got !== "object" || got === null) {
    out.push(`${path}: became ${JSON.stringify(got)}`);
    return out;
  }
  for (const k of Object.keys(want)) differences(want[k], got[k], `${path}.${k}`, out);
  for (const k of Object.keys(got)) if (!(k in want)) out.push(`${path}.${k}: added ${JSON.stringify(got[k])}`);
  return out;
}

function compareElements(input, restored, label) {
  const problems = [];
  const byId = new Map(restored.map((e) => [e.id, e]));
  for (const e of input) {
    const r = byId.get(e.id);
    if (!r) { problems.push(`${label} ${e.id} (${e.type}): dropped`); continue; }
    for (const d of differences(e, r, `${label} ${e.id}`, [])) problems.push(d);
  }
  if (restored.length !== input.length) problems.push(`${label}: ${input.length} elements in, ${restored.length} out`);
  return problems;
}

window.pdCheckExcalidraw = async (url) => {
  const scene = await (await fetch(url)).json();
  const out = restore(scene, null, null, { repairBindings: true, refreshDimensions: false });
  const problems = compareElements(scene.elements, out.elements, "element");
  for (const e of scene.elements) {
    if (e.type === "image" && !out.files[e.fileId]) problems.push(`image ${e.id}: file ${e.fileId} missing`);
  }
  return { elements: out.elements.length, files: Object.keys(out.files).length, problems };
};

window.pdCheckExcalidrawLib = async (url) => {
  const lib = await (await fetch(url)).json();
  const items = restoreLibraryItems(lib.libraryItems, "unpublished");
  const problems = [];
  if (items.length !== lib.libraryItems.length) problems.push(`${lib.libraryItems.length} items in, ${items.length} out`);
  for (const item of lib.libraryItems) {
    const got = items.find((i) => i.id === item.id);
    if (!got) { problems.push(`item ${item.id}: dropped`); continue; }
    if (got.status !== item.status) problems.push(`item ${item.id}: status ${item.status} became ${got.status}`);
    const restored = restore({ elements: item.elements }, null, null, { repairBindings: true, refreshDimensions: false }).elements;
    problems.push(...compareElements(item.elements, restored, `item ${item.id} element`));
  }
  return { items: items.length, problems };
};

window.pdCheckTldraw = async (url) => {
  const text = await (await fetch(url)).text();
  const input = JSON.parse(text);
  const schema = createTLSchema({ shapes: {}, bindings: {} });
  const parsed = parseTldrawJsonFile({ json: text, schema: createTLSchema() });
  if (!parsed.ok) return { records: 0, problems: [`not loaded: ${JSON.stringify(parsed.error)}`] };
  const got = new Map(parsed.value.allRecords().map((r) => [r.id, r]));
  const problems = [];
  for (const r of input.records) {
    const g = got.get(r.id);
    if (!g) { problems.push(`record ${r.id}: dropped`); continue; }
    problems.push(...differences(r, g, `record ${r.id}`, []));
  }
  void schema;
  return { records: got.size, problems };
};

let root;
function mount(el) {
  const host = document.getElementById("app");
  if (root) root.unmount();
  root = createRoot(host);
  root.render(el);
}

window.pdShowExcalidraw = async (url) => {
  await window.pdShowExcalidrawScene(await (await fetch(url)).json());
};

// pdShowExcalidrawLib lays a library's items out in a grid, as the
// cards would land on a board, to look at how Excalidraw draws them.
window.pdShowExcalidrawLib = async (url) => {
  const lib = await (await fetch(url)).json();
  const elements = [];
  lib.libraryItems.forEach((item, i) => {
    const dx = (i % 4) * 460, dy = Math.floor(i / 4) * 400;
    for (const e of item.elements) elements.push({ ...e, x: e.x + dx, y: e.y + dy });
  });
  await window.pdShowExcalidrawScene({ type: "excalidraw", version: 2, elements, files: {} });
};

window.pdShowExcalidrawScene = async (scene) => {
  let api;
  mount(<Excalidraw initialData={scene} excalidrawAPI={(a) => { api = a; }} />);
  for (let i = 0; i < 50 && !api; i++) await new Promise((r) => setTimeout(r, 100));
  await new Promise((r) => setTimeout(r, 1000));
  api.scrollToContent(api.getSceneElements(), { fitToViewport: true, viewportZoomFactor: 0.95 });
};

window.pdShowTldraw = async (url) => {
  const text = await (await fetch(url)).text();
  const parsed = parseTldrawJsonFile({ json: text, schema: createTLSchema() });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
  mount(<Tldraw store={parsed.value} onMount={(editor) => { editor.zoomToFit(); window.pdReady = true; }} />);
};
