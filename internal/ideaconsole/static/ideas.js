// The live premortem's pages: the facilitator's, the screen's, a
// participant's and the join page. Every text from the room goes in as
// textContent; every word comes from the catalog (data-words) and every
// phase and class from the server (data-vocab).
"use strict";
(function () {
  const body = document.body;
  const view = body.dataset.view;
  const token = body.dataset.token;
  const W = JSON.parse(body.dataset.words);
  const V = JSON.parse(body.dataset.vocab);
  const app = document.getElementById("app");
  const phases = V.phases.map(p => p.id);
  const label = (list, id) => (list.find(t => t.id === id) || { label: id }).label;
  const say = (key, n) => W[key].replace("{n}", String(n));

  function el(tag, attrs, ...kids) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "on") for (const [ev, f] of Object.entries(v)) e.addEventListener(ev, f);
      else if (k === "text") e.textContent = v;
      else if (v !== false && v !== undefined) e.setAttribute(k, v === true ? "" : v);
    }
    for (const k of kids) if (k) e.append(k);
    return e;
  }

  function showError(msg) {
    const p = document.getElementById("error");
    p.textContent = msg ? W.Error + " " + msg : "";
    p.hidden = !msg;
  }

  async function post(event, path) {
    showError("");
    const r = await fetch(path || "/api/events", { method: "POST", headers: { "X-Token": token, "Content-Type": "application/json" }, body: JSON.stringify(event || {}) });
    if (!r.ok) { showError((await r.text()).trim()); return null; }
    return r.json();
  }

  // Join: a device keeps the token it was given, so that a reload or a
  // second scan is the same participant.
  if (view === "join") {
    const key = "propdeck-premortem-" + token;
    const go = t => location.replace("/p?token=" + encodeURIComponent(t));
    const kept = localStorage.getItem(key);
    if (kept) { go(kept); return; }
    // The join link's posts share one bucket: a room scanning the code
    // at once is told when to come back, and comes back then.
    const join = () => fetch("/api/join", { method: "POST", headers: { "X-Token": token, "Content-Type": "application/json" }, body: "{}" }).then(async r => {
      if (r.status === 429) { setTimeout(join, 1000 * (Number(r.headers.get("Retry-After")) || 1)); return; }
      if (!r.ok) { showError((await r.text()).trim()); return; }
      const t = (await r.json()).token;
      localStorage.setItem(key, t);
      go(t);
    });
    join();
    return;
  }

  // What this device wrote and dotted is kept by the device alone: the
  // server keeps no author.
  const mine = {
    key: k => "propdeck-premortem-" + k + "-" + token,
    get: k => JSON.parse(localStorage.getItem(mine.key(k)) || "[]"),
    add: (k, v) => localStorage.setItem(mine.key(k), JSON.stringify(mine.get(k).concat([v]))),
  };

  let state = null, offset = 0, pending = null;
  const selected = new Set();

  function nameOf(id) {
    const i = state.ideas.find(x => x.id === id);
    if (i) return i.text;
    const g = state.groups.find(x => x.id === id);
    return g ? g.title : id;
  }

  function groupedIds() {
    const s = new Set();
    for (const g of state.groups) for (const id of g.ideas) s.add(id);
    return s;
  }

  // targets are what a dot, a place or a pick may name: the groups, and
  // the ideas in none.
  function targets() {
    const g = groupedIds();
    return state.groups.map(x => x.id).concat(state.ideas.filter(i => !i.hidden && !g.has(i.id)).map(i => i.id));
  }

  function dots(id) {
    return state.votes && state.votes[id] ? el("span", { class: "dots", text: say("Dots", state.votes[id]) }) : null;
  }

  function sticky(idea, extra) {
    return el("li", { class: "sticky" + (idea.hidden ? " hidden" : ""), "data-id": idea.id }, el("span", { class: "text", text: idea.text }),
      idea.hidden ? el("em", { text: " (" + W.Hidden + ")" }) : null, dots(idea.id), extra);
  }

  // counts says who is still writing only until writing closes: past
  // it, a phone that never said it finished is not still writing.
  function counts() {
    const writing = phases.indexOf(state.phase) <= phases.indexOf("writing");
    return el("p", { class: "counts" }, el("span", { class: "n-ideas", text: say("Ideas", state.nIdeas) }), " · ",
      el("span", { class: "n-devices", text: say("Devices", state.count.devices) }),
      writing ? " · " : null, writing ? el("span", { class: "n-writing", text: say("Writing", state.count.writing) }) : null);
  }

  function promptBlock() {
    return el("section", { class: "prompt" }, el("p", { class: "prompt-text", text: state.prompt }),
      el("h2", { text: W.Rules }), el("ul", {}, ...state.rules.map(r => el("li", { text: r }))));
  }

  function groupsBlock(extra, noLoose) {
    const g = groupedIds();
    return el("section", { class: "groups" },
      ...state.groups.map(gr => el("div", { class: "group", "data-id": gr.id }, el("h3", {}, el("span", { text: gr.title }), dots(gr.id), extra && extra(gr)),
        el("ul", { class: "stickies" }, ...gr.ideas.map(id => sticky(state.ideas.find(i => i.id === id) || { id, text: id }))))),
      noLoose ? null : el("ul", { class: "stickies loose" }, ...state.ideas.filter(i => !i.hidden && !g.has(i.id)).map(i => sticky(i))));
  }

  function grid() {
    const cells = [];
    for (let impact = 3; impact >= 1; impact--) {
      for (let like = 1; like <= 3; like++) {
        const here = Object.entries(state.places).filter(([, p]) => p.impact === impact && p.likelihood === like);
        const risk = impact * like >= 6 ? "cell high" : impact * like >= 3 ? "cell mid" : "cell";
        cells.push(el("div", { class: risk }, ...here.map(([id, p]) => el("div", { class: "placed" }, el("span", { text: nameOf(id) }),
          p.class ? el("em", { text: " · " + label(V.classes, p.class) }) : null))));
      }
    }
    return el("section", { class: "grid-wrap" }, el("p", { class: "axis", text: W.Impact + " ↑ · " + W.Likelihood + " →" }), el("div", { class: "grid" }, ...cells));
  }

  function picksBlock() {
    return el("section", { class: "picks" }, el("h2", { text: W.Picked }), el("ul", {}, ...state.picks.map(p => el("li", { class: "pick" },
      el("strong", { text: nameOf(p.target) }), p.owner ? el("span", { text: " · " + W.Owner + ": " + p.owner }) : null,
      p.due ? el("span", { text: " · " + W.Due + ": " + p.due }) : null,
      el("ul", {}, ...(p.signals || []).map(s => el("li", { text: s })))))));
  }

  function joinBlock() {
    return el("figure", { class: "join" }, el("img", { src: "/api/qr?token=" + encodeURIComponent(token), alt: W.Join }), el("figcaption", { text: W.Join }));
  }

  // The facilitator's controls and board.
  function facilitator() {
    const f = document.createDocumentFragment();
    const next = phases[Math.min(phases.indexOf(state.phase) + 1, phases.length - 1)];
    const sel = el("select", { id: "phase-select", "aria-label": W.Phase }, ...V.phases.map(p => el("option", { value: p.id, selected: p.id === next, text: p.label })));
    const mins = el("input", { id: "timer-minutes", type: "number", min: "0", max: "240", "aria-label": W.TimerMinutes, placeholder: W.TimerMinutes });
    f.append(el("div", { class: "controls" }, sel, mins, el("button", { id: "go", on: { click: () => post({ kind: "phase", phase: sel.value, timer: Math.round(60 * Number(mins.value || 0)) }) }, text: W.Go }),
      el("button", { id: "end", class: "end", on: { click: () => post({ kind: "end" }) }, text: W.End })), counts());
    if (state.wrote && state.wrote.length) f.append(el("ul", { class: "wrote" }, ...state.wrote.map(w => el("li", { text: w }))));
    const board = {
      "": () => joinBlock(), prompt: () => promptBlock(), writing: () => joinBlock(),
      reveal: () => el("section", {}, state.revealed ? null : el("p", { text: W.Moderate }),
        el("ul", { class: "stickies" }, ...state.ideas.map(i => sticky(i, state.revealed || i.hidden ? null : el("button", { class: "hide", on: { click: () => post({ kind: "hide", target: i.id }) }, text: W.Hide })))),
        state.revealed ? null : el("button", { id: "reveal", on: { click: () => post({ kind: "reveal" }) }, text: W.Reveal })),
      group: groupForm, vote: () => el("section", {}, el("p", { class: "dots-cast", text: say("DotsCast", state.dots) + " · " + W.VotesHidden }), groupsBlock()),
      place: placeForm, pick: pickForm,
    };
    f.append((board[state.phase] || (() => null))() || "");
    return f;
  }

  function groupForm() {
    const title = el("input", { id: "group-title", "aria-label": W.GroupTitle, placeholder: W.GroupTitle });
    const group = ids => post({ kind: "group", title: title.value || (state.themes || [])[0] || W.Group, ideas: ids }).then(r => { if (r) selected.clear(); });
    const tick = i => el("input", { type: "checkbox", class: "tick", "aria-label": i.text, checked: selected.has(i.id), on: { change: e => e.target.checked ? selected.add(i.id) : selected.delete(i.id) } });
    const g = groupedIds();
    return el("section", {},
      el("div", { class: "themes" }, el("span", { text: W.Themes + ": " }), ...(state.themes || []).map(t => el("button", { class: "theme", on: { click: () => { title.value = t; } }, text: t }))),
      el("div", { class: "suggested" }, ...(state.suggested || []).map(([a, b]) => el("div", { class: "pair" }, el("span", { class: "tag", text: W.Suggested }),
        el("span", { text: nameOf(a) + " ↔ " + nameOf(b) }), el("button", { class: "group-pair", on: { click: () => group([a, b]) }, text: W.GroupThese })))),
      el("div", { class: "controls" }, title, el("button", { id: "group", on: { click: () => group([...selected]) }, text: W.NewGroup })),
      el("ul", { class: "stickies" }, ...state.ideas.filter(i => !i.hidden && !g.has(i.id)).map(i => sticky(i, tick(i)))),
      groupsBlock(gr => el("button", { class: "ungroup", on: { click: () => post({ kind: "group", id: gr.id, title: gr.title, ideas: [] }) }, text: W.Ungroup }), true));
  }

  const middle = V.grid[Math.floor(V.grid.length / 2)];

  function scale(name, value) {
    return el("select", { class: name, "aria-label": W[name === "impact" ? "Impact" : "Likelihood"] }, ...V.grid.map(n => el("option", { value: n, selected: n === value, text: String(n) })));
  }

  // roomSays is the room's rates of one idea or group: each scale's
  // median and how many gave each value.
  function roomSays(t) {
    const one = (name, s) => W[name] + " " + (s.median ? say("Median", s.median) : "–") + " (" + s.counts.map((c, i) => V.grid[i] + ": " + c).join(" · ") + ")";
    return el("p", { class: "room-says" }, el("strong", { text: W.RoomSays + ": " }), el("span", { text: one("Impact", t.impact) + " · " + one("Likelihood", t.likelihood) }));
  }

  function placeForm() {
    const rated = state.rated || {};
    const room = el("div", { class: "controls" },
      el("button", { id: "room-place", class: "secondary", on: { click: () => post({ kind: "phase", phase: "place", room: !state.roomPlaces, timer: state.timer || undefined }) }, text: state.roomPlaces ? W.RoomClose : W.RoomOpen }),
      state.roomPlaces ? el("span", { class: "raters", text: say("Raters", state.raters || 0) }) : null);
    return el("section", {}, room, grid(), el("ul", { class: "targets" }, ...targets().map(id => {
      const p = state.places[id] || {}, t = rated[id];
      const imp = scale("impact", p.impact || (t && t.impact.median) || middle), like = scale("likelihood", p.likelihood || (t && t.likelihood.median) || middle);
      const cls = el("select", { class: "class", "aria-label": W.Class }, el("option", { value: "", text: W.NoClass }), ...V.classes.map(c => el("option", { value: c.id, selected: c.id === p.class, text: c.label })));
      const place = (i, l) => post({ kind: "place", target: id, impact: i, likelihood: l, class: cls.value || undefined });
      return el("li", { class: "target", "data-id": id }, el("span", { class: "text", text: nameOf(id) }), dots(id), el("label", { text: W.Impact + " " }, imp), el("label", { text: W.Likelihood + " " }, like), cls,
        el("button", { class: "place", on: { click: () => place(Number(imp.value), Number(like.value)) }, text: W.Place }),
        t && t.impact.median && t.likelihood.median ? el("button", { class: "take-room secondary", on: { click: () => place(t.impact.median, t.likelihood.median) }, text: W.TakeRoom }) : null,
        t ? roomSays(t) : null);
    })));
  }

  // rateForm is a phone's placing when the room places: for each idea
  // or group, impact and likelihood, one tap each.
  function rateForm() {
    const rates = state.me.rates || {};
    const row = (id, name, word) => el("div", { class: "rate-row", role: "group", "aria-label": word + ": " + nameOf(id) }, el("span", { class: "rate-label", text: word }),
      ...V.grid.map(n => el("button", { class: "rate " + name, "aria-pressed": String((rates[id] || {})[name] === n), on: { click: () => post({ kind: "rate", target: id, [name]: n }) }, text: String(n) })));
    return el("section", {}, el("p", { class: "rate-hint", text: W.RateHint }), el("ul", { class: "targets" }, ...targets().map(id => el("li", { class: "target rating", "data-id": id },
      el("span", { class: "text", text: nameOf(id) }), row(id, "impact", W.Impact), row(id, "likelihood", W.Likelihood)))));
  }

  function pickForm() {
    return el("section", {}, picksBlock(), el("ul", { class: "targets" }, ...targets().map(id => {
      const owner = el("input", { class: "owner", "aria-label": W.Owner, placeholder: W.Owner });
      const due = el("input", { class: "due", type: "date", "aria-label": W.Due });
      const signals = el("textarea", { class: "signals", "aria-label": W.Signals, placeholder: W.Signals, rows: "2" });
      const send = () => post({ kind: "pick", target: id, owner: owner.value.trim() || undefined, due: due.value || undefined, signals: signals.value.split("\n").map(s => s.trim()).filter(Boolean) });
      return el("li", { class: "target", "data-id": id }, el("span", { class: "text", text: nameOf(id) }), dots(id), owner, due, signals, el("button", { class: "pick", on: { click: send }, text: W.Pick }));
    })));
  }

  function screen() {
    const board = {
      "": () => joinBlock(), prompt: () => promptBlock(), writing: () => el("section", { class: "big" }, el("p", { class: "prompt-text", text: state.prompt }), counts(), joinBlock()),
      reveal: () => state.revealed ? el("ul", { class: "stickies" }, ...state.ideas.map(i => sticky(i))) : el("p", { class: "big", text: W.NotYet }),
      group: () => el("section", {}, el("div", { class: "suggested" }, ...(state.suggested || []).map(([a, b]) => el("div", { class: "pair" }, el("span", { class: "tag", text: W.Suggested }), el("span", { text: nameOf(a) + " ↔ " + nameOf(b) })))), groupsBlock()),
      vote: () => el("section", {}, el("p", { class: "dots-cast", text: say("DotsCast", state.dots) + " · " + W.VotesHidden }), groupsBlock()),
      place: () => el("section", {}, state.roomPlaces ? el("p", { class: "raters big", text: W.RoomPlacing + " · " + say("Raters", state.raters || 0) }) : null, grid(), groupsBlock()), pick: () => el("section", {}, picksBlock(), grid()),
    };
    return (board[state.phase] || (() => null))() || "";
  }

  function participant() {
    const f = document.createDocumentFragment();
    const me = state.me;
    const card = me.provocation ? el("aside", { class: "card" }, el("h2", { text: W.Card }), el("p", { class: "provocation", text: me.provocation }), el("p", { class: "question", text: me.question })) : null;
    if (state.phase === "" || state.phase === "prompt") f.append(promptBlock(), card || "");
    else if (state.phase === "writing") {
      const box = el("textarea", { id: "idea", rows: "3", maxlength: "500", "aria-label": W.Write, placeholder: W.Write });
      f.append(card || "", box, el("div", { class: "controls" },
        el("button", { id: "add", on: { click: () => { const t = box.value.trim(); if (t) post({ kind: "idea", text: t }).then(r => { if (r) { mine.add("ideas", r.text); box.value = ""; render(); } }); } }, text: W.Add }),
        el("button", { id: "done", disabled: me.done, on: { click: () => post({ kind: "done" }) }, text: W.Done })),
        el("h2", { text: W.Yours }), el("ul", { class: "stickies mine" }, ...mine.get("ideas").map(t => el("li", { class: "sticky", text: t }))));
    } else if (!state.revealed) f.append(el("p", { text: W.NotYet }));
    else if (state.phase === "vote") {
      const given = mine.get("dots");
      f.append(el("p", { class: "dots-left", text: say("DotsLeft", me.dotsLeft) + " · " + W.VotesHidden }), el("ul", { class: "targets" }, ...targets().map(id => el("li", { class: "target", "data-id": id },
        el("span", { class: "text", text: nameOf(id) }), el("button", { class: "dot", disabled: me.dotsLeft <= 0 || given.includes(id), on: { click: () => post({ kind: "vote", target: id }).then(r => { if (r) mine.add("dots", id); }) }, text: W.Vote })))));
    } else if (state.phase === "place" && state.roomPlaces && !state.ended) f.append(rateForm());
    else if (state.phase === "place") f.append(grid(), groupsBlock());
    else if (state.phase === "pick") f.append(picksBlock());
    else if (state.phase === "group" && state.roomGroups) f.append(groupForm());
    else f.append(groupsBlock());
    return f;
  }

  function render() {
    if (!state) return;
    const a = document.activeElement;
    if (a && app.contains(a) && (a.tagName === "INPUT" || a.tagName === "TEXTAREA" || a.tagName === "SELECT")) { pending = true; return; }
    pending = null;
    document.getElementById("phase").textContent = state.ended ? W.Ended : state.phase ? label(V.phases, state.phase) : W.Waiting;
    app.replaceChildren((view === "facilitator" ? facilitator : view === "screen" ? screen : participant)());
    body.dataset.phase = state.phase;
    body.dataset.seq = state.seq;
    tick();
  }

  app.addEventListener("focusout", () => setTimeout(() => { if (pending) render(); }, 0));

  function tick() {
    const t = document.getElementById("timer");
    if (!state || !state.timer || state.ended) { t.textContent = ""; return; }
    const left = Math.max(0, state.sinceMs + state.timer * 1000 - (Date.now() + offset));
    const s = Math.ceil(left / 1000);
    t.textContent = left > 0 ? Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0") + " " + W.Left : W.TimeUp;
    t.classList.toggle("up", left <= 0);
  }
  setInterval(tick, 1000);

  const stream = new EventSource("/api/stream?token=" + encodeURIComponent(token));
  stream.onmessage = m => {
    state = JSON.parse(m.data);
    offset = state.now - Date.now();
    document.getElementById("offline").hidden = true;
    render();
  };
  stream.onerror = () => { document.getElementById("offline").hidden = false; };
})();
