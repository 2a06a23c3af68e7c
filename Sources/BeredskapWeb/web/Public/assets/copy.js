// Copy buttons on the report page: each copies its section's text for pasting
// into the authority's form. Without JavaScript the buttons stay hidden and the
// text can be selected by hand.
(function () {
  "use strict";
  var lang = document.documentElement.lang;
  var done = lang === "en" ? "Copied." : "Kopiert.";
  var failed = lang === "en" ? "Could not copy: select the text and copy it by hand." : "Kunne ikke kopiere: merk teksten og kopier den selv.";
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    if (!navigator.clipboard) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      var source = document.getElementById(button.getAttribute("data-copy"));
      var status = button.parentNode.querySelector(".copy-status");
      if (!source) { return; }
      navigator.clipboard.writeText(source.innerText).then(function () {
        if (status) { status.textContent = done; }
      }, function () {
        if (status) { status.textContent = failed; }
      });
    });
  });
})();
