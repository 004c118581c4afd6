// propdeck run: the pages of a live session. Everything the server sends is
// put on the page as text, never as markup.
"use strict";

const body = document.body;
const view = body.dataset.view;
const token = body.dataset.token;
const role = body.dataset.role;
const words = JSON.parse(body.dataset.words);
// Every closed list the page offers (ratings, note tags), each value as
// the journal spells it with its label, comes from the server.
const vocab = JSON.parse(body.dataset.vocab);
const label = (list, id) => (list.find((v) => v.id === id) || { label: id }).label;
const startMS = Number(body.dataset.start);
// Each round's start and the story's time there (ms from T+0): a round
// may move the story's clock on.
const jumps = JSON.parse(body.dataset.jumps || "[]");

// storyMS is the story's time, in ms from T+0, at a point of the script.
function storyMS(offset) {
  let story = offset;
  for (const [at, s] of jumps) if (at <= offset) story = s + (offset - at);
  return story;
}
const zoneMinutes = Number(body.dataset.zone);
let state = null;
let fetchedAt = 0;
let query = "";

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "onclick") e.addEventListener("click", v);
    else if (k === "class") e.className = v;
    else e.setAttribute(k, v);
  }
  for (const c of children) {
    if (c === null || c === undefined) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

function section(title, ...children) {
  return el("section", {}, el("h2", {}, title), ...children);
}

// apiPath is where the page's own data is, as the server's table of page
// kinds says.
function apiPath() { return body.dataset.api; }

// post sends one event; once it is stored, the fields it came from are
// emptied for the next one.
async function post(event, ...clear) {
  const res = await fetch("/api/events", {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Token": token },
    body: JSON.stringify(event),
  });
  if (!res.ok) { alert(await res.text()); return; }
  for (const id of clear) { const e = document.getElementById(id); if (e) e.value = ""; }
}

function sessionSeconds() {
  if (!state || view !== "facilitator") return 0;
  return state.t + (state.running ? (Date.now() - fetchedAt) / 1000 : 0);
}

function two(n) { return String(Math.floor(n)).padStart(2, "0"); }

function tick() {
  if (!state) return;
  if (view === "facilitator") {
    const t = sessionSeconds();
    document.getElementById("session").textContent =
      words.Session + " T+" + two(t / 3600) + ":" + two((t % 3600) / 60) + ":" + two(t % 60);
    const story = new Date(startMS + storyMS(t * 1000 * (state.pace || 1)) + zoneMinutes * 60000);
    document.getElementById("story").textContent =
      words.Story + " " + two(story.getUTCHours()) + ":" + two(story.getUTCMinutes());
  } else {
    document.getElementById("session").textContent = "";
    document.getElementById("story").textContent = words.Story + " " + state.clock;
  }
  document.getElementById("status").textContent =
    state.ended ? words.Ended : state.running ? "" : (state.started === false ? words.NotStarted : words.Paused);
}

// cardView shows a card as the deck prints it, an image drawn by the same
// code, with its words as text below for search and screen readers.
function cardView(c) {
  return el("article", { class: "card", "data-clue": c.id },
    el("img", { src: "/api/card/" + encodeURIComponent(c.id) + "?token=" + encodeURIComponent(token), alt: c.title, loading: "lazy" }),
    el("h3", {}, c.title),
    el("div", { class: "meta" }, c.at + " · " + (c.to.length ? c.to.join(", ") : words.Everyone) + (c.system ? " · " + c.system : "")),
    c.body ? el("p", {}, c.body) : null,
    c.lines ? el("details", {}, el("summary", {}, words.LogLines.replace("%d", c.lines.length)), el("pre", {}, c.lines.join("\n"))) : null);
}

function renderPublic(app) {
  app.append(section(words.Round, ...state.rounds.map((r) => el("div", { class: "item" }, r))));
  const cards = state.cards.length ? state.cards.map(cardView) : [el("p", { class: "meta" }, words.NoCards)];
  app.append(section(words.Cards, ...cards));
}

// renderRoles shows, for the facilitator, what each role holds now and
// which timed cards are still to come for it.
function renderRoles(app) {
  const brief = (b) => b.id + " " + b.title + " (" + b.at + ")";
  app.append(section(words.ByRole, ...state.byRole.map((h) =>
    el("div", { class: "item holding", "data-role": h.role },
      el("strong", {}, h.name),
      el("div", {}, words.Holds + ": " + (h.holds.map(brief).join(" · ") || "—")),
      el("div", { class: "meta" }, words.Coming + ": " + (h.coming.map(brief).join(" · ") || "—"))))));
}

function clockButtons() {
  const b = [el("span", { id: "seq", class: "meta", "data-seq": state.seq }, "")];
  if (!state.started) b.push(el("button", { class: "primary", id: "start", onclick: () => post({ kind: "start", pace: Number(body.dataset.pace) || 1 }) }, words.Start));
  else if (state.ended) return b;
  else if (state.running) b.push(el("button", { id: "pause", onclick: () => post({ kind: "pause" }) }, words.Pause));
  else b.push(el("button", { class: "primary", id: "resume", onclick: () => post({ kind: "resume" }) }, words.Resume));
  if (state.started) b.push(el("button", { id: "end", onclick: () => { if (confirm(words.End + "?")) post({ kind: "end" }); } }, words.End));
  return b;
}

function pendingItem(p, label) {
  return el("div", { class: "item", "data-clue": p.id },
    el("strong", {}, p.id + " · " + p.title),
    el("div", { class: "meta" }, p.offset + " · " + p.kind + " · " + words.To + ": " + (p.to.length ? p.to.join(", ") : words.Everyone)),
    el("button", { class: "hand", onclick: () => post({ kind: "reveal", clue: p.id }) }, label));
}

function renderRound(app) {
  const r = state.round;
  if (!r) return;
  const expect = r.expect.map((x, n) => {
    // Observed defaults to now: left empty, the event's own time counts.
    const observed = el("input", { id: "observed-" + n, class: "observed", placeholder: words.Observed + " (" + state.offset + ")" });
    const note = el("input", { id: "rating-note-" + n, class: "rating-note", placeholder: words.RatingNote });
    const rate = (v) => el("button", { class: "rate" + (x.rating === v.id ? " on" : ""), "data-rating": v.id,
      onclick: () => post({ kind: "rating", role: x.role, action: x.action, rating: v.id, observed: observed.value.trim(), note: note.value.trim() }, observed.id, note.id) }, v.label);
    return el("div", { class: "item secret" },
      el("div", {}, x.roleName + ": " + x.action),
      el("div", { class: "meta" }, (x.by ? words.By + " " + x.by : "") + (x.observed ? " · " + x.observed : ""), x.late ? el("span", { class: "late" }, " " + words.Late) : null),
      observed, note, ...vocab.ratings.map(rate));
  });
  app.append(section(words.Round + " " + (r.index + 1) + " · " + r.title,
    el("h3", {}, words.ReadAloud), el("p", {}, r.setup),
    el("h3", {}, words.Questions), el("ul", {}, ...(r.questions || []).map((q) => el("li", {}, q))),
    el("h3", {}, words.Expected), ...expect));
}

function renderCards(app) {
  const due = state.due.length ? state.due.map((p) => pendingItem(p, words.HandOut)) : [el("p", { class: "meta" }, words.NothingDue)];
  app.append(section(words.Due, ...due));
  if (state.next.length) app.append(section(words.Next, ...state.next.map((p) => pendingItem(p, words.Early))));
  if (state.contingencies.length) {
    app.append(section(words.Contingencies, ...state.contingencies.map((p) => el("div", { class: "item", "data-clue": p.id },
      el("strong", {}, p.id + " · " + p.title),
      el("div", { class: "secret" }, words.Condition + ": " + p.condition + (p.replaces ? " · " + words.Replaces + " " + p.replaces : "")),
      el("button", { class: "fire", onclick: () => post({ kind: "contingency", clue: p.id, fired: true }) }, words.Fired),
      el("button", { class: "skip", onclick: () => post({ kind: "contingency", clue: p.id, fired: false }) }, words.NotNeeded)))));
  }
}

function renderRequests(app) {
  const search = el("input", { id: "search", placeholder: words.Search, value: query });
  const list = el("div", {});
  const fill = () => {
    list.replaceChildren(...state.requests.filter((p) => (p.id + " " + p.ask + " " + p.title + " " + (p.system || "")).toLowerCase().includes(query.toLowerCase()))
      .map((p) => el("div", { class: "item", "data-clue": p.id },
        el("strong", {}, p.ask), el("div", { class: "meta" }, (p.system || "") + " · " + p.id + " · " + p.title),
        p.handed ? el("span", { class: "meta" }, "✓") : el("button", { class: "answer", onclick: () => post({ kind: "request", ask: p.ask, clue: p.id }) }, words.HandOut))));
  };
  search.addEventListener("input", () => { query = search.value; fill(); });
  fill();
  const ask = el("input", { id: "ask", placeholder: words.AskedNoCard });
  const asked = state.asked.map((e) => el("div", { class: "meta" }, words.Asked + ": " + e.ask + (e.clue ? " → " + e.clue : " · " + words.NoCard)));
  app.append(section(words.Requests, search, list, ask,
    el("button", { id: "no-card", onclick: () => { if (ask.value.trim()) post({ kind: "request", ask: ask.value.trim() }, "ask"); } }, words.AskedNoCard), ...asked));
}

function renderComplications(app) {
  const left = state.complications.filter((c) => !c.drawn);
  const draw = el("button", { id: "draw", onclick: () => { if (state.nextDraw) post({ kind: "complication", card: state.nextDraw }); } }, words.Draw);
  const pick = el("select", { id: "pick" }, ...left.map((c) => el("option", { value: c.id }, c.id + " · " + c.title)));
  const drawn = state.drawn.map((e) => el("div", { class: "item drawn" }, words.Drawn + ": " + e.card));
  app.append(section(words.Complications, draw, pick, el("button", { onclick: () => post({ kind: "complication", card: pick.value }) }, words.Pick), ...drawn));
}

function renderNotes(app) {
  const tag = el("select", { id: "tag" }, ...vocab.tags.map((t) => el("option", { value: t.id }, t.label)));
  const text = el("textarea", { id: "note" });
  const who = el("input", { id: "who", placeholder: words.Who });
  const options = el("input", { id: "options", placeholder: words.Options });
  const why = el("input", { id: "rationale", placeholder: words.Rationale });
  const notes = state.notes.slice().reverse().map((n) => el("div", { class: "item note" },
    el("div", { class: "meta" }, "T+" + two(n.t / 60) + "m · " + (n.kind === "decision" ? words.Decision : label(vocab.tags, n.tag))), n.text));
  app.append(section(words.Notes, tag, text,
    el("button", { id: "add-note", onclick: () => { if (text.value.trim()) post({ kind: "note", tag: tag.value, text: text.value.trim() }, "note"); } }, words.AddNote),
    who, options, why,
    el("button", { id: "add-decision", onclick: () => post({ kind: "decision", text: text.value.trim(), who: who.value, options: options.value.split(",").map((o) => o.trim()).filter(Boolean), rationale: why.value }, "note", "who", "options", "rationale") }, words.AddDecision),
    ...notes));
}

function render() {
  const app = document.getElementById("app");
  const focused = document.activeElement && document.activeElement.id;
  const keep = {};
  for (const e of document.querySelectorAll("input[id], textarea[id]")) keep[e.id] = e.value;
  app.replaceChildren();
  if (view === "facilitator") {
    // The journal's file failed (a full disk, the file removed): said
    // above everything until a write succeeds.
    if (state.warning) app.append(el("p", { id: "warning", class: "warning", role: "alert" }, state.warning));
    app.append(section(words.Pages.facilitator, ...clockButtons(), el("p", { class: "meta" }, words.Keys)));
    renderRound(app); renderCards(app); renderRequests(app); renderComplications(app); renderNotes(app); renderPublic(app); renderRoles(app);
  } else if (view === "scribe") {
    app.append(el("span", { id: "seq", class: "meta", "data-seq": state.seq }, ""));
    renderNotes(app);
  } else {
    renderPublic(app);
  }
  for (const [id, v] of Object.entries(keep)) { const e = document.getElementById(id); if (e) e.value = v; }
  if (focused && document.getElementById(focused)) document.getElementById(focused).focus();
  tick();
}

let shown = "";

// show takes a new view; the page is drawn again only when more than the
// running clock changed, so that a button is not replaced under a click.
function show(data) {
  state = data;
  fetchedAt = Date.now();
  document.getElementById("offline").hidden = true;
  const key = JSON.stringify({ ...data, t: 0, offset: "", clock: "" });
  if (key !== shown) {
    shown = key;
    render();
  }
  tick();
}

// merged is a stream's view with the notes the page has: a message
// brings only the notes after the last event the page had.
function merged(data) {
  if (!data.notes || !state || !state.notes) return data;
  const last = state.notes.length ? state.notes[state.notes.length - 1].seq : 0;
  data.notes = state.notes.concat(data.notes.filter((n) => n.seq > last));
  return data;
}

function listen() {
  const since = state && state.seq !== undefined ? "&since=" + state.seq : "";
  const source = new EventSource("/api/stream?token=" + encodeURIComponent(token) + since);
  source.onmessage = (m) => show(merged(JSON.parse(m.data)));
  source.onerror = () => { document.getElementById("offline").hidden = false; };
}

document.addEventListener("keydown", (e) => {
  if (view !== "facilitator" || !state || ["INPUT", "TEXTAREA", "SELECT"].includes(e.target.tagName)) return;
  if (e.key === " ") { e.preventDefault(); post(!state.started ? { kind: "start", pace: Number(body.dataset.pace) || 1 } : { kind: state.running ? "pause" : "resume" }); }
  if (e.key === "h" && state.due.length) post({ kind: "reveal", clue: state.due[0].id });
  if (e.key === "n") { e.preventDefault(); document.getElementById("note").focus(); }
  if (e.key === "/") { e.preventDefault(); document.getElementById("search").focus(); }
});

fetch(apiPath(), { headers: { "X-Token": token } }).then((r) => r.json()).then(show).then(listen);
setInterval(tick, 1000);
