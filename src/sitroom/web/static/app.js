// Light behaviour on top of server-rendered pages: filter forms apply as soon as a
// select or date changes (text fields on Enter), and empty fields are left out of the URL.
(function () {
  document.querySelectorAll("form[data-autosubmit]").forEach(function (form) {
    form.addEventListener("change", function (ev) {
      if (ev.target.matches("select, input[type=date]")) { submitClean(form); }
    });
    form.addEventListener("submit", function (ev) { ev.preventDefault(); submitClean(form); });
  });
  function submitClean(form) {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, key) { if (value !== "") { params.append(key, value); } });
    params.delete("page");
    window.location.assign(form.getAttribute("action") + (params.toString() ? "?" + params.toString() : ""));
  }
})();
