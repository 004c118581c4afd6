// propdeck edit's page: the status stream says what the latest reading
// found; the preview is fetched when a new good reading is there. Every
// word comes from the page (the catalogs), every list from data-vocab;
// outside text only ever goes in as textContent.
"use strict";
(function () {
  const body = document.body;
  const token = body.dataset.token;
  const vocab = JSON.parse(body.dataset.vocab);
  const words = document.getElementById("words").dataset;
  const $ = (id) => document.getElementById(id);
  // A marker set once per page load: a test checks it survives updates.
  window.studioLoaded = String(Math.random());
  let shownGood = -1;
  let loading = null;

  for (const sel of document.querySelectorAll("select[data-list]")) {
    for (const t of vocab[sel.dataset.list]) {
      const o = document.createElement("option");
      o.value = t.id;
      o.textContent = t.label;
      sel.append(o);
    }
    sel.value = "";
    sel.addEventListener("change", () => loadPreview(true));
  }
  $("scale").addEventListener("change", () => {
    body.classList.toggle("zoomed", $("scale").value === "zoom");
    sizeCards();
  });
  for (const b of document.querySelectorAll("[data-tab]")) {
    b.addEventListener("click", () => {
      for (const o of document.querySelectorAll("[data-tab]")) {
        o.setAttribute("aria-selected", String(o === b));
        $("tab-" + o.dataset.tab).hidden = o !== b;
      }
    });
  }

  function place(p) {
    const li = document.createElement("li");
    const where = document.createElement(p.link ? "a" : "span");
    where.className = "where";
    where.textContent = p.label;
    if (p.link) where.href = p.link;
    const msg = document.createElement("span");
    msg.className = "msg";
    msg.textContent = p.text;
    li.append(where, " ", msg);
    return li;
  }

  function list(el, items, none) {
    el.replaceChildren();
    if (items.length === 0) {
      const li = document.createElement("li");
      li.className = "quiet";
      li.textContent = none;
      el.append(li);
    }
    for (const p of items) el.append(place(p));
  }

  function showStatus(s) {
    list($("errors"), s.errors, words.nomistakes);
    list($("warnings"), s.warnings, words.nowarnings);
    $("error-count").textContent = s.errors.length ? "(" + s.errors.length + ")" : "";
    $("warning-count").textContent = s.warnings.length ? "(" + s.warnings.length + ")" : "";
    $("gen").textContent = new Date().toLocaleTimeString(document.documentElement.lang);
    body.classList.toggle("has-errors", s.errors.length > 0);
    body.classList.toggle("stale", s.stale);
    $("stale").hidden = !s.stale;
    $("nopreview").hidden = s.good !== 0;
    body.dataset.gen = String(s.gen);
    body.dataset.stale = String(s.stale);
    if (s.good !== 0 && s.good !== shownGood) loadPreview(false);
  }

  function query() {
    const q = new URLSearchParams({ token: token });
    for (const id of ["card", "theme", "level"]) if ($(id).value) q.set(id, $(id).value);
    return q;
  }

  async function loadPreview(chosen) {
    const mine = (loading = {});
    const r = await fetch("/api/preview?" + query().toString());
    if (mine !== loading || r.status !== 200) return;
    const p = await r.json();
    if (!chosen) {
      // The server says what it chose; the selects show it.
      const q = new URL(p.timeline, location.href).searchParams;
      for (const id of ["card", "theme", "level"]) $(id).value = q.get(id);
    }
    showCards(p);
    $("timeline").src = p.timeline;
    showPlayers(p.players);
    shownGood = p.gen;
    body.dataset.good = String(p.gen);
  }

  function showCards(p) {
    const box = $("cards");
    box.replaceChildren();
    for (const c of p.cards) {
      const fig = document.createElement("figure");
      fig.className = "card";
      fig.dataset.w = c.w;
      fig.dataset.h = c.h;
      c.faces.forEach((src, i) => {
        const img = document.createElement("img");
        img.loading = "lazy";
        img.decoding = "async";
        img.src = src;
        img.alt = c.id + " " + (i === 0 ? words.front : words.back);
        fig.append(img);
      });
      const cap = document.createElement("figcaption");
      const id = document.createElement("span");
      id.textContent = c.id;
      cap.append(id);
      if (c.label) {
        const where = document.createElement(c.link ? "a" : "span");
        where.className = "where";
        where.textContent = c.label;
        if (c.link) where.href = c.link;
        cap.append(" ", where);
      }
      fig.append(cap);
      box.append(fig);
    }
    $("leftout").hidden = p.leftout.length === 0;
    $("leftout-ids").textContent = p.leftout.join(", ");
    sizeCards();
  }

  // At print size a card is as wide on screen as on paper (CSS
  // millimetres); zoomed, it fills its column.
  function sizeCards() {
    const zoom = body.classList.contains("zoomed");
    for (const fig of document.querySelectorAll("figure.card")) {
      for (const img of fig.querySelectorAll("img")) {
        img.style.width = zoom ? "" : fig.dataset.w + "mm";
      }
    }
  }

  function cell(tag, text, cls) {
    const c = document.createElement(tag);
    c.textContent = text;
    if (cls) c.className = cls;
    return c;
  }

  function showPlayers(pl) {
    const head = document.createElement("tr");
    head.append(cell("th", words.card), cell("th", words.at));
    for (const a of pl.audiences) {
      const th = cell("th", a.name || words.screen, a.nothing ? "warn" : a.name ? "" : "screen");
      if (a.nothing) th.title = words.nothing;
      head.append(th);
    }
    $("players").tHead.replaceChildren(head);
    const rows = pl.rows.map((r) => {
      const tr = document.createElement("tr");
      tr.append(cell("td", r.id + " · " + r.title), cell("td", r.at));
      r.sees.forEach((s, i) => tr.append(cell("td", s ? "●" : "", s && i === 0 ? "public" : s ? "sees" : "")));
      return tr;
    });
    $("players").tBodies[0].replaceChildren(...rows);
  }

  function connect() {
    const es = new EventSource("/api/stream?token=" + encodeURIComponent(token));
    es.onmessage = (e) => {
      $("offline").hidden = true;
      showStatus(JSON.parse(e.data));
    };
    es.onerror = () => {
      $("offline").hidden = false;
    };
  }
  connect();
})();
