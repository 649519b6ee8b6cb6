/* The print view's "Print" button (no inline handlers: the CSP allows scripts from this server only). */
(function () {
  "use strict";
  var b = document.getElementById("print-button");
  if (b) b.addEventListener("click", function () { window.print(); });
})();
