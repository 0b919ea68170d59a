// The participant page's own script (served by the workshop, nothing from the internet). The
// page works without it; with it, the forms go to the JSON API (docs/api.md) without a reload,
// the page follows the room live through Server-Sent Events, and the timer counts down.
// User text is only ever set as text (textContent), never as markup.
"use strict";

(function () {
  const data = readData();
  const csrf = (document.querySelector('meta[name="csrf-token"]') || {}).content || "";
  let view = data ? data.view : null;
  let offset = data ? Date.parse(data.now) - Date.now() : 0;  // the server's clock minus ours
  let ended = false;

  function readData() {
    const block = document.getElementById("room-data");
    return block ? JSON.parse(block.textContent) : null;
  }

  function t(key, values) {
    const text = (data && data.strings[key]) || key;
    return text.replace(/\{(\w+)\}/g, (whole, name) => (values && name in values ? String(values[name]) : whole));
  }

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === false || value === null || value === undefined) continue;
      node.setAttribute(name, value === true ? "" : String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }

  // the forms, sent to the API -------------------------------------------------------------

  function body(form) {
    const fields = {};
    for (const input of form.elements) {
      if (!input.name || input.name === "csrf" || input.type === "submit") continue;
      if (input.type === "checkbox") {
        fields[input.name] = fields[input.name] || [];
        if (input.checked) fields[input.name].push(input.value);
      } else if (input.name === "pains") {
        fields.pains = input.value.split("\n").map((line) => line.trim()).filter(Boolean);
      } else if (input.name === "feeling" || input.name === "channel") {
        fields[input.name] = input.value === "" ? null : input.name === "feeling" ? Number(input.value) : input.value;
      } else {
        fields[input.name] = input.value;
      }
    }
    return fields;
  }

  function say(form, message) {
    let box = form.querySelector(".error.sent");
    if (!box) {
      box = el("p", { class: "error sent", role: "alert" });
      form.prepend(box);
    }
    box.textContent = message;
    box.hidden = !message;
  }

  async function send(form, payload) {
    const [method, url] = form.dataset.api.split(" ");
    const headers = { "X-CSRF-Token": csrf, Accept: "application/json" };
    const options = { method, headers, credentials: "same-origin" };
    if (method === "POST" || method === "PATCH") {
      headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(url === "/api/leave" ? {} : payload);
    }
    const response = await fetch(url, options);
    const answer = response.status === 204 ? {} : await response.json().catch(() => ({}));
    return { ok: response.ok, status: response.status, answer };
  }

  // A form sends one entry at a time. The entry form empties the moment an entry is sent, so the
  // next can be typed at once; an Enter pressed while one is on its way sends the next right
  // after it. A refused entry comes back into the form (or, when the next is already being typed
  // there, into the message beside it), so nothing typed is lost.
  const busy = new WeakMap();

  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (!form.dataset || !form.dataset.api || ended) return;
    event.preventDefault();
    if (busy.has(form)) {
      busy.set(form, true);
      return;
    }
    if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) return;
    submit(form);
  });

  async function submit(form) {
    busy.set(form, false);
    const entry = form.id === "add";
    const payload = body(form);
    const fields = entry ? [...form.querySelectorAll("input:not([type]), input[type=text], textarea")] : [];
    const typed = fields.map((field) => field.value);
    const boxes = entry ? [...form.querySelectorAll('input[type="checkbox"]:checked')] : [];
    if (entry) {
      fields.forEach((field) => { field.value = ""; });
      boxes.forEach((box) => { box.checked = false; });
      const first = form.querySelector("textarea, input:not([type=hidden])");
      if (first) first.focus();
    }
    const giveBack = (message) => {
      if (fields.every((field) => field.value === "")) {
        fields.forEach((field, n) => { field.value = typed[n]; });
        boxes.forEach((box) => { box.checked = true; });
        say(form, message);
      } else {
        say(form, message + " \u2014 " + typed.filter(Boolean).join(" / "));
      }
    };
    let done = false;
    try {
      const { ok, status, answer } = await send(form, payload);
      if (status === 401) return window.location.assign("/");
      if (!ok) return giveBack(answer.error || String(status));
      say(form, "");
      if (form.dataset.then) return window.location.assign(form.dataset.then);
      notice(answer.id ? t("saved", { ref: answer.id }) : "");
      done = true;
      await refresh();
    } catch (error) {
      if (!done) giveBack(t("reconnecting"));
    } finally {
      const again = busy.get(form) && done;
      busy.delete(form);
      if (view) render(view);
      if (again && !ended) submit(form);
    }
  }

  function notice(text) {
    const box = document.getElementById("notice");
    if (box) box.textContent = text;
  }

  // the live view ----------------------------------------------------------------------------

  async function refresh() {
    const response = await fetch("/api/state", { headers: { Accept: "application/json" }, credentials: "same-origin" });
    if (response.status === 401 || response.status === 403) return window.location.assign("/");
    if (response.ok) take(await response.json());
  }

  function canon(value) {
    // JSON with its keys in order, so the same view reads the same from the page and the stream.
    if (Array.isArray(value)) return "[" + value.map(canon).join(",") + "]";
    if (value && typeof value === "object") {
      return "{" + Object.keys(value).sort().map((k) => JSON.stringify(k) + ":" + canon(value[k])).join(",") + "}";
    }
    return JSON.stringify(value === undefined ? null : value);
  }

  function shape(v) {
    // What the page's markup is made of: when it changes, the page is made again by the server.
    return canon([v.phase, v.can, v.rules, v.stages || null, v.me]);
  }

  function take(next) {
    offset = Date.parse(next.now) - Date.now();
    delete next.now;
    if (view && shape(next) !== shape(view)) {
      window.location.reload();
      return;
    }
    view = next;
    render(view);
  }

  function by(item) {
    if (item.mine) return el("p", { class: "by" }, el("span", { class: "yours" }, t("yours")));
    return el("p", { class: "by" }, item.author || "");
  }

  function csrfField() {
    return el("input", { type: "hidden", name: "csrf", value: csrf });
  }

  function actions(item, open) {
    if (!item.mine || !open) return null;
    return el("div", { class: "actions" },
      el("a", { class: "button", href: "/items/" + item.ref }, t("edit")),
      el("form", { method: "post", action: "/items/" + item.ref + "/delete", "data-api": "DELETE /api/items/" + item.ref,
                   "data-confirm": t("delete_confirm", { ref: item.ref }) },
        csrfField(), el("button", { type: "submit", class: "quiet" }, t("delete"))));
  }

  function touchpointCard(tp) {
    const words = data.words;
    const feeling = tp.feeling === null
      ? el("span", { class: "feeling" }, t("not_rated"))
      : el("span", { class: "feeling f" + tp.feeling }, words.feelings[String(tp.feeling)] || "");
    return el("li", { class: "card" + (tp.mine ? " mine" : ""), "data-ref": tp.ref },
      el("p", { class: "text" }, tp.text),
      el("p", { class: "meta" }, feeling, tp.channel ? " · " + (words.channels[tp.channel] || tp.channel) : ""),
      tp.pains.length ? el("ul", { class: "pains" }, tp.pains.map((pain) => el("li", {}, pain))) : null,
      by(tp), actions(tp, view.can.touchpoints));
  }

  function ideaCard(idea) {
    const meta = [idea.touchpoints.join(", "), idea.theme].filter(Boolean).join(" · ");
    return el("li", { class: "card" + (idea.mine ? " mine" : ""), "data-ref": idea.ref },
      el("p", { class: "text" }, idea.text),
      meta || idea.hidden ? el("p", { class: "meta" }, meta, idea.hidden ? el("span", { class: "hidden" }, " " + t("hidden")) : null) : null,
      by(idea), actions(idea, view.can.ideas));
  }

  function ballot(idea) {
    const mine = view.dots.mine[idea.ref] || 0;
    const vote = (method, action, label, klass, disabled) => el("form", { method: "post", action, "data-api": method },
      csrfField(), el("input", { type: "hidden", name: "idea", value: idea.ref }),
      el("button", { type: "submit", class: klass, disabled }, label));
    if (idea.hidden) {
      // One's own idea still hidden by silent brainstorming: nobody votes on it before the reveal.
      return el("li", { class: "card", "data-ref": idea.ref }, el("p", { class: "text" }, idea.text), by(idea),
        el("p", { class: "meta" }, el("span", { class: "hidden" }, t("hidden"))));
    }
    return el("li", { class: "card" + (mine ? " voted" : ""), "data-ref": idea.ref },
      el("p", { class: "text" }, idea.text), by(idea),
      el("div", { class: "actions" },
        el("span", { class: "mydots" }, t("your_dots", { count: mine })),
        vote("POST /api/votes", "/votes", t("dot_add"), "primary", view.dots.left === 0),
        mine ? vote("DELETE /api/votes/" + idea.ref, "/votes/remove", t("dot_remove"), "quiet", false) : null));
  }

  function fill(id, items) {
    const box = document.getElementById(id);
    if (box) box.replaceChildren(...items);
    return box;
  }

  function render(v) {
    if (v.phase === "brief" && v.brief) {
      const challenge = document.getElementById("challenge");
      if (challenge) challenge.textContent = v.brief.challenge;
    }
    if (v.phase === "what-is") {
      for (const stage of document.querySelectorAll("#board .stage")) {
        const list = stage.querySelector("ul.cards");
        list.replaceChildren(...v.touchpoints.filter((tp) => tp.stage === stage.dataset.stage).map(touchpointCard));
      }
      const none = document.getElementById("no-touchpoints");
      if (none) none.hidden = v.touchpoints.length > 0;
    }
    if (v.phase === "what-if") {
      const links = document.getElementById("links");
      if (links) {
        const checked = new Set([...links.querySelectorAll("input:checked")].map((i) => i.value));
        links.replaceChildren(...v.touchpoints.map((tp) => el("label", { class: "check" },
          el("input", { type: "checkbox", name: "touchpoints", value: tp.ref, checked: checked.has(tp.ref) }),
          " ", el("span", { class: "ref" }, tp.ref), " " + tp.text)));
      }
      const count = document.getElementById("ideas-count");
      if (count) count.textContent = t("ideas_written", { count: v.ideas_written });
      fill("my-ideas", v.ideas.filter((i) => i.mine).map(ideaCard));
      fill("room-ideas", v.ideas.filter((i) => !i.mine).map(ideaCard));
    }
    if (v.phase === "what-wows") {
      const left = document.getElementById("dots-left");
      if (left) left.textContent = t("dots_left", { left: v.dots.left, total: v.dots.total });
      const done = v.dots.done;
      fill("done-box", [done ? el("p", { class: "note done", id: "done-note" }, t("done_note")) : null,
        el("form", { method: "post", action: done ? "/done/remove" : "/done", "data-api": (done ? "DELETE" : "POST") + " /api/done" },
          csrfField(), el("button", { type: "submit", class: done ? "quiet" : "primary" }, t(done ? "not_done" : "done_voting")))]
        .filter(Boolean));
      fill("ballot", v.ideas.map(ballot));
      const none = document.getElementById("no-ideas");
      if (none) none.hidden = v.ideas.length > 0;
      const section = document.getElementById("ranking-section");
      if (section) section.hidden = !v.ranking;
      const texts = Object.fromEntries(v.ideas.map((i) => [i.ref, i.text]));
      fill("ranking", (v.ranking || []).map((row) => el("li", {},
        el("span", { class: "text" }, texts[row.idea] || row.idea), " ",
        el("span", { class: "tally" }, t("dots", { count: row.dots })))));
    }
    if (v.phase === "what-works") {
      fill("backlog", v.backlog.map((row) => {
        const meta = [row.owner ? t("owner") + ": " + row.owner : "",
          row.start || row.end ? t("when") + ": " + (row.start || "") + "–" + (row.end || "") : "",
          data.words.statuses[row.status] || row.status,
          "votes" in row ? t("votes") + ": " + row.votes : ""].filter(Boolean).join(" · ");
        return el("li", { class: "card" }, el("p", { class: "text" }, row.name),
          row.hypothesis ? el("p", { class: "prose" }, row.hypothesis) : null, el("p", { class: "meta" }, meta));
      }));
    }
    tick();
  }

  // the timer --------------------------------------------------------------------------------

  function clock(seconds) {
    const whole = Math.round(Math.abs(seconds));
    return Math.floor(whole / 60) + ":" + String(whole % 60).padStart(2, "0");
  }

  function tick() {
    const box = document.getElementById("timer");
    if (!box || !view) return;
    const timer = view.timer;
    box.hidden = !timer;
    if (!timer) return;
    let used = timer.elapsed;
    if (timer.running && timer.since) used += (Date.now() + offset - Date.parse(timer.since)) / 1000;
    const left = timer.timebox - used;
    let words = left >= 0 ? t("timer_left", { time: clock(left) }) : t("timer_over", { time: clock(left) });
    if (!timer.running) words += " (" + t("timer_paused") + ")";
    box.textContent = words;
    box.classList.toggle("over", left < 0);
  }

  // following the room ----------------------------------------------------------------------

  function end(reason) {
    ended = true;
    const box = document.getElementById("ended");
    if (box) {
      box.textContent = reason === "removed" ? t("access_removed") : reason === "left" ? t("session_gone") : t("ended");
      box.hidden = false;
    }
    document.querySelectorAll("form[data-api] button, form[data-api] input, form[data-api] textarea, form[data-api] select")
      .forEach((control) => { control.disabled = true; });
  }

  function follow() {
    const stream = new EventSource("/api/events");
    stream.addEventListener("state", (event) => {
      const box = document.getElementById("notice");
      if (box && box.textContent === t("reconnecting")) box.textContent = "";
      take(JSON.parse(event.data));
    });
    stream.addEventListener("ended", (event) => { stream.close(); end(JSON.parse(event.data).reason); });
    stream.addEventListener("error", () => {
      if (ended) return;
      if (stream.readyState === EventSource.CLOSED) {
        // The server refused the stream (a session it no longer knows): the page says why.
        refresh().catch(() => notice(t("reconnecting")));
      } else {
        notice(t("reconnecting"));
      }
    });
  }

  if (view) {
    render(view);
    window.setInterval(tick, 1000);
    follow();
  }
  // The page is live: its forms go to the API (until now they would have been posted as forms).
  document.documentElement.dataset.live = "on";
})();
