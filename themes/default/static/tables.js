// journeymap: a table a reader can put in another order and narrow down by typing.
// A `.table-tools` box (hidden until this script shows it) names its table in `data-table`
// and the columns (from 0) whose text the filter searches in `data-columns`, and holds a
// `.table-filter` input, an optional `.table-sort` select whose values are "key:asc" or
// "key:desc" (a row's `data-<key>` number, or "title" for the first cell's link text) and a
// `.table-status` line filled from `data-status` ("{shown} of {total} ...") and
// `data-none` (no row holds the words).
(function () {
  "use strict";

  // Lower case without accents, as the search box folds text.
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function setUp(tools) {
    var table = document.getElementById(tools.getAttribute("data-table"));
    // A page with two such tables loads this script twice; each box is set up once.
    if (!table || !table.tBodies.length || tools.hasAttribute("data-ready")) {
      return;
    }
    tools.setAttribute("data-ready", "");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var columns = (tools.getAttribute("data-columns") || "0").split(" ").map(Number);
    var texts = rows.map(function (row) {
      return fold(columns.map(function (c) {
        return row.cells[c] ? row.cells[c].textContent : "";
      }).join(" "));
    });
    var filter = tools.querySelector(".table-filter");
    var sort = tools.querySelector(".table-sort");
    var status = tools.querySelector(".table-status");
    var headers = table.tHead ? table.tHead.rows[0].cells : [];
    // Each order's values, read once: a row without the figure has null.
    var values = {};
    var collator = new Intl.Collator(document.documentElement.lang || undefined, { numeric: true });

    function valuesOf(key) {
      if (!values[key]) {
        values[key] = rows.map(function (row) {
          if (key === "title") {
            var link = row.cells[0].querySelector("a");
            return (link || row.cells[0]).textContent.trim();
          }
          var raw = row.getAttribute("data-" + key);
          return raw === null || raw === "" ? null : parseFloat(raw);
        });
      }
      return values[key];
    }

    function order() {
      var chosen = (sort ? sort.value : "").split(":");
      var key = chosen[0];
      var descending = chosen[1] === "desc";
      var indexes = rows.map(function (_, i) { return i; });
      if (key) {
        var of = valuesOf(key);
        indexes.sort(function (a, b) {
          var x = of[a];
          var y = of[b];
          // Rows without the figure go last either way; ties keep the project's order.
          if (x === null || y === null) {
            return x === y ? a - b : (x === null ? 1 : -1);
          }
          var c = key === "title" ? collator.compare(x, y) : x - y;
          return (descending ? -c : c) || a - b;
        });
      }
      var fragment = document.createDocumentFragment();
      indexes.forEach(function (i) { fragment.appendChild(rows[i]); });
      body.appendChild(fragment);
      Array.prototype.forEach.call(headers, function (th) {
        if (key && th.getAttribute("data-key") === key) {
          th.setAttribute("aria-sort", descending ? "descending" : "ascending");
        } else {
          th.removeAttribute("aria-sort");
        }
      });
    }

    function narrow() {
      var words = fold(filter ? filter.value : "").split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row, i) {
        var match = words.every(function (w) { return texts[i].indexOf(w) !== -1; });
        row.hidden = !match;
        if (match) {
          shown += 1;
        }
      });
      if (status) {
        var said = shown === 0 ? tools.getAttribute("data-none") : tools.getAttribute("data-status");
        status.textContent = words.length
          ? (said || "").replace("{shown}", shown).replace("{total}", rows.length)
          : "";
      }
    }

    // The table as the controls say: the browser may put back their values after this
    // script ran (going back to the page) without telling, so it is done again on `pageshow`.
    function apply() {
      order();
      narrow();
    }

    if (filter) {
      filter.addEventListener("input", narrow);
    }
    if (sort) {
      sort.addEventListener("change", order);
    }
    window.addEventListener("pageshow", apply);
    tools.hidden = false;
    apply();
  }

  Array.prototype.forEach.call(document.querySelectorAll(".table-tools[data-table]"), setUp);
})();
