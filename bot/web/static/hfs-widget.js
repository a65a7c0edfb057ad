/*
 * Hemifacial spasm clinic chat widget. Plain JavaScript on socket.io-client.
 * Embed with one tag:
 *   <script src="https://clinic.example/widget/hfs-widget.js" data-server="https://bot.clinic.example" defer></script>
 * Keeps the same conversation across page reloads in the same tab (session id + transcript in
 * sessionStorage, gone when the tab closes, so a shared computer keeps nothing); "End and clear"
 * forgets it at once and starts a new conversation.
 * reconnects by itself, works with the keyboard and announces replies to screen readers.
 * A message from a clinic staff member (sent from the staff console) carries "staff", the name the
 * patient sees: it is shown with that name, "has joined" and hand-back notes as notices, and the
 * header says who is in the chat until the conversation is handed back to the assistant.
 * No inline scripts or styles, so it runs under a strict Content-Security-Policy.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var server = (script && script.getAttribute("data-server")) || window.location.origin;
  var base = script ? script.src.replace(/[^/]*$/, "") : "/widget/";
  var STORE_KEY = "hfs-chat-v1";
  var MAX_HISTORY = 200;
  var URL_RX = /(https?:\/\/[^\s<>"')]+)/g;

  function load() {
    try {
      window.localStorage.removeItem(STORE_KEY);  // transcripts an older widget kept across tabs
      return JSON.parse(window.sessionStorage.getItem(STORE_KEY)) || {};
    } catch (e) {
      return {};
    }
  }

  function save() {
    try {
      window.sessionStorage.setItem(STORE_KEY, JSON.stringify(state));
    } catch (e) { /* storage full or disabled: the chat still works */ }
  }

  function newSessionId() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  var state = load();
  state.sessionId = state.sessionId || newSessionId();
  state.history = state.history || [];

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text) { node.textContent = text; }
    return node;
  }

  // ---- UI -----------------------------------------------------------------
  var launcher = el("button", {
    "class": "hfs-launcher", type: "button", "aria-expanded": "false", "aria-controls": "hfs-panel"
  }, "Chat with the clinic assistant");
  var panel = el("section", { id: "hfs-panel", "class": "hfs-panel", "aria-labelledby": "hfs-title" });
  panel.hidden = true;
  var header = el("div", { "class": "hfs-header" });
  var title = el("h2", { id: "hfs-title" }, "Clinic assistant");
  var close = el("button", { "class": "hfs-close", type: "button", "aria-label": "Close chat" }, "\u00d7");
  var clear = el("button", { "class": "hfs-clear", type: "button" }, "End and clear");
  header.appendChild(title);
  header.appendChild(clear);
  header.appendChild(close);
  var note = el("p", { "class": "hfs-note" },
    "General information only, not medical advice. In an emergency call 911.");
  var status = el("p", { "class": "hfs-status", role: "status", "aria-live": "polite" });
  var log = el("div", {
    "class": "hfs-log", role: "log", "aria-live": "polite", "aria-relevant": "additions",
    "aria-label": "Conversation", tabindex: "0"
  });
  var typing = el("p", { "class": "hfs-typing", "aria-hidden": "true" }, "The assistant is typing\u2026");
  typing.hidden = true;
  var form = el("form", { "class": "hfs-form" });
  var label = el("label", { "for": "hfs-input", "class": "hfs-visually-hidden" }, "Your message");
  var input = el("input", {
    id: "hfs-input", type: "text", autocomplete: "off", maxlength: "2000",
    placeholder: "Type your question\u2026"
  });
  var send = el("button", { type: "submit", "class": "hfs-send" }, "Send");
  form.appendChild(label);
  form.appendChild(input);
  form.appendChild(send);
  [header, note, status, log, typing, form].forEach(function (n) { panel.appendChild(n); });

  function appendText(container, text) {
    text.split("\n").forEach(function (line, index) {
      if (index) { container.appendChild(document.createElement("br")); }
      line.split(URL_RX).forEach(function (part) {
        if (/^https?:\/\//.test(part)) {
          var link = el("a", { href: part, target: "_blank", rel: "noopener noreferrer" }, part);
          container.appendChild(link);
        } else if (part) {
          container.appendChild(document.createTextNode(part));
        }
      });
    });
  }

  var WHO = { bot: "Assistant: ", user: "You: " };

  function render(entry, index) {
    var notice = entry.from === "staff" && entry.event !== "message";
    var bubble = el("div", { "class": "hfs-msg hfs-" + (notice ? "notice" : entry.from) });
    if (entry.from === "staff" && !notice) {
      bubble.appendChild(el("span", { "class": "hfs-staff-name" }, entry.staff));
      bubble.appendChild(el("span", { "class": "hfs-visually-hidden" }, ": "));
    } else if (!notice) {
      bubble.appendChild(el("span", { "class": "hfs-visually-hidden" }, WHO[entry.from] || ""));
    }
    appendText(bubble, entry.text || "");
    log.appendChild(bubble);
    if (entry.buttons && entry.buttons.length) {
      var group = el("div", { "class": "hfs-quick-replies", role: "group", "aria-label": "Suggested replies" });
      entry.buttons.forEach(function (button) {
        var b = el("button", { type: "button", "class": "hfs-quick" }, button.title);
        b.disabled = !!entry.used || index !== state.history.length - 1;
        b.addEventListener("click", function () {
          entry.used = true;
          sendMessage(button.payload, button.title);
        });
        group.appendChild(b);
      });
      log.appendChild(group);
    }
    log.scrollTop = log.scrollHeight;
  }

  function renderAll() {
    log.textContent = "";
    state.history.forEach(render);
    title.textContent = state.staff ? "Chatting with " + state.staff : "Clinic assistant";
  }

  function remember(entry) {
    state.history.push(entry);
    if (state.history.length > MAX_HISTORY) { state.history = state.history.slice(-MAX_HISTORY); }
    save();
    renderAll();
  }

  function setOpen(open) {
    panel.hidden = !open;
    launcher.setAttribute("aria-expanded", String(open));
    state.open = open;
    save();
    if (open) { input.focus(); } else { launcher.focus(); }
  }

  // ---- Connection ---------------------------------------------------------
  var socket = null;
  var typingTimer = null;

  function showTyping(on) {
    typing.hidden = !on;
    window.clearTimeout(typingTimer);
    if (on) { typingTimer = window.setTimeout(function () { typing.hidden = true; }, 20000); }
  }

  function sendMessage(payload, shown) {
    var text = (payload || "").trim();
    if (!text) { return; }
    remember({ from: "user", text: shown || text });
    showTyping(true);
    socket.emit("user_uttered", { message: text, session_id: state.sessionId });
  }

  function connect() {
    socket = window.io(server, { transports: ["websocket", "polling"], reconnection: true });
    socket.on("connect", function () {
      status.textContent = "";
      panel.classList.remove("hfs-offline");
      socket.emit("session_request", { session_id: state.sessionId });
    });
    socket.on("session_confirm", function (sessionId) {
      if (typeof sessionId === "string" && sessionId !== state.sessionId) {
        state.sessionId = sessionId;
        save();
      }
    });
    socket.on("bot_uttered", function (message) {
      showTyping(false);
      if (message.staff) {
        var event = String(message.staff_event || "message");
        state.staff = event === "handback" ? "" : String(message.staff);
        remember({ from: "staff", staff: String(message.staff), event: event, text: String(message.text || "") });
        return;
      }
      var buttons = (message.quick_replies || message.buttons || []).map(function (b) {
        return { title: String(b.title), payload: String(b.payload) };
      });
      remember({ from: "bot", text: String(message.text || ""), buttons: buttons });
    });
    socket.on("disconnect", function () {
      status.textContent = "Connection lost. Reconnecting\u2026";
      panel.classList.add("hfs-offline");
    });
    socket.on("connect_error", function () {
      status.textContent = "Can't reach the assistant right now. Retrying\u2026";
    });
  }

  // ---- Wiring -------------------------------------------------------------
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value;
    input.value = "";
    sendMessage(text);
  });
  launcher.addEventListener("click", function () { setOpen(panel.hidden); });
  clear.addEventListener("click", function () {
    try { window.sessionStorage.removeItem(STORE_KEY); } catch (e) { /* nothing stored */ }
    state = { sessionId: newSessionId(), history: [], open: true };
    renderAll();
    save();
    status.textContent = "Conversation ended and cleared from this browser.";
    if (socket) { socket.emit("session_request", { session_id: state.sessionId }); }
    input.focus();
  });
  close.addEventListener("click", function () { setOpen(false); });
  panel.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { setOpen(false); }
  });

  function start() {
    var css = el("link", { rel: "stylesheet", href: base + "hfs-widget.css" });
    document.head.appendChild(css);
    document.body.appendChild(launcher);
    document.body.appendChild(panel);
    renderAll();
    if (state.open) { panel.hidden = false; launcher.setAttribute("aria-expanded", "true"); }
    var io = el("script", { src: base + "vendor/socket.io.min.js" });
    io.addEventListener("load", connect);
    io.addEventListener("error", function () { status.textContent = "The chat could not load."; });
    document.head.appendChild(io);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
