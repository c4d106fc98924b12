// Frontdesk dashboard: live updates (server-sent events), waiting timers, template previews,
// copy buttons and confirmations. Plain JS; every page works without it, only less live.
(function () {
  "use strict";

  function refresh(el) {
    var url = el.getAttribute("data-live");
    return fetch(url, { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
      .then(function (r) {
        // Signed out meanwhile: go to the sign-in page rather than showing it inside a panel.
        if (r.redirected) { window.location = r.url; return null; }
        return r.ok ? r.text() : null;
      })
      .then(function (html) {
        if (html === null) return;
        var stick = el.scrollTop + el.clientHeight >= el.scrollHeight - 20;
        el.innerHTML = html;
        if (stick || el.classList.contains("phone-screen")) el.scrollTop = el.scrollHeight;
        tickWaiting();
      })
      .catch(function () {});
  }

  function live() {
    var bid = document.body.getAttribute("data-bid");
    var parts = document.querySelectorAll("[data-live]");
    if (!bid || parts.length === 0 || !window.EventSource) return;
    var status = document.querySelector("[data-live-status]");
    var es = new EventSource("/app/" + bid + "/events");
    es.addEventListener("hello", function () {
      if (status) status.textContent = "Live: new messages appear here as they arrive.";
      document.body.setAttribute("data-live-ready", "1");
      // Anything that changed between rendering the page and connecting shows now.
      parts.forEach(refresh);
    });
    es.addEventListener("change", function () {
      parts.forEach(refresh);
    });
    es.onerror = function () {
      if (status) status.textContent = "Live updates paused; reconnecting…";
    };
  }

  function tickWaiting() {
    var now = Date.now();
    document.querySelectorAll("[data-since]").forEach(function (el) {
      var since = parseInt(el.getAttribute("data-since"), 10);
      if (!since) return;
      var mins = Math.max(0, Math.round((now - since) / 60000));
      var text = mins < 1 ? "under a minute" : mins < 60 ? mins + " min" :
        mins < 2880 ? Math.floor(mins / 60) + " h " + (mins % 60) + " min" : Math.floor(mins / 1440) + " days";
      el.textContent = "Waiting " + text;
    });
  }

  function previews() {
    var bid = document.body.getAttribute("data-bid");
    document.querySelectorAll("[data-preview]").forEach(function (area) {
      var box = document.getElementById(area.getAttribute("data-preview"));
      var timer = null;
      function update() {
        var csrf = document.querySelector("input[name=csrf]");
        var body = new URLSearchParams({ template: area.value, csrf: csrf ? csrf.value : "" });
        fetch("/app/" + bid + "/preview", { method: "POST", body: body, credentials: "same-origin" })
          .then(function (r) { return r.json(); })
          .then(function (p) {
            var sms = box.querySelector(".sms"), count = box.querySelector(".count");
            if (!p.ok) { sms.textContent = ""; count.textContent = p.error; box.classList.add("too-long"); return; }
            sms.textContent = p.text;
            count.textContent = p.chars + " characters · " + p.segments + " segment" + (p.segments === 1 ? "" : "s") +
              " · " + (p.encoding === "Gsm7" ? "GSM-7" : "Unicode (shorter limit)") + (p.fits ? "" : " · too long for one text");
            box.classList.toggle("too-long", !p.fits);
          })
          .catch(function () {});
      }
      area.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(update, 250); });
      update();
    });
  }

  function counters() {
    document.querySelectorAll("[data-count]").forEach(function (area) {
      var out = document.getElementById(area.getAttribute("data-count"));
      function update() {
        var n = area.value.length;
        var seg = n === 0 ? 0 : n <= 160 ? 1 : Math.ceil(n / 153);
        out.textContent = n ? n + " characters, about " + seg + " text" + (seg === 1 ? "" : "s") : "";
      }
      area.addEventListener("input", update);
      update();
    });
  }

  function misc() {
    document.querySelectorAll("[data-copy]").forEach(function (b) {
      b.addEventListener("click", function () {
        var input = document.getElementById(b.getAttribute("data-copy"));
        input.select();
        if (navigator.clipboard) navigator.clipboard.writeText(input.value).catch(function () {});
        else document.execCommand("copy");
        b.textContent = "Copied";
      });
    });
    document.querySelectorAll("form[data-confirm]").forEach(function (f) {
      f.addEventListener("submit", function (e) {
        if (!window.confirm(f.getAttribute("data-confirm"))) e.preventDefault();
      });
    });
    var sw = document.querySelector("[data-switch]");
    if (sw) sw.addEventListener("change", function () { window.location = "/app/" + sw.value + "/inbox"; });
    var screen = document.querySelector(".phone-screen");
    if (screen) screen.scrollTop = screen.scrollHeight;
    var body = document.getElementById("sim-body");
    if (body) body.focus();
  }

  // The simulator's voice call: the live-voice protocol over a WebSocket, typed instead of spoken.
  function voice() {
    var box = document.getElementById("sim-voice");
    if (!box) return;
    var lines = document.getElementById("sim-voice-lines");
    var say = document.getElementById("sim-say");
    var send = document.getElementById("sim-say-send");
    var hang = document.getElementById("sim-hang-up");
    var ws = null;
    function line(who, text) {
      var li = document.createElement("li");
      li.className = who;
      li.textContent = (who === "caller" ? "Caller: " : who === "ai" ? "Receptionist: " : "") + text;
      lines.appendChild(li);
    }
    function enable(on) { say.disabled = !on; send.disabled = !on; hang.disabled = !on; if (on) say.focus(); }
    document.getElementById("sim-voice-call").addEventListener("click", function () {
      if (ws) return;
      lines.textContent = "";
      var url = (location.protocol === "https:" ? "wss://" : "ws://") + location.host + box.getAttribute("data-voice");
      ws = new WebSocket(url);
      ws.onopen = function () { ws.send(JSON.stringify({ type: "setup" })); enable(true); };
      ws.onmessage = function (e) {
        var m = JSON.parse(e.data);
        if (m.type === "text") {
          line("ai", m.token);
          if (window.speechSynthesis && window.SpeechSynthesisUtterance) {
            try { window.speechSynthesis.speak(new SpeechSynthesisUtterance(m.token)); } catch (err) {}
          }
        } else if (m.type === "end") {
          var why = "";
          try { why = JSON.parse(m.handoffData || "{}").reason || ""; } catch (err) {}
          line("system", "The receptionist hands the call to a person" + (why ? " (" + why.replace(/_/g, " ") + ")" : "") + ".");
        }
      };
      ws.onclose = function () { ws = null; enable(false); line("system", "Call ended."); };
    });
    document.getElementById("sim-voice-form").addEventListener("submit", function (e) {
      e.preventDefault();
      var words = say.value.trim();
      if (!ws || !words) return;
      line("caller", words);
      ws.send(JSON.stringify({ type: "prompt", voicePrompt: words, last: true }));
      say.value = "";
    });
    hang.addEventListener("click", function () { if (ws) ws.close(); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    live(); previews(); counters(); misc(); voice(); tickWaiting();
    setInterval(tickWaiting, 30000);
  });
})();
