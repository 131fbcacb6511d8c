/*
 * Drafts of half-written forms, so a sign-in after a timeout loses nothing (ASVS V7).
 *
 * A form marked data-draft="<key>" is copied to sessionStorage as it is typed (never passwords,
 * hidden fields or the CSRF token). sessionStorage belongs to this browser tab only and is gone
 * when the tab closes; signing out clears every draft. When the form is sent, its draft is kept
 * as "pending". When the form is shown again empty (the session had ended and the person signed
 * in again, or the page was reloaded), the draft is put back; when the page reports success or
 * the server shows the form again with its errors (and the values), the draft is dropped.
 */
(function () {
  "use strict";
  var PREFIX = "itaku-draft:";
  var store = window.sessionStorage;

  function fields(form) {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && el.name !== "csrfmiddlewaretoken" && el.type !== "password" &&
        el.type !== "hidden" && el.type !== "submit" && el.type !== "button";
    });
  }

  function read(form) {
    var data = {};
    fields(form).forEach(function (el) {
      if (el.type === "checkbox" || el.type === "radio") {
        if (!data[el.name]) { data[el.name] = []; }
        if (el.checked) { data[el.name].push(el.value); }
      } else {
        data[el.name] = el.value;
      }
    });
    return data;
  }

  function isEmpty(form) {
    return fields(form).every(function (el) {
      if (el.type === "checkbox" || el.type === "radio") { return !el.checked; }
      return el.tagName === "SELECT" ? el.selectedIndex <= 0 : el.value === "";
    });
  }

  function write(form, data) {
    fields(form).forEach(function (el) {
      if (!(el.name in data)) { return; }
      if (el.type === "checkbox" || el.type === "radio") {
        el.checked = data[el.name].indexOf(el.value) !== -1;
      } else {
        el.value = data[el.name];
      }
    });
  }

  function load(key) {
    try { return JSON.parse(store.getItem(key) || "null"); } catch (e) { return null; }
  }

  document.addEventListener("DOMContentLoaded", function () {
    var succeeded = document.querySelector(".notice--success") !== null;
    document.querySelectorAll("form[data-draft]").forEach(function (form) {
      var key = PREFIX + form.getAttribute("data-draft");
      var draft = load(key + ":pending") || load(key);
      var hasErrors = form.querySelector(".field-error, .error-summary") !== null;
      store.removeItem(key + ":pending");
      store.removeItem(key);
      if (draft && !succeeded && !hasErrors && isEmpty(form)) {
        write(form, draft);
        store.setItem(key, JSON.stringify(draft));
        var note = document.createElement("p");
        note.className = "notice notice--info";
        note.setAttribute("role", "status");
        note.textContent = "ログインし直す前に入力していた内容を復元しました。確認して送信してください。";
        form.insertBefore(note, form.firstChild);
      }
      form.addEventListener("input", function () { store.setItem(key, JSON.stringify(read(form))); });
      form.addEventListener("change", function () { store.setItem(key, JSON.stringify(read(form))); });
      form.addEventListener("submit", function () {
        store.setItem(key + ":pending", JSON.stringify(read(form)));
        store.removeItem(key);
      });
    });
    document.querySelectorAll("form[data-draft-clear-all]").forEach(function (form) {
      form.addEventListener("submit", function () {
        Object.keys(store).forEach(function (k) { if (k.indexOf(PREFIX) === 0) { store.removeItem(k); } });
      });
    });
  });
})();
