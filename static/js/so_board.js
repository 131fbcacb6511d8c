// The dispatch board (SO-5): after each poll, a request id in data-emergencies not seen before
// shows the alert and sounds a short beep (WebAudio; no file, no inline script for the CSP).
(function () {
  "use strict";
  var seen = null;
  var audio = null;

  function beep() {
    try {
      var Context = window.AudioContext || window.webkitAudioContext;
      if (!Context) return;
      audio = audio || new Context();
      var osc = audio.createOscillator();
      var gain = audio.createGain();
      osc.type = "square";
      osc.frequency.value = 880;
      gain.gain.value = 0.2;
      osc.connect(gain);
      gain.connect(audio.destination);
      osc.start();
      osc.stop(audio.currentTime + 0.6);
    } catch (e) {
      // No sound: the visible alert remains.
    }
  }

  function ids(rows) {
    var raw = rows ? rows.getAttribute("data-emergencies") || "" : "";
    return raw.split(" ").filter(Boolean);
  }

  function check() {
    var rows = document.getElementById("so-board-rows");
    var now = ids(rows);
    if (seen === null) {
      seen = now;
      return;
    }
    var fresh = now.filter(function (id) { return seen.indexOf(id) === -1; });
    seen = now;
    if (!fresh.length) return;
    var alertBox = document.getElementById("so-board-alert");
    if (alertBox) {
      alertBox.textContent = "新しい緊急対応の依頼があります(" + fresh.length + "件)。";
      alertBox.hidden = false;
    }
    document.title = "【緊急】" + document.title.replace(/^【緊急】/, "");
    beep();
  }

  document.addEventListener("DOMContentLoaded", check);
  document.addEventListener("htmx:afterSettle", check);
  document.addEventListener("click", function (event) {
    if (event.target && event.target.id === "so-board-alert-dismiss") {
      var alertBox = document.getElementById("so-board-alert");
      if (alertBox) alertBox.hidden = true;
      document.title = document.title.replace(/^【緊急】/, "");
    }
    // A click unlocks sound in browsers that start audio only after the person acts.
    if (!audio && (window.AudioContext || window.webkitAudioContext)) {
      try { audio = new (window.AudioContext || window.webkitAudioContext)(); } catch (e) { audio = null; }
    }
  });
})();
