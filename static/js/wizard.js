/* Interview Verdict questionnaire: progressive enhancement only. Everything works without it.
   - focus the error summary on load (autofocus does it too, this covers older browsers);
   - an error summary link focuses its field and scrolls its question (legend) into view;
   - the Back link on a step saves what was chosen on the page, like the Back button. */
(function () {
  "use strict";
  var summary = document.querySelector("[data-error-summary]");
  if (summary && document.activeElement !== summary) { summary.focus(); }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-error-summary] a[data-field]");
    if (link) {
      var input = document.getElementById(link.getAttribute("data-field"));
      if (!input) { return; }
      event.preventDefault();
      var around = input.closest("fieldset") || input.closest(".form-group") || input;
      around.scrollIntoView();
      input.focus({ preventScroll: true });
      return;
    }
    var back = event.target.closest && event.target.closest("[data-back-link]");
    var button = document.querySelector("[data-back-button]");
    var plain = event.button === 0 && !(event.metaKey || event.ctrlKey || event.shiftKey || event.altKey);
    if (back && plain && button && button.form && typeof button.form.requestSubmit === "function") {
      event.preventDefault();
      button.form.requestSubmit(button);
    }
  });
})();
