// Shared by the site's scripts (matrix.js, compare.js, checklist.js), loaded before them on
// every page (mkdocs.yml: extra_javascript). The scripts hold no text of their own: what they
// show comes from the page, in JSON text blocks or data- attributes rendered from data/strings/.
(function () {
  "use strict";

  // A text with its {placeholders} replaced: fill("{shown} of {total}", {shown: 3, total: 9}).
  // A placeholder without a value stays as written.
  function fill(template, values) {
    return String(template).replace(/\{([a-z0-9_]+)\}/g, function (match, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : match;
    });
  }

  // The texts of the page's <script type="application/json" id="ID"> block.
  function text(id) {
    return JSON.parse(document.getElementById(id).textContent);
  }

  window.OpenOrClosed = {fill: fill, text: text};
})();
