/*
 * The 和暦 beside a browser date input, as the ward's forms write dates (birth dates on the
 * roster, dates of reports, contract dates).
 *
 * An <input type="date" data-wareki> gets a line after it, e.g. 「令和8年12月2日」, updated as the
 * date changes and empty while no whole date is chosen. The line is tied to the input with
 * aria-describedby, so a screen reader reads it with the field. The page works without this
 * script: the field and what it sends are unchanged (an ISO date).
 *
 * ERAS must match itaku.core.calendar._ERAS (format_wareki): the first day of each era, newest
 * first; year 1 is 元年; before 昭和 nothing is shown (Python refuses such dates too).
 * itaku/core/tests/test_wareki_js.py reads this table and compares it with Python's.
 */
(function () {
  "use strict";
  var ERAS = [
    ["2019-05-01", "令和"],
    ["1989-01-08", "平成"],
    ["1926-12-25", "昭和"]
  ];

  // "2026-12-02" → "令和8年12月2日"; "" for anything that is not a whole date in an era.
  function wareki(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
    if (!m) { return ""; }
    for (var i = 0; i < ERAS.length; i++) {
      if (iso >= ERAS[i][0]) {  // ISO dates of four-digit years sort as strings
        var year = Number(m[1]) - Number(ERAS[i][0].slice(0, 4)) + 1;
        return ERAS[i][1] + (year === 1 ? "元" : String(year)) + "年" +
          Number(m[2]) + "月" + Number(m[3]) + "日";
      }
    }
    return "";
  }

  function attach(input, n) {
    var out = document.createElement("span");
    out.className = "wareki";
    out.id = (input.id || "wareki-input-" + n) + "_wareki";
    out.setAttribute("data-wareki-for", input.name);
    input.insertAdjacentElement("afterend", out);
    var described = input.getAttribute("aria-describedby");
    input.setAttribute("aria-describedby", described ? described + " " + out.id : out.id);
    function update() { out.textContent = wareki(input.value); }
    input.addEventListener("input", update);
    input.addEventListener("change", update);
    update();
  }

  function start() {
    var inputs = document.querySelectorAll('input[type="date"][data-wareki]');
    Array.prototype.forEach.call(inputs, attach);
  }

  window.itakuWareki = wareki;  // for the browser test of the era table
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
