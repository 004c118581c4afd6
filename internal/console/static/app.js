// propdeck run: the pages of a live session. Everything the server sends is
// put on the page as text, never as markup. The page is drawn by region:
// each region redraws only when its own slice of the view changed, and
// never while the user is typing or choosing in it.
"use strict";

const body = document.body;
const view = body.dataset.view;
const token = body.dataset.token;
const words = JSON.parse(body.dataset.words);
// Every closed list the page offers (ratings, note tags), each value as
// the journal spells it with its label, comes from the server.
const vocab = JSON.parse(body.dataset.vocab);
const label = (list, id) => (list.find((v) => v.id === id) || { label: id }).label;
const kindOf = (id) => label(vocab.kinds, id);
const startMS = Number(body.dataset.start);
const zoneMinutes = Number(body.dataset.zone);
const pace = Number(body.dataset.pace) || 1;
// Each round's start and the story's time there (ms from T+0): a round
// may move the story's clock on.
const jumps = JSON.parse(body.dataset.jumps || "[]");
let state = null;
let fetchedAt = 0;
let query = "";

// storyMS is the story's time, in ms from T+0, at a point of the script.
function storyMS(offset) {
  let story = offset;
  for (const [at, s] of jumps) if (at <= offset) story = s + (offset - at);
  return story;
}

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

const byId = (id) => document.getElementById(id);
const value = (id) => byId(id).value.trim();
const meta = (text) => el("p", { class: "meta" }, text);
const toWhom = (c) => (c.to.length ? c.to.join(", ") : words.Everyone);

// post sends one event; once it is stored, the fields it came from are
// emptied for the next one.
async function post(event, ...clear) {
  const headers = { "Content-Type": "application/json", "X-Token": token };
  // A vote carries the device's own id: in a poll open to everyone the
  // console makes a ballot of it, and writes the id nowhere.
  if (view === "player" && event.kind === "vote") headers["X-Device"] = device();
  const res = await fetch("/api/events", { method: "POST", headers, body: JSON.stringify(event) });
  if (!res.ok) { alert(await res.text()); return false; }
  for (const id of clear) { const e = byId(id); if (e) e.value = ""; }
  return true;
}

// device is this browser's own random id, made once and kept.
function device() {
  let d = localStorage.getItem("propdeck-device");
  if (!d) {
    const b = crypto.getRandomValues(new Uint8Array(16));
    d = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
    localStorage.setItem("propdeck-device", d);
  }
  return d;
}

function two(n) { return String(Math.floor(n)).padStart(2, "0"); }

// storyClock is the story's clock (HH:MM, as cards and the record give
// it) at a session second: one clock on every part of the page.
function storyClock(t) {
  const story = new Date(startMS + storyMS(t * 1000 * (state.pace || pace)) + zoneMinutes * 60000);
  return two(story.getUTCHours()) + ":" + two(story.getUTCMinutes());
}

function sessionSeconds() {
  if (!state || view !== "facilitator") return 0;
  return state.t + (state.running ? (Date.now() - fetchedAt) / 1000 : 0);
}

function tick() {
  if (!state) return;
  if (view === "facilitator") {
    const t = sessionSeconds();
    byId("session").textContent =
      words.Session + " T+" + two(t / 3600) + ":" + two((t % 3600) / 60) + ":" + two(t % 60);
    byId("story").textContent = words.Story + " " + storyClock(t);
  } else {
    byId("session").textContent = "";
    byId("story").textContent = words.Story + " " + state.clock;
  }
  const notYet = state.started === false ? words.NotStarted : words.Paused;
  byId("status").textContent = state.ended ? words.Ended : state.running ? "" : notYet;
}

// cardView shows a card as the deck prints it, an image drawn by the same
// code, with its words as text below for search and screen readers.
function cardView(c, opts) {
  const o = opts || {};
  const src = "/api/card/" + encodeURIComponent(c.id) + "?token=" + encodeURIComponent(token);
  const lines = c.lines && el("details", o.openLog ? { open: "" } : {},
    el("summary", {}, words.LogLines.replace("%d", c.lines.length)), el("pre", {}, c.lines.join("\n")));
  const img = el("img", { src, alt: c.title, loading: o.eager ? "eager" : "lazy" });
  const open = el("button", { class: "open", "aria-label": words.Open + ": " + c.title, onclick: () => openCard(c) }, img);
  return el("article", { class: "card" + (o.fresh ? " fresh" : ""), "data-key": c.id, "data-clue": c.id },
    o.fresh ? el("p", { class: "new" }, words.New) : null,
    o.zoom ? open : img,
    el("h3", {}, c.title),
    el("div", { class: "meta" }, c.at + " · " + kindOf(c.kind) + " · " + toWhom(c) + (c.system ? " · " + c.system : "")),
    c.body ? el("p", {}, c.body) : null, lines, runbookLink(c));
}

// runbookLink is a card's runbook as a link, for the web's own schemes only.
function runbookLink(c) {
  if (!/^https?:\/\//i.test(c.runbook || "")) return null;
  return el("p", {}, el("a", { href: c.runbook, rel: "noopener noreferrer", target: "_blank" }, words.Runbook + ": " + c.runbook));
}

// openCard shows a card full size in the page's one dialog: its image,
// its words and its log, readable on a phone; Escape or Close ends it.
function openCard(c) {
  const d = byId("full");
  const close = el("button", { class: "close", onclick: () => d.close() }, words.Close);
  const view = cardView(c, { openLog: true, eager: true });
  d.replaceChildren(close, view);
  d.setAttribute("aria-label", c.title);
  d.showModal();
  close.focus();
  // A chart or a log is only in the picture; other cards' words are
  // under it, readable as they are.
  if (!c.picture) return;
  const img = view.querySelector("img");
  if (img.complete) turnToFit(img); else img.addEventListener("load", () => turnToFit(img), { once: true });
}

// turnToFit turns a landscape card a quarter on a portrait screen, as a
// player turns a phone, so that its chart or log takes the screen's
// length: at phone width a card's small print is too small to read.
function turnToFit(img) {
  const w = img.clientWidth, nw = img.naturalWidth, nh = img.naturalHeight;
  if (!nw || !nh || nw <= nh || innerWidth >= innerHeight) return;
  const long = Math.min(w * nw / nh, innerHeight - 96);
  const box = el("div", { class: "turned" });
  box.style.height = long + "px";
  img.replaceWith(box);
  box.append(img);
  img.style.width = long + "px";
}

function clockButtons(box) {
  const b = (id, cls, text, event) => el("button", { id, class: cls, onclick: event }, text);
  const start = () => post({ kind: "start", pace });
  if (!state.started) box.append(b("start", "primary", words.Start, start));
  if (!state.started || state.ended) return;
  if (state.running) box.append(b("pause", "", words.Pause, () => post({ kind: "pause" })));
  else box.append(b("resume", "primary", words.Resume, () => post({ kind: "resume" })));
  box.append(b("end", "", words.End, () => { if (confirm(words.End + "?")) post({ kind: "end" }); }));
}

function pendingItem(p, text) {
  return el("div", { class: "item", "data-key": p.id, "data-clue": p.id },
    el("strong", {}, p.id + " · " + p.title),
    el("div", { class: "meta" }, p.offset + " · " + kindOf(p.kind) + " · " + words.To + ": " + toWhom(p) + " · " + words.Deck + ": " + p.deck),
    el("button", { class: "hand", onclick: () => post({ kind: "reveal", clue: p.id }) }, text));
}

// expectItem is an expected action with its rating buttons and the two
// fields a rating may carry.
function expectItem(x, n, round) {
  // Observed defaults to now: left empty, the event's own time counts.
  const key = round + "-" + n;
  const what = x.roleName + ": " + x.action;
  const observed = el("input", { id: "observed-" + key, class: "observed",
    placeholder: words.Observed + " (" + state.offset + ")", "aria-label": words.Observed + " · " + what });
  const note = el("input", { id: "rating-note-" + key, class: "rating-note",
    placeholder: words.RatingNote, "aria-label": words.RatingNote + " · " + what });
  const rate = (v) => el("button", {
    class: "rate" + (x.rating === v.id ? " on" : ""), "data-rating": v.id,
    onclick: () => post({ kind: "rating", role: x.role, action: x.action, rating: v.id,
      observed: observed.value.trim(), note: note.value.trim() }, observed.id, note.id),
  }, v.label);
  const by = (x.by ? words.By + " " + x.by : "") + (x.observed ? " · " + x.observed : "");
  return el("div", { class: "item secret expect", "data-key": x.role + "/" + key, "data-rated": x.rating || "" },
    el("div", {}, what),
    el("div", { class: "meta" }, by, x.late ? el("span", { class: "late" }, " " + words.Late) : null),
    observed, note, ...vocab.ratings.map(rate));
}

// carriedItem is an open action carried from an earlier session, with
// the same rating buttons as an expected action.
function carriedItem(c, n) {
  const note = el("input", { id: "carried-note-" + n, class: "rating-note",
    placeholder: words.RatingNote, "aria-label": words.RatingNote + " · " + c.title });
  const rate = (v) => el("button", {
    class: "rate" + (c.rating === v.id ? " on" : ""), "data-rating": v.id,
    onclick: () => post({ kind: "rating", retest: c.id, rating: v.id, note: note.value.trim() }, note.id),
  }, v.label);
  const meta2 = [c.id, c.owner && words.Owner + ": " + c.owner, c.due && words.DueOn + ": " + c.due,
    c.from && words.FromSession + ": " + c.from].filter(Boolean).join(" · ");
  return el("div", { class: "item secret expect carried", "data-key": "carried/" + c.id, "data-rated": c.rating || "" },
    el("div", {}, c.title), el("div", { class: "meta" }, meta2), note, ...vocab.ratings.map(rate));
}

function drawRound(box) {
  const r = state.round;
  box.append(el("h2", {}, words.Round + " " + (r.index + 1) + " · " + r.title),
    el("h3", {}, words.ReadAloud), el("p", {}, r.setup),
    el("h3", {}, words.Questions), el("ul", {}, ...(r.questions || []).map((q) => el("li", {}, q))),
    el("h3", {}, words.Expected), ...r.expect.map((x, n) => expectItem(x, n, r.index)));
}

// drawEarlier is the rounds before the current one, the latest first,
// their expected actions still to rate.
function drawEarlier(box) {
  for (const r of state.earlier) {
    box.append(el("h3", {}, words.Round + " " + (r.index + 1) + " · " + r.title),
      ...r.expect.map((x, n) => expectItem(x, n, r.index)));
  }
}

function drawContingencies(box) {
  for (const p of state.contingencies) {
    const why = words.Condition + ": " + p.condition + (p.replaces ? " · " + words.Replaces + " " + p.replaces : "");
    const fire = (fired) => () => post({ kind: "contingency", clue: p.id, fired });
    box.append(el("div", { class: "item", "data-key": p.id, "data-clue": p.id },
      el("strong", {}, p.id + " · " + p.title), el("div", { class: "secret" }, why),
      el("button", { class: "fire", onclick: fire(true) }, words.Fired),
      el("button", { class: "skip", onclick: fire(false) }, words.NotNeeded)));
  }
}

// found are the on-request cards the search matches.
function found() {
  const q = query.toLowerCase();
  return state.requests.filter((p) => (p.id + " " + p.ask + " " + p.title + " " + (p.system || "")).toLowerCase().includes(q));
}

function drawRequests(box) {
  for (const p of found()) {
    const answer = () => post({ kind: "request", ask: p.ask, clue: p.id });
    box.append(el("div", { class: "item", "data-key": p.id, "data-clue": p.id },
      el("strong", {}, p.ask), el("div", { class: "meta" }, (p.system || "") + " · " + p.id + " · " + p.title),
      p.handed ? el("span", { class: "meta" }, "✓") : el("button", { class: "answer", onclick: answer }, words.HandOut)));
  }
  for (const e of state.asked) {
    box.append(el("div", { class: "meta" }, words.Asked + ": " + e.ask + (e.clue ? " → " + e.clue : " · " + words.NoCard)));
  }
}

function requestForm() {
  const search = el("input", { id: "search", placeholder: words.Search, "aria-label": words.Search });
  search.addEventListener("input", () => { query = search.value; redraw("requests"); });
  const ask = el("input", { id: "ask", placeholder: words.AskedNoCard, "aria-label": words.AskedNoCard });
  const noCard = () => { if (value("ask")) post({ kind: "request", ask: value("ask") }, "ask"); };
  // Enter hands out the first card found, or says none was: a request
  // answered without the mouse.
  search.addEventListener("keydown", (e) => {
    const p = e.key === "Enter" && found().find((p) => !p.handed);
    if (p) { query = ""; post({ kind: "request", ask: p.ask, clue: p.id }, "search"); }
  });
  ask.addEventListener("keydown", (e) => { if (e.key === "Enter") noCard(); });
  return [search, ask, el("button", { id: "no-card", onclick: noCard }, words.AskedNoCard)];
}

// picker is a native select of titles and, under it, the chosen one's
// whole title and more: a select shows its choice cut at its width, and
// a card's title is often longer than a column.
function picker(attrs, items, more) {
  const pick = el("select", attrs, ...items.map((x) => el("option", { value: x.id }, x.title)));
  const said = el("p", { class: "meta picked" });
  const tell = () => { const x = items.find((i) => i.id === pick.value); said.textContent = x ? x.title + (more(x) ? " · " + more(x) : "") : ""; };
  pick.addEventListener("change", tell);
  tell();
  return [pick, said];
}

function drawComplications(box) {
  const left = state.complications.filter((c) => !c.drawn);
  const [pick, said] = picker({ id: "pick", "aria-label": words.Pick }, left, (c) => c.body);
  const draw = () => { if (state.nextDraw) post({ kind: "complication", card: state.nextDraw }); };
  // The picker takes the row's width, its buttons under it: a title cut
  // short at a column's width is a card the facilitator cannot tell.
  box.append(el("div", { class: "row" }, pick, said,
    el("button", { id: "pick-one", onclick: () => post({ kind: "complication", card: pick.value }) }, words.Pick),
    el("button", { id: "draw", onclick: draw }, words.Draw)));
  for (const c of state.drawn.slice().reverse()) {
    const toggle = c.shown
      ? el("button", { class: "hide", onclick: () => post({ kind: "show" }) }, words.Hide)
      : el("button", { class: "show", onclick: () => post({ kind: "show", card: c.id }) }, words.Show);
    box.append(el("div", { class: "item drawn" + (c.shown ? " shown" : ""), "data-key": c.id },
      el("strong", {}, c.title), el("div", { class: "meta" }, words.Drawn + " " + c.at + (c.shown ? " · " + words.OnScreen : "")),
      el("p", {}, c.body), toggle));
  }
}

// noteForm is drawn once: what the user types in it is never redrawn.
function noteForm() {
  const field = (tag, id, text) => el(tag, { id, placeholder: text, "aria-label": text });
  const tag = el("select", { id: "tag", "aria-label": words.Notes },
    ...vocab.tags.map((t) => el("option", { value: t.id }, t.label)));
  const add = () => { if (value("note")) post({ kind: "note", tag: tag.value, text: value("note") }, "note"); };
  const decide = () => post({ kind: "decision", text: value("note"), who: byId("who").value,
    options: byId("options").value.split(",").map((o) => o.trim()).filter(Boolean),
    rationale: byId("rationale").value }, "note", "who", "options", "rationale");
  return [tag, field("textarea", "note", words.Notes),
    el("button", { id: "add-note", onclick: add }, words.AddNote),
    field("input", "who", words.Who), field("input", "options", words.Options),
    field("input", "rationale", words.Rationale),
    el("button", { id: "add-decision", onclick: decide }, words.AddDecision)];
}

function drawNotes(box) {
  for (const n of state.notes.slice().reverse()) {
    const what = n.kind === "decision" ? words.Decision : (n.tag ? label(vocab.tags, n.tag) : "");
    const field = (name, v) => (v ? el("div", { class: "meta" }, name + ": " + v) : null);
    // A who that is a role's id is shown by its name, as the record has it.
    const who = ((state.byRole || []).find((h) => h.role === n.who) || { name: n.who }).name;
    box.append(el("div", { class: "item note", "data-key": String(n.seq) },
      el("div", { class: "meta" }, storyClock(n.t) + " · " + what), n.text,
      field(words.Who, who), field(words.Choices, (n.options || []).join(" · ")), field(words.Rationale, n.rationale)));
  }
}

// drawRoles shows, for the facilitator, what each role holds now and
// which timed cards are still to come for it.
function drawRoles(box) {
  const brief = (b) => b.id + " " + b.title + " (" + kindOf(b.kind) + ", " + b.at + ")";
  for (const h of state.byRole) {
    box.append(el("div", { class: "item holding", "data-key": h.role },
      el("strong", {}, h.name),
      el("div", {}, words.Holds + ": " + (h.holds.map(brief).join(" · ") || "—")),
      el("div", { class: "meta" }, words.Coming + ": " + (h.coming.map(brief).join(" · ") || "—")),
      // The role's page as a QR code, to hand it to its player's phone.
      el("details", {}, el("summary", {}, words.PhoneQR),
        el("img", { class: "qr", loading: "lazy", alt: words.PhoneQR + " · " + h.name,
          src: "/api/qr?role=" + encodeURIComponent(h.role) + "&token=" + encodeURIComponent(token) }))));
  }
}

// drawCards is the cards handed out as each page shows them: the
// facilitator's in the order handed out; the screen's earlier ones
// (the newest is its own region), the latest first; a player's the
// newest first and marked new, each opened full size with a tap.
function drawCards(box) {
  let cards = state.cards.slice();
  if (view === "screen") cards = cards.slice(0, -1);
  if (view !== "facilitator") cards.reverse();
  if (!state.cards.length) box.append(meta(words.NoCards));
  cards.forEach((c, i) => box.append(cardView(c, { zoom: view === "player", fresh: view === "player" && i === 0 })));
}

// drawAloud is the round the room is in, as the screen reads it out.
function drawAloud(box) {
  const r = state.aloud;
  box.append(el("h2", {}, words.Round + " " + (r.index + 1) + " · " + r.title), el("p", { class: "setup" }, r.setup),
    el("ul", { class: "questions" }, ...(r.questions || []).map((q) => el("li", {}, q))));
}

function drawShown(box) {
  box.append(el("p", { class: "new" }, state.shown.answer ? words.Answer : words.Complication),
    el("h3", {}, state.shown.title), el("p", {}, state.shown.body));
}

// The room: what a role asks, answers and votes, and the hot wash. The
// facilitator's view has them under room, the others' at the top.
const room = () => state.room || state;

function askItem(a) {
  const status = words.AskStatus[a.status] + (a.card ? ": " + a.card : "") + (a.reason ? ": " + a.reason : "");
  const item = el("div", { class: "item ask" + (a.hidden ? " hidden-text" : ""), "data-key": "ask-" + a.seq, "data-status": a.status },
    el("div", { class: "meta" }, [a.at, view === "player" ? "" : a.roleName, status, a.hidden ? words.Hidden : ""].filter(Boolean).join(" · ")),
    el("div", {}, a.text));
  if (view === "facilitator") item.append(...askButtons(a));
  return item;
}

// askButtons answer an open ask: with the card suggested, another
// on-request card, no card, or a decline; and hide its text.
function askButtons(a) {
  const out = [];
  if (a.open) {
    if (a.suggest) out.push(el("button", { class: "suggested", onclick: () => post({ kind: "request", answers: a.seq, clue: a.suggest }) },
      words.Suggested + ": " + a.suggest + " · " + a.suggestTitle));
    const left = state.requests.filter((p) => !p.handed);
    const [pick, said] = picker({ "aria-label": words.HandOut }, left, (p) => [p.id, p.system].filter(Boolean).join(" · "));
    if (left.length) out.push(el("div", { class: "row" }, pick, said,
      el("button", { onclick: () => post({ kind: "request", answers: a.seq, clue: pick.value }) }, words.HandOut)));
    out.push(el("button", { class: "no-card-exists", onclick: () => post({ kind: "request", answers: a.seq }) }, words.NoCardExists),
      el("button", { class: "decline", onclick: () => post({ kind: "decline", answers: a.seq }) }, words.Decline));
  }
  if (!a.hidden) out.push(hideButton(a.seq));
  return out;
}

const hideButton = (seq) => el("button", { class: "hide-text", onclick: () => post({ kind: "hide", event: seq }) }, words.HideText);

function answerItem(a) {
  const item = el("div", { class: "item answer" + (a.hidden ? " hidden-text" : ""), "data-key": "answer-" + a.seq },
    el("div", { class: "meta" }, [a.at, view === "player" ? "" : a.roleName, a.round ? words.Round + " " + a.round : "",
      a.shown ? words.OnScreen : "", a.hidden ? words.Hidden : ""].filter(Boolean).join(" · ")),
    el("div", {}, a.text));
  if (view !== "facilitator") return item;
  if (a.shown) item.append(el("button", { class: "unshow", onclick: () => post({ kind: "show" }) }, words.Hide));
  else if (!a.hidden) item.append(el("button", { class: "show-answer", onclick: () => post({ kind: "show", event: a.seq }) }, words.Show));
  if (!a.hidden) item.append(hideButton(a.seq));
  return item;
}

// myVote is this page's vote in a poll: its role's, or in a poll open to
// everyone the one this device gave (which only this device knows).
const myVote = (p) => p.mine || (p.anonymous ? localStorage.getItem("propdeck-vote-" + p.id) : null);

async function vote(p, option) {
  const sure = byId("confidence-" + p.id);
  const confidence = sure && sure.value ? Number(sure.value) : undefined;
  if (await post({ kind: "vote", poll: p.id, option, confidence }) && p.anonymous) {
    localStorage.setItem("propdeck-vote-" + p.id, option);
    redraw("polls");
  }
}

function pollItem(p) {
  const onScreen = view === "facilitator" && p.onScreen ? " · " + words.OnScreen : "";
  const item = el("div", { class: "item poll" + (p.open ? " open" : " closed"), "data-key": "poll-" + p.id, "data-votes": p.votes },
    el("h3", {}, p.question), el("div", { class: "meta" }, words.Voted.replace("%d", p.votes) + (p.anonymous ? " · " + words.ForEveryone : "") + onScreen));
  if (p.open && view === "player") {
    // How sure comes first, so that the vote stays one tap.
    const mine = myVote(p);
    item.append(el("select", { id: "confidence-" + p.id, class: "confidence", "aria-label": words.Confidence },
      el("option", { value: "" }, words.Confidence), ...[1, 2, 3, 4, 5].map((n) => el("option", { value: String(n) }, String(n)))),
    el("div", { class: "votes" }, ...p.options.map((o) =>
      el("button", { class: "vote" + (mine === o ? " on" : ""), "data-option": o, "aria-pressed": String(mine === o), onclick: () => vote(p, o) }, o))));
  }
  if (p.open && view === "facilitator") item.append(el("button", { class: "close-poll", onclick: () => post({ kind: "poll-close", poll: p.id }) }, words.ClosePoll));
  if (!p.open) item.append(...results(p));
  if (!p.open && view === "facilitator") item.append(resultToggle(p));
  return item;
}

// resultToggle takes a closed poll's result off the screen (a show of
// nothing, which clears the screen) or puts it back on.
function resultToggle(p) {
  return p.onScreen
    ? el("button", { class: "unshow-result", onclick: () => post({ kind: "show" }) }, words.Hide)
    : el("button", { class: "show-result", onclick: () => post({ kind: "show", event: p.closed }) }, words.Show);
}

// results are a closed poll's votes per option, its agreement and, when
// the scenario scored it, the answer expected.
function results(p) {
  const rows = p.results.map((r) => el("div", { class: "tally" + (r.option === p.top ? " top" : "") },
    el("span", {}, r.option + " · " + r.votes), el("progress", { max: String(Math.max(p.votes, 1)), value: String(r.votes), "aria-label": r.option })));
  const verdict = p.votes ? words.Verdict.replace("%s", p.unified ? words.Unified : words.Split).replace("%d", p.agreement) : "";
  const out = [...rows, el("p", { class: "verdict" + (p.unified ? " unified" : " split") }, verdict)];
  if (p.expected) out.push(el("p", { class: "meta expected" }, words.ExpectedAnswer + ": " + p.expected));
  return out;
}

// drawPolls is the polls, the open ones first, each the newest first
// (the screen's in the order the server gives: the open ones, then the
// result kept on it); on the
// facilitator's page after the polls its rounds prepared, each opened
// with a tap.
function drawPolls(box) {
  // Elsewhere the open ones come first, to vote in or close.
  const polls = (room().polls || []).slice();
  if (view !== "screen") polls.reverse().sort((a, b) => b.open - a.open);
  polls.forEach((p) => box.append(pollItem(p)));
  if (view === "player") firstThingsFirst();
  for (const p of (state.room && state.room.prepared) || []) {
    const open = () => post({ kind: "poll", id: p.id, question: p.question, options: p.options, anonymous: p.anonymous });
    box.append(el("div", { class: "item prepared", "data-key": "prepared-" + p.id },
      el("strong", {}, p.question), el("div", { class: "meta" }, p.options.join(" · ") + (p.anonymous ? " · " + words.ForEveryone : "")),
      el("button", { class: "open-prepared", onclick: open }, words.OpenPoll)));
  }
}

// firstThingsFirst puts a role's open poll, one tap, above the hot
// wash, and the hot wash above polls that are all closed: the page in
// the order of what the player must do now. The polls move, never the
// hot wash, so that a feedback being typed keeps its focus.
function firstThingsFirst() {
  const polls = byId("region-polls"), wash = byId("region-hotwash");
  const open = (room().polls || []).some((p) => p.open);
  if (open !== !!(polls.compareDocumentPosition(wash) & Node.DOCUMENT_POSITION_FOLLOWING)) {
    wash.parentNode.insertBefore(polls, open ? wash : wash.nextSibling);
  }
}

function pollForm() {
  const field = (id, text) => el("input", { id, placeholder: text, "aria-label": text });
  const everyone = el("input", { id: "poll-anonymous", type: "checkbox" });
  const open = () => post({ kind: "poll", id: value("poll-id"), question: value("poll-question"), anonymous: everyone.checked,
    options: byId("poll-options").value.split(",").map((o) => o.trim()).filter(Boolean) }, "poll-id", "poll-question", "poll-options");
  return [field("poll-id", words.PollID), field("poll-question", words.Question), field("poll-options", words.PollOptions),
    el("label", { class: "check" }, everyone, words.ForEveryone), el("button", { id: "open-poll", onclick: open }, words.OpenPoll)];
}

// textForm is a box to type in and its Send: an ask (with the
// scenario's systems as suggestions) or an answer.
function textForm(kind, hint, extra) {
  const id = kind + "-text";
  const field = el(kind === "ask" ? "input" : "textarea", { id, placeholder: hint, "aria-label": hint, maxlength: "4000" });
  if (kind === "ask") field.setAttribute("list", "systems");
  const send = () => { if (value(id)) post(Object.assign({ kind, text: value(id) }, extra ? extra() : {}), id); };
  if (kind === "ask") field.addEventListener("keydown", (e) => { if (e.key === "Enter") send(); });
  return [field, el("button", { id: kind + "-send", class: "primary", onclick: send }, words.Send)];
}

function feedbackForm() {
  const field = (id, text) => el("textarea", { id, placeholder: text, "aria-label": text, maxlength: "4000" });
  const score = el("select", { id: "fb-score", "aria-label": words.Score },
    el("option", { value: "" }, words.Score), ...[1, 2, 3, 4, 5].map((n) => el("option", { value: String(n) }, String(n))));
  const send = async () => {
    const e = { kind: "feedback", worked: value("fb-worked"), broke: value("fb-broke"), action: value("fb-action"),
      score: score.value ? Number(score.value) : undefined };
    if ((e.worked || e.broke || e.action) && await post(e, "fb-worked", "fb-broke", "fb-action")) {
      score.value = "";
      byId("fb-sent").textContent = words.Sent;
    }
  };
  return [field("fb-worked", words.Worked), field("fb-broke", words.Broke), field("fb-action", words.ToDo), score,
    el("button", { id: "fb-send", class: "primary", onclick: send }, words.Send), el("p", { id: "fb-sent", class: "sent", role: "status" })];
}

function drawHotWash(box) {
  const h = room().hotWash;
  if (view === "facilitator" && !h.open) {
    box.append(el("button", { id: "open-wash", onclick: () => post({ kind: "feedback-open" }) }, words.OpenHotWash),
      el("button", { id: "open-wash-named", onclick: () => post({ kind: "feedback-open", named: true }) }, words.OpenNamed));
  }
  if (view !== "screen") box.append(meta(h.named ? words.NamedWash : words.Anonymous));
  box.append(el("p", { class: "count", "data-count": h.count }, words.AnsweredCount.replace("%d", h.count)));
  for (const f of (view === "facilitator" && h.items) || []) {
    const say = [[words.Worked, f.worked], [words.Broke, f.broke], [words.ToDo, f.action], [words.Score, f.score]]
      .filter(([, v]) => v).map(([k, v]) => el("div", {}, k + ": " + v));
    box.append(el("div", { class: "item feedback" + (f.hidden ? " hidden-text" : ""), "data-key": "fb-" + f.seq },
      el("div", { class: "meta" }, [f.role, f.hidden ? words.Hidden : ""].filter(Boolean).join(" · ")), ...say,
      f.hidden ? null : hideButton(f.seq)));
  }
}

const list = (items, draw, none) => (box) => {
  if (!items().length && none) box.append(meta(none));
  for (const x of items()) box.append(draw(x));
};

// regions are the page's parts: each its title, its slice of the view (a
// region redraws only when that slice's JSON changed), how to draw it,
// an optional form drawn once, and whether it shows at all.
const regions = {
  warning: { slice: (s) => s.warning || "", shown: (s) => !!s.warning,
    draw: (box) => box.append(el("p", { id: "warning", class: "warning", role: "alert" }, state.warning)) },
  controls: { title: () => words.Pages.facilitator, slice: (s) => [s.started, s.running, s.ended],
    draw: clockButtons, after: () => [meta(words.Keys)] },
  round: { slice: (s) => s.round, shown: (s) => !!s.round, draw: drawRound },
  carried: { title: () => words.Carried, slice: (s) => s.carried, shown: (s) => (s.carried || []).length > 0,
    draw: (box) => state.carried.forEach((c, n) => box.append(carriedItem(c, n))) },
  earlier: { title: () => words.Earlier, slice: (s) => s.earlier, shown: (s) => s.earlier.length > 0, draw: drawEarlier },
  due: { title: () => words.Due, slice: (s) => s.due,
    draw: list(() => state.due, (p) => pendingItem(p, words.HandOut), words.NothingDue) },
  next: { title: () => words.Next, slice: (s) => s.next, shown: (s) => s.next.length > 0,
    draw: list(() => state.next, (p) => pendingItem(p, words.Early)) },
  contingencies: { title: () => words.Contingencies, slice: (s) => s.contingencies,
    shown: (s) => s.contingencies.length > 0, draw: drawContingencies },
  requests: { title: () => words.Requests, slice: (s) => [s.requests, s.asked], form: requestForm, draw: drawRequests },
  complications: { title: () => words.Complications, slice: (s) => [s.complications, s.drawn, s.nextDraw],
    draw: drawComplications },
  notes: { title: () => words.Notes, slice: (s) => s.notes, form: noteForm, draw: drawNotes },
  rounds: { title: () => words.Round, slice: (s) => s.rounds,
    draw: list(() => state.rounds, (r) => el("div", { class: "item" }, r)) },
  cards: { title: () => words.Cards, slice: (s) => s.cards, shown: (s) => view !== "screen" || s.cards.length !== 1,
    draw: drawCards },
  whoami: { slice: (s) => [s.role, s.runbook],
    draw: (box) => box.append(el("p", { class: "whoami" }, words.You + ": " + state.role), runbookLink(state) || "") },
  aloud: { slice: (s) => s.aloud, shown: (s) => !!s.aloud, draw: drawAloud },
  shown: { slice: (s) => s.shown, shown: (s) => !!s.shown, draw: drawShown },
  newest: { slice: (s) => s.cards[s.cards.length - 1], shown: (s) => s.cards.length > 0,
    draw: (box) => box.append(cardView(state.cards[state.cards.length - 1], { eager: true, openLog: true })) },
  qr: { slice: () => 0, draw: (box) => box.append(el("img", { class: "qr", src: "/api/qr?token=" + encodeURIComponent(token),
    alt: words.PhoneQR }), el("p", { class: "meta" }, words.PhoneQR)) },
  roles: { title: () => words.ByRole, slice: (s) => s.byRole, draw: drawRoles },
  asks: { title: () => words.RoomAsks, slice: (s) => [(s.room || s).asks, s.requests], shown: (s) => ((s.room || s).asks || []).length > 0,
    draw: (box) => room().asks.slice().reverse().forEach((a) => box.append(askItem(a))) },
  answers: { title: () => words.Answers, slice: (s) => (s.room || s).answers, shown: (s) => ((s.room || s).answers || []).length > 0,
    draw: (box) => room().answers.slice().reverse().forEach((a) => box.append(answerItem(a))) },
  polls: { title: () => words.Polls, slice: (s) => [(s.room || s).polls, s.room && s.room.prepared], form: view === "facilitator" ? pollForm : null,
    shown: (s) => view === "facilitator" || ((s.room || s).polls || []).length > 0, draw: drawPolls },
  hotwash: { title: () => words.HotWash, slice: (s) => [(s.room || s).hotWash, s.ended],
    form: view === "player" ? feedbackForm : null,
    shown: (s) => { const h = (s.room || s).hotWash; return !!h && (view === "facilitator" || h.open && !s.ended || view === "screen" && h.count > 0); },
    draw: drawHotWash },
  // A role's page posts only while the session runs: after the end its
  // forms go, and what it said stays.
  ask: { title: () => words.AskTitle, slice: (s) => [s.asks, s.systems, s.ended], shown: (s) => !!s.hotWash && !s.ended, form: () => textForm("ask", words.AskHint),
    draw: (box) => {
      box.append(el("datalist", { id: "systems" }, ...(state.systems || []).map((n) => el("option", { value: n }))));
      (state.asks || []).slice().reverse().forEach((a) => box.append(askItem(a)));
    } },
  answer: { title: () => words.AnswerTitle, slice: (s) => [s.answers, s.ended], shown: (s) => !!s.hotWash && !s.ended,
    form: () => textForm("answer", words.AnswerHint, () => (state.rounds.length ? { round: state.rounds.length } : {})),
    draw: (box) => (state.answers || []).slice().reverse().forEach((a) => box.append(answerItem(a))) },
};

// pages are each page kind's regions, in order: a new kind of page is a
// line here (and its entry in the server's table).
const pages = {
  facilitator: ["warning", "controls", "round", "due", "next", "contingencies", "roles", "complications",
    "asks", "requests", "answers", "polls", "hotwash", "notes", "carried", "earlier", "cards"],
  scribe: ["notes", "asks", "answers"],
  screen: ["aloud", "shown", "polls", "hotwash", "newest", "cards"],
  // A role's open poll goes above the hot wash (firstThingsFirst).
  player: ["whoami", "polls", "hotwash", "ask", "answer", "cards", "rounds", "qr"],
};

// columns place a page's regions in columns of their own, so that a long
// round does not leave holes beside it: the clock and what to hand out
// and to whom, the round and the earlier ones, and the room's record.
// A region not named here goes above them.
const columns = {
  facilitator: [["controls", "due", "next", "contingencies", "roles"], ["round", "polls", "answers", "hotwash", "carried", "earlier"],
    ["asks", "requests", "complications", "notes", "cards"]],
};

const drawn = {}; // region name -> the JSON of the slice it shows
const stale = new Set(); // regions that changed while the user was in them

// layout makes each region's section once: its title, its box (what is
// redrawn), its form and what follows (drawn once).
function layout() {
  const app = byId("app");
  app.append(el("span", { id: "seq", class: "meta" }));
  const cols = (columns[view] || []).map(() => el("div", { class: "column" }));
  const home = (name) => cols[(columns[view] || []).findIndex((c) => c.includes(name))] || app;
  for (const name of pages[view]) {
    const r = regions[name];
    const sec = el("section", { id: "region-" + name, class: "region-" + name, hidden: "" });
    if (r.title) sec.append(el("h2", {}, r.title()));
    if (r.form) sec.append(...r.form());
    sec.append(el("div", { class: "box" }));
    if (r.after) sec.append(...r.after());
    if (name === "warning") sec.className = "region-warning bare";
    home(name).append(sec);
  }
  app.append(...cols);
}

// busy reports whether the user is in a box: typing or choosing in one
// of its fields, which a redraw would take from under them.
function busy(box) {
  const a = document.activeElement;
  return a && box.contains(a) && ["INPUT", "TEXTAREA", "SELECT"].includes(a.tagName);
}

// redraw draws a region's box again: the fields in it keep what was
// typed, an open log stays open, and a focused button's twin gets focus.
function redraw(name) {
  const sec = byId("region-" + name);
  const box = sec.querySelector(".box");
  if (busy(box)) { stale.add(name); return; }
  stale.delete(name);
  const typed = [...box.querySelectorAll("input[id]")].map((e) => [e.id, e.value]);
  const open = [...box.querySelectorAll("details[open]")].map((d) => d.closest("[data-key]")?.dataset.key);
  const a = document.activeElement;
  const focus = a && box.contains(a) ? [a.closest("[data-key]")?.dataset.key, a.id, a.className] : null;
  const shown = regions[name].shown;
  sec.hidden = shown ? !shown(state) : false;
  box.replaceChildren();
  if (!sec.hidden) regions[name].draw(box);
  for (const [id, v] of typed) { const e = byId(id); if (e) e.value = v; }
  for (const key of open) box.querySelector(`[data-key="${CSS.escape(key || "")}"] details`)?.setAttribute("open", "");
  if (focus) refocus(box, focus);
}

function refocus(box, [key, id, cls]) {
  const scope = key ? box.querySelector(`[data-key="${CSS.escape(key)}"]`) : box;
  const e = id ? byId(id) : scope?.querySelector("." + cls.trim().split(/\s+/)[0]);
  if (e) e.focus();
}

// show takes a new view and redraws the regions whose slice changed; the
// seq marker moves on once they are drawn.
function show(data) {
  state = data;
  fetchedAt = Date.now();
  byId("offline").hidden = true;
  for (const name of pages[view]) {
    const key = JSON.stringify(regions[name].slice(state) ?? null);
    if (key !== drawn[name] || stale.has(name)) { drawn[name] = key; redraw(name); }
  }
  if (state.seq !== undefined) byId("seq").dataset.seq = state.seq;
  tick();
}

// A field left: a region that changed while the user was in it is drawn.
document.addEventListener("focusout", () => setTimeout(() => { for (const n of [...stale]) redraw(n); }, 0));

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
  source.onerror = () => { byId("offline").hidden = false; };
}

document.addEventListener("keydown", (e) => {
  if (view !== "facilitator" || !state || ["INPUT", "TEXTAREA", "SELECT"].includes(e.target.tagName)) return;
  if (e.key === " ") {
    e.preventDefault();
    post(!state.started ? { kind: "start", pace } : { kind: state.running ? "pause" : "resume" });
  }
  if (e.key === "h" && state.due.length) post({ kind: "reveal", clue: state.due[0].id });
  if (e.key === "n") { e.preventDefault(); byId("note").focus(); }
  if (e.key === "/") { e.preventDefault(); byId("search").focus(); }
  if (e.key === "a") { e.preventDefault(); byId("ask").focus(); }
  const rating = vocab.ratings[Number(e.key) - 1];
  if (rating && /^[1-9]$/.test(e.key)) rateFirst(rating.id);
});

// rateFirst rates the first item not rated yet in the order the page
// shows them: this round's expected actions, then last time's carried
// ones, then the earlier rounds'. It asks the page, not the state, so
// that the key and the eye agree; the item's button posts, with what was
// typed in its fields.
function rateFirst(rating) {
  const item = document.querySelector('#app section:not([hidden]) .expect[data-rated=""]');
  item?.querySelector(`button.rate[data-rating="${CSS.escape(rating)}"]`)?.click();
}

layout();
fetch(body.dataset.api, { headers: { "X-Token": token } }).then((r) => r.json()).then(show).then(listen);
setInterval(tick, 1000);
