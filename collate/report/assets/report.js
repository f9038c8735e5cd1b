"use strict";
(function () {
  var cards = Array.prototype.slice.call(document.querySelectorAll("button.card"));
  var status = document.getElementById("status");

  function clear() {
    Array.prototype.forEach.call(document.querySelectorAll(".hl"), function (el) { el.classList.remove("hl"); });
    cards.forEach(function (card) { card.setAttribute("aria-pressed", "false"); });
  }

  function show(card) {
    clear();
    card.setAttribute("aria-pressed", "true");
    var evidence = JSON.parse(card.getAttribute("data-evidence"));
    var first = null;
    var count = 0;
    evidence.forEach(function (place) {
      var siglum = place[0], start = place[1], end = place[2];
      var text = document.querySelector('.text[data-witness="' + CSS.escape(siglum) + '"]');
      if (!text) { return; }
      Array.prototype.forEach.call(text.querySelectorAll("[data-s]"), function (seg) {
        var a = +seg.getAttribute("data-s"), b = +seg.getAttribute("data-e");
        var hit = start === end ? (a === b && a === start) : (a === b ? (a > start && a < end) : (a < end && b > start));
        if (hit) { seg.classList.add("hl"); count += 1; first = first || seg; }
      });
    });
    if (first) { first.scrollIntoView({ block: "center" }); }
    status.textContent = card.getAttribute("data-anomaly") + ": evidence highlighted in " +
      evidence.map(function (p) { return p[0]; }).filter(function (v, i, all) { return all.indexOf(v) === i; }).join(", ") +
      " (Esc clears; j and k move between anomalies)";
  }

  cards.forEach(function (card) { card.addEventListener("click", function () { show(card); }); });

  document.addEventListener("keydown", function (event) {
    if (event.target && /^(INPUT|TEXTAREA|SELECT)$/.test(event.target.tagName)) { return; }
    if (event.key === "Escape") { clear(); status.textContent = ""; return; }
    if (event.key !== "j" && event.key !== "k") { return; }
    if (!cards.length) { return; }
    var at = cards.indexOf(document.activeElement);
    var next = event.key === "j" ? Math.min(cards.length - 1, at + 1) : Math.max(0, at - 1);
    cards[next].focus();
    event.preventDefault();
  });
})();
