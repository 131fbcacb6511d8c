// The door screen (IC-11): filter the rows by kana as one types, and send each mark with fetch
// so a tap not yet answered shows as pending (未送信) and a repeated tap carries the same token
// (the server records it once). No inline script (the CSP).
(function () {
  "use strict";
  function filter() {
    var box = document.getElementById("ic-kana");
    if (!box) return;
    var want = box.value.replace(/\s/g, "");
    document.querySelectorAll("#ic-rows .ic-row").forEach(function (row) {
      var kana = (row.getAttribute("data-kana") || "").replace(/\s/g, "");
      row.hidden = want !== "" && kana.indexOf(want) === -1;
    });
  }
  function send(form) {
    var row = form.closest(".ic-row");
    var state = row ? row.querySelector(".ic-state") : null;
    if (row) row.classList.add("ic-row--pending");
    if (state) state.textContent = "未送信(送信中)";
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { "X-Requested-With": "fetch" },
      credentials: "same-origin"
    }).then(function (r) { return r.json(); }).then(function (data) {
      if (!data.ok) {
        if (row) row.classList.remove("ic-row--pending");
        if (state) state.textContent = data.error || "記録できませんでした";
        return;
      }
      window.location.reload();
    }).catch(function () {
      if (state) state.textContent = "未送信:電波の良い所でもう一度押してください";
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    var box = document.getElementById("ic-kana");
    if (box) {
      box.addEventListener("input", filter);
      // What was typed before this script ran (a slow phone, a reload after a mark) applies too.
      filter();
    }
    document.querySelectorAll("form.ic-mark").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        send(form);
      });
    });
  });
})();
