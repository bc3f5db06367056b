// Copy buttons for the share link and the drafted message: progressive enhancement.
// Without JavaScript the buttons stay hidden and the text is still selectable.
(function () {
  "use strict";
  function copyFrom(field) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(field.value);
    }
    field.focus();
    field.select();
    return document.execCommand("copy") ? Promise.resolve() : Promise.reject(new Error("copy failed"));
  }
  // printing shows everything: folded sections open for the printout (print.css does the same
  // where the browser supports ::details-content)
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details:not([open])").forEach(function (d) {
      d.setAttribute("open", "");
      d.setAttribute("data-opened-for-print", "");
    });
  });
  window.addEventListener("afterprint", function () {
    document.querySelectorAll("details[data-opened-for-print]").forEach(function (d) {
      d.removeAttribute("open");
      d.removeAttribute("data-opened-for-print");
    });
  });
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var field = document.getElementById(button.getAttribute("data-copy"));
    var status = button.parentNode.querySelector(".copy-status");
    if (!field) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      copyFrom(field).then(function () {
        if (status) { status.textContent = "Copied"; }
      }, function () {
        field.focus();
        field.select();
        if (status) { status.textContent = "Selected: press Ctrl+C (or ⌘C) to copy"; }
      });
    });
  });
})();
