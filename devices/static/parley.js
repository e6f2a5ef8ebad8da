// Parley team devices: live updates of a server-rendered page (no build step).
// The page works without this file: every form posts and every reload shows all.
// This script only follows the event stream (resumed from the last event seen),
// puts new entries at the top of the feed, swaps the live panels and runs the timer.
(function () {
  "use strict";
  var body = document.body;
  var url = body.getAttribute("data-stream");
  if (!url || !window.EventSource) { return; }
  var csrf = body.getAttribute("data-csrf") || "";
  var banner = document.getElementById("banner");
  var after = body.getAttribute("data-after") || "0";
  var clock = { left: null, running: false, at: 0 };

  function say(text, kind) {
    if (!banner) { return; }
    banner.textContent = text || "";
    banner.className = kind || "";
    banner.hidden = !text;
  }

  function fillCsrf(root) {
    var inputs = root.querySelectorAll('input[name="csrf"]');
    for (var i = 0; i < inputs.length; i++) {
      if (!inputs[i].value) { inputs[i].value = csrf; }
    }
  }

  function addEntry(seq, html) {
    var feed = document.getElementById("feed");
    if (!feed || document.getElementById("e" + seq)) { return; }
    feed.insertAdjacentHTML("afterbegin", html);
  }

  function setPanel(id, html) {
    var el = document.getElementById("p-" + id);
    if (!el || el.innerHTML === html) { return; }
    var typing = document.activeElement && el.contains(document.activeElement);
    if (typing) { el.setAttribute("data-pending", html); return; }
    el.innerHTML = html;
    fillCsrf(el);
  }

  document.addEventListener("focusout", function (e) {
    var el = e.target && e.target.closest ? e.target.closest("[data-pending]") : null;
    if (el && !el.contains(e.relatedTarget)) {
      var html = el.getAttribute("data-pending");
      el.removeAttribute("data-pending");
      el.innerHTML = html;
      fillCsrf(el);
    }
  });

  function showClock() {
    var el = document.getElementById("clock");
    if (!el || clock.left === null) { return; }
    var left = clock.left;
    if (clock.running) { left = Math.max(0, left - (Date.now() - clock.at) / 1000); }
    var s = Math.floor(left), m = Math.floor(s / 60);
    var text = (m < 10 ? "0" : "") + m + ":" + (s % 60 < 10 ? "0" : "") + (s % 60);
    var time = el.querySelector(".time");
    if (time) { time.textContent = text; }
    el.className = "clock " + (clock.running ? "running" : "paused") + (left <= 60 ? " low" : "");
  }

  var held = document.getElementById("clock");
  if (held && held.getAttribute("data-left")) {
    clock.left = parseFloat(held.getAttribute("data-left"));
    clock.running = held.getAttribute("data-running") === "1";
    clock.at = Date.now();
  }
  window.setInterval(showClock, 500);

  function refresh() {
    var where = url.replace(/\/events$/, "/refresh");
    fetch(where, { credentials: "same-origin" }).then(function (r) {
      return r.ok ? r.json() : null;
    }).then(function (data) {
      if (!data) { return; }
      var feed = document.getElementById("feed");
      if (feed && data.feed) { feed.outerHTML = data.feed; }
      Object.keys(data.panels).forEach(function (id) { setPanel(id, data.panels[id]); });
    });
  }

  var source = new EventSource(url + (url.indexOf("?") < 0 ? "?" : "&") + "after=" + after);
  source.addEventListener("open", function () { say(""); });
  source.addEventListener("error", function () {
    if (source.readyState !== EventSource.CLOSED) {
      say("Connection lost: reconnecting…", "warning");
    }
  });
  source.addEventListener("entry", function (e) {
    var d = JSON.parse(e.data); addEntry(d.seq, d.html);
  });
  source.addEventListener("panel", function (e) {
    var d = JSON.parse(e.data); setPanel(d.id, d.html);
  });
  source.addEventListener("clock", function (e) {
    var d = JSON.parse(e.data);
    var el = document.getElementById("clock");
    if (!d.known || !el) { return; }
    if (!el.querySelector(".time")) {
      el.innerHTML = '<span class="phase"></span> <span class="time"></span>';
    }
    el.querySelector(".phase").textContent = d.phase;
    clock.left = d.left; clock.running = d.running; clock.at = Date.now();
    showClock();
  });
  source.addEventListener("stale", refresh);
  source.addEventListener("ended", function (e) {
    source.close();
    say(JSON.parse(e.data).reason, "ended");
    body.classList.add("ended");
    var buttons = document.querySelectorAll("button");
    for (var i = 0; i < buttons.length; i++) { buttons[i].disabled = true; }
  });
})();
