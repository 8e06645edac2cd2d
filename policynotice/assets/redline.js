/* policynotice redlines in the browser, no dependencies:
   1. "previous / next change" navigation inside every .pn-redline;
   2. the compare page: pick any two versions, load the pre-generated redline
      fragment (URL-PREFIX + from + ".." + to + ".html") and show it (a long
      archive prebuilds only the pairs listed in data-pairs); the pair
      is kept in location.hash (#from..to) so that it can be linked, and in
      the language selector's links;
   3. an accessible name for the theme's search dialog;
   4. column names for the history table's cards on a phone. */
(function () {
  "use strict";

  var MESSAGES = {
    en: { same: "Choose two different versions to see what changed.",
          loading: "Loading the comparison\u2026",
          error: "The comparison could not be loaded." },
    ko: { same: "\uC11C\uB85C \uB2E4\uB978 \uB450 \uBC84\uC804\uC744 \uC120\uD0DD\uD558\uBA74 \uBCC0\uACBD \uC0AC\uD56D\uC744 \uBCFC \uC218 \uC788\uC2B5\uB2C8\uB2E4.",
          loading: "\uBE44\uAD50 \uACB0\uACFC\uB97C \uBD88\uB7EC\uC624\uB294 \uC911\u2026",
          error: "\uBE44\uAD50 \uACB0\uACFC\uB97C \uBD88\uB7EC\uC624\uC9C0 \uBABB\uD588\uC2B5\uB2C8\uB2E4." },
    zh: { same: "\u8BF7\u9009\u62E9\u4E24\u4E2A\u4E0D\u540C\u7684\u7248\u672C\u4EE5\u67E5\u770B\u53D8\u66F4\u3002",
          loading: "\u6B63\u5728\u52A0\u8F7D\u5BF9\u7167\u7ED3\u679C\u2026",
          error: "\u65E0\u6CD5\u52A0\u8F7D\u5BF9\u7167\u7ED3\u679C\u3002" },
    "zh-Hant": { same: "\u8ACB\u9078\u64C7\u5169\u500B\u4E0D\u540C\u7684\u7248\u672C\u4EE5\u67E5\u770B\u8B8A\u66F4\u3002",
          loading: "\u6B63\u5728\u8F09\u5165\u5C0D\u7167\u7D50\u679C\u2026",
          error: "\u7121\u6CD5\u8F09\u5165\u5C0D\u7167\u7D50\u679C\u3002" },
    es: { same: "Elija dos versiones distintas para ver los cambios.",
          loading: "Cargando la comparaci\u00F3n\u2026",
          error: "No se pudo cargar la comparaci\u00F3n." }
  };

  function pageLang() {
    var parts = (document.documentElement.lang || "en").toLowerCase().replace("_", "-").split("-");
    if (parts[0] === "zh") {
      return parts.some(function (p) { return p === "hant" || p === "tw" || p === "hk" || p === "mo"; })
        ? "zh-Hant" : "zh";
    }
    return MESSAGES[parts[0]] ? parts[0] : "en";
  }

  /* A data-msg-<key> attribute on the form wins over the built-in wording. */
  function message(form, key) {
    return form.getAttribute("data-msg-" + key) || MESSAGES[pageLang()][key];
  }

  /* -- 1. next / previous change ------------------------------------------- */

  function setupRedline(root) {
    if (!root || root.getAttribute("data-pn-ready")) return;
    root.setAttribute("data-pn-ready", "1");
    var nav = root.querySelector(".pn-redline-nav");
    var marks = root.querySelectorAll('[id^="pn-change-"]');
    if (!nav || !marks.length) return;
    var label = nav.querySelector(".pn-nav-position");
    var template = root.getAttribute("data-pn-position") || "{i} / {n}";
    var current = -1;

    function describe() {
      var i = current < 0 ? "\u2013" : String(current + 1);
      if (label) label.textContent = template.replace("{i}", i).replace("{n}", String(marks.length));
    }

    function go(index) {
      var n = marks.length;
      if (current >= 0) marks[current].classList.remove("pn-current");
      current = ((index % n) + n) % n;
      var el = marks[current];
      el.classList.add("pn-current");
      if (!el.hasAttribute("tabindex")) el.setAttribute("tabindex", "-1");
      var smooth = window.matchMedia && !window.matchMedia("(prefers-reduced-motion: reduce)").matches;
      el.scrollIntoView({ block: "center", behavior: smooth ? "smooth" : "auto" });
      el.focus({ preventScroll: true });
      describe();
    }

    nav.addEventListener("click", function (event) {
      var button = event.target.closest ? event.target.closest("[data-pn-nav]") : null;
      if (!button) return;
      if (button.getAttribute("data-pn-nav") === "next") go(current + 1);
      else go(current < 0 ? marks.length - 1 : current - 1);
    });
    nav.hidden = false;
    describe();
  }

  /* -- 2. the compare page -------------------------------------------------- */

  function optionValues(select) {
    var out = [];
    for (var i = 0; i < select.options.length; i++) out.push(select.options[i].value);
    return out;
  }

  /* "#a..b" -> [a, b] when both are versions offered by the form. */
  function pairFromHash(hash, values) {
    var text = hash.replace(/^#/, "");
    try { text = decodeURIComponent(text); } catch (e) { return null; }
    for (var at = text.indexOf(".."); at >= 0; at = text.indexOf("..", at + 1)) {
      var a = text.slice(0, at), b = text.slice(at + 2);
      if (values.indexOf(a) >= 0 && values.indexOf(b) >= 0) return [a, b];
    }
    return null;
  }

  function resultFor(form) {
    for (var el = form.nextElementSibling; el; el = el.nextElementSibling) {
      if (el.classList.contains("pn-compare-result")) return el;
      var inner = el.querySelector && el.querySelector(".pn-compare-result");
      if (inner) return inner;
    }
    return document.querySelector(".pn-compare-result");
  }

  function showMessage(result, text) {
    result.removeAttribute("aria-busy");
    result.textContent = "";
    var p = document.createElement("p");
    p.className = "pn-compare-message";
    p.textContent = text;
    result.appendChild(p);
  }

  /* The theme's language selector links to the same compare page in the
     other languages: make them open the same two versions there. The theme
     handles clicks on those links on <body> and rebuilds the address without
     its hash, so the click stops at the link, whose href is the right page. */
  function stayOnLink(event) { event.stopPropagation(); }

  function keepPairInLanguageLinks(hash) {
    var links = document.querySelectorAll("a.md-select__link[hreflang]");
    for (var i = 0; i < links.length; i++) {
      var href = links[i].getAttribute("href") || "";
      links[i].setAttribute("href", href.split("#")[0] + hash);
      if (!links[i].hasAttribute("data-pn-pair")) links[i].addEventListener("click", stayOnLink);
      links[i].setAttribute("data-pn-pair", hash);
    }
  }

  function setupCompare(form) {
    if (form.getAttribute("data-pn-ready")) return;
    form.setAttribute("data-pn-ready", "1");
    var from = form.querySelector('select[name="from"]');
    var to = form.querySelector('select[name="to"]');
    var result = resultFor(form);
    if (!from || !to || !result) return;
    var prefix = form.getAttribute("data-fragments") || "./";
    var values = optionValues(from);
    var request = 0;
    // A long archive prebuilds only some pairs (data-pairs); for the others,
    // say so and offer each version against the one in force.
    var listed = form.getAttribute("data-pairs");
    var prebuilt = listed === null ? null : listed.split(" ");
    var inForce = form.getAttribute("data-current") || "";

    function showPartial(a, b) {
      showMessage(result, message(form, "partial").replace("{pair}", a + " \u2192 " + b));
      var list = document.createElement("ul");
      [a, b].forEach(function (v) {
        if (v === inForce) return;
        var pair = values.indexOf(v) < values.indexOf(inForce) ? [v, inForce] : [inForce, v];
        var link = document.createElement("a");
        link.href = "#" + encodeURIComponent(pair[0]) + ".." + encodeURIComponent(pair[1]);
        link.textContent = message(form, "with-current").replace("{version}", v);
        var item = document.createElement("li");
        item.appendChild(link);
        list.appendChild(item);
      });
      result.appendChild(list);
    }

    function load(updateHash) {
      // Options run from oldest to newest: always show older -> newer.
      if (from.selectedIndex > to.selectedIndex) {
        var older = to.value;
        to.value = from.value;
        from.value = older;
      }
      var a = from.value, b = to.value;
      var hash = "#" + encodeURIComponent(a) + ".." + encodeURIComponent(b);
      if (updateHash && window.history && history.replaceState) {
        history.replaceState(null, "", hash);
      }
      keepPairInLanguageLinks(hash);
      if (a === b) {
        request++;
        showMessage(result, message(form, "same"));
        return;
      }
      if (prebuilt && prebuilt.indexOf(a + ".." + b) < 0) {
        request++;
        showPartial(a, b);
        return;
      }
      var mine = ++request;
      showMessage(result, message(form, "loading"));
      result.setAttribute("aria-busy", "true");  // showMessage cleared it
      var url = prefix + encodeURIComponent(a) + ".." + encodeURIComponent(b) + ".html";
      fetch(url, { credentials: "same-origin" }).then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.text();
      }).then(function (html) {
        if (mine !== request) return;
        result.removeAttribute("aria-busy");
        // The fragment is generated by policynotice, with every piece of
        // policy text escaped; it is fetched from this site only.
        result.innerHTML = html;
        var redlines = result.querySelectorAll(".pn-redline");
        for (var i = 0; i < redlines.length; i++) setupRedline(redlines[i]);
      }).catch(function () {
        if (mine === request) showMessage(result, message(form, "error"));
      });
    }

    function fromHash() {
      if (!document.body.contains(form)) {  // the page was swapped by instant navigation
        window.removeEventListener("hashchange", fromHash);
        return false;
      }
      var pair = pairFromHash(location.hash, values);
      if (!pair) return false;
      from.value = pair[0];
      to.value = pair[1];
      load(false);
      return true;
    }

    form.addEventListener("submit", function (event) { event.preventDefault(); load(true); });
    from.addEventListener("change", function () { load(true); });
    to.addEventListener("change", function () { load(true); });
    window.addEventListener("hashchange", fromHash);

    if (!fromHash()) {
      var dFrom = form.getAttribute("data-default-from"), dTo = form.getAttribute("data-default-to");
      if (dFrom && values.indexOf(dFrom) >= 0) from.value = dFrom;
      if (dTo && values.indexOf(dTo) >= 0) to.value = dTo;
      else if (values.length) to.selectedIndex = values.length - 1;
      if (values.length > 1 && from.value !== to.value) load(false);
    }
  }

  /* -- 3. the theme's search dialog ----------------------------------------
     mkdocs-material marks its search overlay role="dialog" without a name
     (axe: aria-dialog-name); name it after its search box. */

  function nameSearchDialog() {
    var dialog = document.querySelector('.md-search[role="dialog"]');
    if (!dialog || dialog.hasAttribute("aria-label") || dialog.hasAttribute("aria-labelledby")) return;
    var input = dialog.querySelector("input.md-search__input");
    var name = input && (input.getAttribute("aria-label") || input.getAttribute("placeholder"));
    if (name) dialog.setAttribute("aria-label", name);
  }

  /* -- 4. the history table on a phone -------------------------------------
     site.css shows each version as a card, every value after its column's
     name, taken from data-label: copy the header into cells that lack it. */

  function labelHistoryCells() {
    var tables = document.querySelectorAll("table.pn-history");
    for (var t = 0; t < tables.length; t++) {
      var heads = tables[t].querySelectorAll("thead th");
      var rows = tables[t].querySelectorAll("tbody tr");
      for (var r = 0; r < rows.length; r++) {
        var cells = rows[r].children;
        for (var c = 0; c < cells.length && c < heads.length; c++) {
          if (!cells[c].hasAttribute("data-label")) {
            cells[c].setAttribute("data-label", heads[c].textContent.trim());
          }
        }
      }
    }
  }

  function init() {
    nameSearchDialog();
    labelHistoryCells();
    var redlines = document.querySelectorAll(".pn-redline");
    for (var i = 0; i < redlines.length; i++) setupRedline(redlines[i]);
    var forms = document.querySelectorAll("form.pn-compare");
    for (var j = 0; j < forms.length; j++) setupCompare(forms[j]);
  }

  // mkdocs-material's instant navigation swaps pages without reloading scripts.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
