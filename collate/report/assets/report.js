"use strict";
/* The report's views, drawn from the compact data in #collate-data (see collate/report/html.py):
   what is on screen is drawn, paragraph by paragraph, as the reader scrolls. */
(function () {
  // the report this script belongs to: the page, or one of several in a notebook's outputs
  var script = document.currentScript;
  var root = (script && script.closest(".collate-report")) || document;
  function byId(id) { return root.querySelector("#" + id); }  // ids are ours (or escaped)
  var D = JSON.parse(byId("collate-data").textContent);
  var W = D.w.map(function (w) { return { siglum: w[0], role: w[1], path: w[2], text: w[3], collated: !!w[4], metadata: w[5] || [] }; });
  var C = D.c, E = D.e, G = D.g, A = D.a, T = D.t, N = G.length;
  var status = byId("status");
  var pending = [];  // lazily drawn blocks: {el, draw}
  var base = D.b;    // index into C

  function uid(k) { return D.ids ? D.ids[k] : "u" + (k + 1); }
  var unitOf = {};
  for (var k = 0; k < N; k++) { unitOf[uid(k)] = k; }
  var collatedAt = {};  // witness index -> index into C
  C.forEach(function (w, i) { collatedAt[w] = i; });
  function ustart(ci, k) { return k ? E[ci][k - 1] : 0; }

  // --- building the page: elements and text nodes, never markup from strings ----------------
  // h("span", {class: "v", id: "u3"}, [text, node, ...]): attribute names are ours; values
  // and text go in as values and text nodes, so no witness text can become markup.
  var SVG = "http://www.w3.org/2000/svg";
  function add(node, kids) {
    if (kids === null || kids === undefined || kids === "") { return node; }
    if (Array.isArray(kids)) { for (var i = 0; i < kids.length; i++) { add(node, kids[i]); } return node; }
    node.appendChild(typeof kids === "object" ? kids : document.createTextNode(String(kids)));
    return node;
  }
  function attrs(node, a) {
    if (a) { Object.keys(a).forEach(function (key) { if (a[key] !== null && a[key] !== undefined) { node.setAttribute(key, String(a[key])); } }); }
    return node;
  }
  function h(tag, a, kids) { return add(attrs(document.createElement(tag), a), kids); }
  function svgEl(tag, a, kids) { return add(attrs(document.createElementNS(SVG, tag), a), kids); }
  function fill(node, kids) { node.textContent = ""; return add(node, kids); }
  function fragment(kids) { return add(document.createDocumentFragment(), kids); }
  // where each line of witness n starts, found once; line and column of an offset by bisection
  var lineStarts = {};
  function lineCol(n, offset) {
    var starts = lineStarts[n];
    if (!starts) {
      starts = lineStarts[n] = [0];
      var text = W[n].text;
      for (var i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) { starts.push(i + 1); }
    }
    var lo = 0, hi = starts.length - 1;
    while (lo < hi) { var mid = (lo + hi + 1) >> 1; if (starts[mid] <= offset) { lo = mid; } else { hi = mid - 1; } }
    return [lo + 1, offset - starts[lo] + 1];
  }
  // the first unit whose end in collated witness ci is beyond offset (binary search)
  function unitAt(ci, offset) {
    var lo = 0, hi = N - 1, ends = E[ci];
    while (lo < hi) { var mid = (lo + hi) >> 1; if (ends[mid] > offset) { hi = mid; } else { lo = mid + 1; } }
    return lo;
  }
  // readings moved: "k:w" -> the unit where witness w has the words it lacks at unit k
  var moved = {};
  T.forEach(function (t) { moved[t[0] + ":" + C[t[1]]] = t[2]; });

  // --- drawing lazily ----------------------------------------------------------------------
  var observer = "IntersectionObserver" in window ? new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) { if (entry.isIntersecting) { drawBlock(entry.target); } });
  }, { rootMargin: "1200px 0px" }) : null;
  function lazy(el, draw, chars) {
    el.dataset.pending = "1";
    el.style.minHeight = Math.max(1.6, Math.ceil(chars / 90) * 1.55) + "em";
    el._draw = draw;
    pending.push(el);
    if (observer) { observer.observe(el); } else { drawBlock(el); }
  }
  function drawBlock(el) {
    if (!el._draw) { return; }
    var draw = el._draw; el._draw = null;
    if (observer) { observer.unobserve(el); }
    draw(el);
    delete el.dataset.pending;
    el.style.minHeight = "";
  }
  function drawAll() { pending.slice().forEach(drawBlock); }
  window.collateDrawAll = drawAll;
  window.addEventListener("beforeprint", drawAll);
  if (window.matchMedia) {
    var printing = window.matchMedia("print");
    var onPrint = function (m) { if (m.matches) { drawAll(); } };
    if (printing.addEventListener) { printing.addEventListener("change", onPrint); } else if (printing.addListener) { printing.addListener(onPrint); }
  }

  // paragraphs: at blank lines, long ones cut at a line end or a sentence near 3,000 characters
  function blocks(text) {
    var out = [], at = 0, re = /\n[ \t\r]*\n/g, m;
    function push(end) {
      while (end - at > 4000) {
        var cut = text.lastIndexOf("\n", at + 3000);
        if (cut <= at) { cut = text.indexOf(". ", at + 3000); }
        if (cut <= at || cut >= end) { break; }
        out.push([at, cut + 1]); at = cut + 1;
      }
      if (end > at) { out.push([at, end]); at = end; }
    }
    while ((m = re.exec(text)) !== null) { push(m.index + m[0].length); }
    push(text.length);
    if (!out.length) { out.push([0, 0]); }
    return out;
  }

  // anomalies by witness, sorted by start, for marking texts
  var byWitness = {}, longest = {};
  A.forEach(function (a) {
    (byWitness[a[2]] = byWitness[a[2]] || []).push(a);
    longest[a[2]] = Math.max(longest[a[2]] || 0, a[4] - a[3]);
  });
  Object.keys(byWitness).forEach(function (w) { byWitness[w].sort(function (x, y) { return x[3] - y[3]; }); });

  // --- the reading view --------------------------------------------------------------------
  var select = byId("base");
  C.forEach(function (w, i) {
    var option = document.createElement("option");
    option.value = i; option.textContent = W[w].siglum + (i === D.b ? " (lemma)" : "");
    select.appendChild(option);
  });
  select.value = base;
  select.addEventListener("change", function () { base = +select.value; drawReading(); });
  var paragraphs = byId("paragraphs");
  var paraStarts = [];

  function readingText(ci, k) {
    var w = W[C[ci]], s = ustart(ci, k), e = E[ci][k];
    return w.text.slice(s, e).trim();
  }
  // the anomalies of witness w over [s, e): only those starting at most its longest anomaly
  // before s are looked at (found by bisection), not all of them, for each unit drawn
  function anomaliesOver(w, s, e) {
    var list = byWitness[w] || [], from = s - (longest[w] || 0), lo = 0, hi = list.length, out = [];
    while (lo < hi) { var mid = (lo + hi) >> 1; if (list[mid][3] < from) { lo = mid + 1; } else { hi = mid; } }
    for (var i = lo; i < list.length && list[i][3] <= e; i++) {
      var a = list[i];
      if (s === e ? (a[3] <= s && a[4] >= s) : (a[3] < e && a[4] > s) || (a[3] === a[4] && a[3] >= s && a[3] < e)) { out.push(a); }
    }
    return out;
  }
  function entry(k) {
    var g = G[k], lemmaGroup = String(g[base]), groups = {}, order = [];
    for (var i = 0; i < g.length; i++) {
      var c = String(g[i]);
      if (!groups[c]) { groups[c] = []; order.push(c); }
      groups[c].push(i);
    }
    function text(group) {
      var ci = group[0], t = readingText(ci, k);
      if (t) { return h("span", { "class": "rdg" }, t); }
      var there = moved[k + ":" + C[ci]];
      if (there === undefined) { return h("span", { "class": "om" }, "om."); }
      return h("span", { "class": "om" }, ["transp. (", h("a", { href: "#" + uid(there) }, "at " + lineCol(C[base], ustart(base, there))[0]), ")"]);
    }
    function sigla(group) { return h("span", { "class": "sig" }, group.map(function (ci) { return W[C[ci]].siglum; }).join(" ")); }
    function refs(group) {
      var out = [], notes = [];
      group.forEach(function (ci) {
        anomaliesOver(C[ci], ustart(ci, k), E[ci][k]).forEach(function (a) {
          if (a[7] && notes.indexOf(a[7]) < 0 && !(a[7] === "transp." && moved[k + ":" + C[ci]] !== undefined)) { notes.push(a[7]); }
          out.push(" ", h("a", { "class": "ref", href: "#" + a[0], title: a[1] }, a[0]));
        });
      });
      return [notes.length ? [" ", h("span", { "class": "om" }, notes.join(" "))] : null, out];
    }
    var lemma = groups[lemmaGroup];
    var lemmaEmpty = !readingText(base, k);
    var line = lineCol(C[base], ustart(base, k))[0];
    var others = [];
    order.filter(function (c) { return c !== lemmaGroup; }).forEach(function (c, n) {
      var added = lemmaEmpty && readingText(groups[c][0], k) && moved[k + ":" + C[base]] === undefined;
      others.push(n ? "; " : null, text(groups[c]), added ? [" ", h("span", { "class": "om" }, "add.")] : null, " ", sigla(groups[c]), refs(groups[c]));
    });
    return h("li", { id: "n-" + uid(k) }, [h("a", { "class": "line", href: "#" + uid(k) }, line), " ",
      h("span", { "class": "lem" }, text(lemma)), " ", sigla(lemma), refs(lemma), "] ", others]);
  }
  function drawParagraph(el, from, to) {
    var w = C[base], text = W[w].text, pieces = [], notes = [];
    var k = unitAt(base, from);
    while (k > 0 && E[base][k - 1] >= from && ustart(base, k - 1) === from) { k--; }
    for (; k < N; k++) {
      var us = ustart(base, k), ue = E[base][k];
      if (us >= to && !(us === to && ue === to && to === text.length)) { break; }
      var piece = text.slice(Math.max(us, from), Math.min(ue, to));
      if (G[k]) {
        var over = anomaliesOver(w, us, ue).length ? " an" : "";
        if (us === ue) { pieces.push(h("span", { "class": "gap" + over, id: uid(k), title: uid(k) })); }
        else { pieces.push(h("span", { "class": "v" + over, id: uid(k) }, piece)); }
        if (us >= from) { notes.push(entry(k)); }
      } else {
        pieces.push(piece);
      }
    }
    fill(el, [h("p", { "class": "base" }, pieces), notes.length ? h("ol", { "class": "notes" }, notes) : null]);
  }
  function drawReading() {
    fill(paragraphs, null);
    pending = pending.filter(function (el) { return !paragraphs.contains(el) && document.body.contains(el); });
    var text = W[C[base]].text;
    paraStarts = [];
    blocks(text).forEach(function (range, n) {
      var div = document.createElement("div");
      div.className = "para";
      div.dataset.n = n + 1;
      paragraphs.appendChild(div);
      paraStarts.push(range[0]);
      lazy(div, function (el) { drawParagraph(el, range[0], range[1]); }, range[1] - range[0]);
      if (n < 4) { drawBlock(div); }  // what opens on screen is there at once
    });
    drawChart();
  }
  function paragraphAt(offset) {
    var lo = 0, hi = paraStarts.length - 1;
    while (lo < hi) { var mid = (lo + hi + 1) >> 1; if (paraStarts[mid] <= offset) { lo = mid; } else { hi = mid - 1; } }
    return paragraphs.children[lo];
  }

  // --- the chart of variant density and anomalies -------------------------------------------
  function drawChart() {
    var figure = byId("chart"), bins = 200, counts = [], length = Math.max(1, W[C[base]].text.length);
    for (var i = 0; i < bins; i++) { counts.push(0); }
    for (var k = 0; k < N; k++) { if (G[k]) { counts[Math.min(bins - 1, Math.floor(ustart(base, k) * bins / length))]++; } }
    var top = Math.max.apply(null, counts.concat([1])), bars = [], ticks = [];
    counts.forEach(function (n, i) {
      if (n) {
        var height = Math.max(1, Math.round(40 * n / top));
        bars.push(svgEl("rect", { x: i * 5, y: 44 - height, width: 4, height: height }, svgEl("title", null, n + " variant units")));
      }
    });
    A.forEach(function (a) {
      var w = a[2], at;
      if (w === C[base]) { at = a[3]; } else if (w in collatedAt) { at = ustart(base, unitAt(collatedAt[w], a[3])); } else { return; }
      var x = Math.min(999, Math.round(at * 1000 / length));
      ticks.push(svgEl("a", { href: "#" + a[0] }, svgEl("rect", { "class": "tick k-" + a[1], x: x, y: 46, width: 2, height: 12 }, svgEl("title", null, a[0] + " " + a[1]))));
    });
    var along = "Variant units (bars) and anomalies (ticks) along " + W[C[base]].siglum;
    var svg = svgEl("svg", { viewBox: "0 0 1000 60", preserveAspectRatio: "none", role: "img", "aria-label": along }, [bars, ticks]);
    fill(figure, [svg, h("figcaption", null, along + "; click to go there.")]);
    svg.addEventListener("click", function (event) {
      if (event.target.closest("a")) { return; }
      var box = this.getBoundingClientRect();
      var offset = Math.floor((event.clientX - box.left) / box.width * length);
      var para = paragraphAt(offset);
      drawBlock(para);
      para.scrollIntoView({ block: "start" });
    });
  }

  // --- the witnesses -----------------------------------------------------------------------
  var texts = {};  // witness index -> .text element
  var cutsOf = {};
  function cuts(w) {
    if (cutsOf[w]) { return cutsOf[w]; }
    var set = {};
    set[0] = 1; set[W[w].text.length] = 1;
    if (w in collatedAt) { var ci = collatedAt[w]; for (var k = 0; k < N; k++) { set[E[ci][k]] = 1; } }
    A.forEach(function (a) { var ev = a[6]; for (var i = 0; i < ev.length; i += 3) { if (ev[i] === w) { set[ev[i + 1]] = 1; set[ev[i + 2]] = 1; } } });
    cutsOf[w] = Object.keys(set).map(Number).sort(function (x, y) { return x - y; });
    return cutsOf[w];
  }
  function variantSpans(w) {
    var out = [];
    if (!(w in collatedAt)) { return out; }
    var ci = collatedAt[w];
    for (var k = 0; k < N; k++) { if (G[k]) { out.push([ustart(ci, k), E[ci][k]]); } }
    return out;
  }
  function drawWitnessBlock(el, w, from, to) {
    var text = W[w].text, points = cuts(w), pieces = [];
    var spans = el.parentNode._variants || (el.parentNode._variants = variantSpans(w));
    var marks = (byWitness[w] || []);
    var lo = 0, hi = points.length - 1;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (points[mid] >= from) { hi = mid; } else { lo = mid + 1; } }
    var gapsHere = marks.filter(function (a) { return a[3] === a[4] && a[3] >= from && a[3] < to; });
    A.forEach(function (a) { var ev = a[6]; for (var i = 0; i < ev.length; i += 3) { if (ev[i] === w && ev[i + 1] === ev[i + 2] && ev[i + 1] >= from && ev[i + 1] < to && gapsHere.indexOf(a) < 0 && a[2] !== w) { gapsHere.push([a[0], a[1], w, ev[i + 1], ev[i + 1]]); } } });
    function gap(at, g) { return h("span", { "data-s": at, "data-e": at, "class": "gap", title: g[0], "aria-label": "omission here" }); }
    var v = 0;
    for (var i = Math.max(0, lo - 1); i < points.length - 1; i++) {
      var a0 = Math.max(points[i], from), b0 = Math.min(points[i + 1], to);
      if (points[i] >= to) { break; }
      if (b0 <= a0) { continue; }
      gapsHere.forEach(function (g) { if (g[3] === a0) { pieces.push(gap(a0, g)); } });
      while (v < spans.length && spans[v][1] <= a0) { v++; }
      var classes = [];
      if (v < spans.length && spans[v][0] <= a0 && spans[v][1] >= b0 && spans[v][1] > spans[v][0]) { classes.push("v"); }
      var over = marks.filter(function (m) { return m[3] < b0 && m[4] > a0; });
      if (over.length) { classes.push("an"); }
      pieces.push(h("span", {
        "data-s": a0, "data-e": b0, "class": classes.length ? classes.join(" ") : null,
        title: over.length ? over.map(function (m) { return m[0]; }).join(" ") : null
      }, text.slice(a0, b0)));
    }
    if (to === text.length) {
      gapsHere.forEach(function (g) { if (g[3] === to) { pieces.push(gap(to, g)); } });
    }
    fill(el, pieces);
  }
  var witnessRoot = byId("witness-texts");
  W.forEach(function (w, n) {
    var article = document.createElement("article");
    article.className = "witness"; article.id = "w-" + w.siglum;
    var lines = w.text.split("\n").length;
    add(article, h("h3", null, [h("span", { "class": "sigla" }, w.siglum), " ", h("span", { "class": "meta" },
      w.role + " · " + w.path + " · " + w.text.length.toLocaleString("en") + " characters, " + lines.toLocaleString("en") + " lines")]));
    if (w.metadata.length) {
      add(article, h("dl", { "class": "metadata" }, w.metadata.map(function (m) {
        // m[2]: the address where the value may be a link (http or https only), else ""
        return [h("dt", null, m[0]), h("dd", null, m[2] ? h("a", { href: m[2], rel: "noopener noreferrer" }, m[1]) : m[1])];
      })));
    }
    var text = document.createElement("div");
    text.className = "text"; text.dataset.witness = w.siglum; text.tabIndex = 0;
    text.setAttribute("aria-label", "text of " + w.siglum);
    article.appendChild(text);
    witnessRoot.appendChild(article);
    texts[n] = text;
    blocks(w.text).forEach(function (range) {
      var block = document.createElement("span");
      block.className = "block"; block.dataset.from = range[0]; block.dataset.to = range[1];
      text.appendChild(block);
      lazy(block, function (el) { drawWitnessBlock(el, n, range[0], range[1]); }, range[1] - range[0]);
    });
  });
  function blocksOver(w, s, e) {
    return Array.prototype.filter.call(texts[w].children, function (b) {
      var from = +b.dataset.from, to = +b.dataset.to;
      return s === e ? (s >= from && (s < to || (s === to && to === W[w].text.length))) : (from < e && to > s);
    });
  }

  // --- cards: highlight the evidence; filters ----------------------------------------------
  var cards = Array.prototype.slice.call(root.querySelectorAll("button.card"));
  var anomalyById = {};
  A.forEach(function (a) { anomalyById[a[0]] = a; });
  function clear() {
    Array.prototype.forEach.call(root.querySelectorAll(".hl"), function (el) { el.classList.remove("hl"); });
    cards.forEach(function (card) { card.setAttribute("aria-pressed", "false"); });
  }
  // cut the drawn piece of text that holds offset at it, so that a range can be marked exactly
  function cutAt(block, offset) {
    var segs = block.querySelectorAll("[data-s]");
    for (var i = 0; i < segs.length; i++) {
      var seg = segs[i], a = +seg.getAttribute("data-s"), b = +seg.getAttribute("data-e");
      if (a < offset && offset < b) {
        var twin = seg.cloneNode(false);
        var text = seg.textContent;
        seg.textContent = text.slice(0, offset - a);
        seg.setAttribute("data-e", offset);
        twin.textContent = text.slice(offset - a);
        twin.setAttribute("data-s", offset);
        seg.parentNode.insertBefore(twin, seg.nextSibling);
        return;
      }
    }
  }
  function highlight(w, start, end) {
    var found = [];
    blocksOver(w, start, end).forEach(function (block) {
      drawBlock(block);
      if (start < end) { cutAt(block, start); cutAt(block, end); }
      Array.prototype.forEach.call(block.querySelectorAll("[data-s]"), function (seg) {
        var a = +seg.getAttribute("data-s"), b = +seg.getAttribute("data-e");
        var hit = start === end ? (a === b && a === start) : (a === b ? (a > start && a < end) : (a < end && b > start));
        if (hit) { seg.classList.add("hl"); found.push(seg); }
      });
    });
    return found;
  }
  function show(card) {
    clear();
    card.setAttribute("aria-pressed", "true");
    var a = anomalyById[card.getAttribute("data-anomaly")], ev = a[6], first = null, where = [];
    for (var i = 0; i < ev.length; i += 3) {
      var hits = highlight(ev[i], ev[i + 1], ev[i + 2]);
      first = first || hits[0];
      if (where.indexOf(W[ev[i]].siglum) < 0) { where.push(W[ev[i]].siglum); }
    }
    if (first) { first.scrollIntoView({ block: "center" }); }
    status.textContent = a[0] + ": evidence highlighted in " + where.join(", ") + " (Esc clears; j and k move between anomalies)";
  }
  cards.forEach(function (card) { card.addEventListener("click", function () { show(card); }); });
  document.addEventListener("keydown", function (event) {
    if (event.target && /^(INPUT|TEXTAREA|SELECT)$/.test(event.target.tagName)) { return; }
    if (event.key === "Escape") { clear(); status.textContent = ""; return; }
    if (event.key !== "j" && event.key !== "k") { return; }
    var visible = cards.filter(function (c) { return !c.parentNode.hidden; });
    if (!visible.length) { return; }
    var at = visible.indexOf(document.activeElement);
    var next = event.key === "j" ? Math.min(visible.length - 1, at + 1) : Math.max(0, at - 1);
    visible[next].focus();
    event.preventDefault();
  });

  var filters = byId("filters");
  if (filters) {
    var kinds = [], sigla = [];
    cards.forEach(function (c) {
      var li = c.parentNode;
      if (kinds.indexOf(li.dataset.kind) < 0) { kinds.push(li.dataset.kind); }
      if (sigla.indexOf(li.dataset.witness) < 0) { sigla.push(li.dataset.witness); }
    });
    kinds.sort();
    fill(filters, [
      h("fieldset", null, [h("legend", null, "Kinds"), kinds.map(function (kind, n) {
        return [n ? " " : null, h("label", null, [h("input", { type: "checkbox", name: "kind", value: kind, checked: "" }), " ", kind])];
      })]),
      h("label", null, ["Confidence at least ", h("input", { type: "range", id: "confidence", min: 0, max: 1, step: 0.05, value: 0 }), " ",
        h("output", { id: "confidence-value" }, "0.00")]), " ",
      h("label", null, ["Witness ", h("select", { id: "witness-filter" }, [h("option", { value: "" }, "all"), sigla.map(function (siglum) {
        return h("option", { value: siglum }, siglum);
      })])]), " ",
      h("span", { id: "shown", "class": "meta" })
    ]);
    var apply = function () {
      var checked = Array.prototype.map.call(filters.querySelectorAll("input[name=kind]:checked"), function (i) { return i.value; });
      var least = +byId("confidence").value, only = byId("witness-filter").value, shown = 0;
      byId("confidence-value").textContent = least.toFixed(2);
      cards.forEach(function (c) {
        var li = c.parentNode, keep = checked.indexOf(li.dataset.kind) >= 0 && +li.dataset.conf >= least && (!only || li.dataset.witness === only);
        li.hidden = !keep; if (keep) { shown++; }
      });
      byId("shown").textContent = shown + " of " + cards.length + " shown";
    };
    filters.addEventListener("input", apply);
    filters.addEventListener("change", apply);
    apply();
  }

  // --- the synopsis ------------------------------------------------------------------------
  var synopsis = byId("synopsis-table");
  if (C.length < 2) {
    fill(synopsis, h("p", null, "Only one witness is collated: nothing to set side by side."));
  } else {
    var table = h("table", null, h("thead", null, h("tr", null, [h("th", { scope: "col" }, "unit"), C.map(function (w) {
      return h("th", { scope: "col", "class": "sigla" }, W[w].siglum);
    })])));
    synopsis.appendChild(table);
    var PAGE = 400;
    for (var from = 0; from < N; from += PAGE) {
      (function (from, to) {
        var body = document.createElement("tbody");
        table.appendChild(body);
        lazy(body, function (el) {
          var rows = [];
          for (var k = from; k < to; k++) {
            if (!G[k]) {
              var t = W[C[0]].text.slice(ustart(0, k), E[0][k]).trim(), words = t.split(/\s+/);
              rows.push(h("tr", { id: "syn-" + uid(k) }, [h("th", { scope: "row" }, uid(k)), h("td", { "class": "agree", colspan: C.length },
                words.length > 8 ? words.slice(0, 4).join(" ") + " … " + words.slice(-3).join(" ") : t)]));
            } else {
              rows.push(h("tr", { id: "syn-" + uid(k) }, [h("th", { scope: "row" }, h("a", { href: "#" + uid(k) }, uid(k))), C.map(function (w, ci) {
                var us = ustart(ci, k), ue = E[ci][k];
                return h("td", null, ue > us ? W[w].text.slice(us, ue).trim() : h("span", { "class": "om" }, "om."));
              })]));
            }
          }
          fill(el, rows);
        }, (to - from) * 40);
      })(from, Math.min(N, from + PAGE));
    }
  }

  // --- search over every witness -------------------------------------------------------------
  var search = byId("search"), results = byId("results"), timer = null, lowered = {};
  function find(query) {
    var q = query.toLowerCase(), out = [];
    W.forEach(function (w, n) {
      var text = lowered[n] || (lowered[n] = w.text.toLowerCase());
      for (var at = text.indexOf(q); at !== -1 && out.length < 200; at = text.indexOf(q, at + 1)) { out.push([n, at, at + q.length]); }
    });
    return out;
  }
  search.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var q = search.value.trim();
      if (q.length < 2) { fill(results, null); return; }
      var found = find(q);
      fill(results, found.length ? [found.map(function (f) {
        var w = W[f[0]], lc = lineCol(f[0], f[1]);
        var before = w.text.slice(Math.max(0, f[1] - 40), f[1]), after = w.text.slice(f[2], f[2] + 40);
        return h("li", null, h("button", { type: "button", "data-w": f[0], "data-s": f[1], "data-e": f[2] }, [
          h("span", { "class": "sigla" }, w.siglum), " " + lc[0] + ":" + lc[1] + " ",
          h("span", { "class": "context" }, ["…", before, h("mark", null, w.text.slice(f[1], f[2])), after, "…"])]));
      }), found.length >= 200 ? h("li", { "class": "meta" }, "the first 200 shown") : null] : h("li", { "class": "meta" }, "not found"));
      status.textContent = found.length + (found.length >= 200 ? "+" : "") + " places found for “" + q + "”";
    }, 150);
  });
  results.addEventListener("click", function (event) {
    var button = event.target.closest("button");
    if (!button) { return; }
    clear();
    var hits = highlight(+button.dataset.w, +button.dataset.s, +button.dataset.e);
    if (hits[0]) { hits[0].scrollIntoView({ block: "center" }); }
  });

  // --- links to a unit (#u12) or an anomaly (#a7) -----------------------------------------
  function go() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (!id) { return; }
    if (id in unitOf) {
      var k = unitOf[id], para = paragraphAt(ustart(base, k));
      drawBlock(para);
      var target = byId(CSS.escape(id));
      Array.prototype.forEach.call(root.querySelectorAll(".target"), function (el) { el.classList.remove("target"); });
      (target || para).scrollIntoView({ block: "center" });
      if (target) { target.classList.add("target"); }
      var note = byId(CSS.escape("n-" + id));
      if (note) { note.classList.add("target"); }
      status.textContent = id + (G[k] ? "" : " (the witnesses agree here)");
    } else if (anomalyById[id]) {
      var card = byId(CSS.escape("card-" + id));
      if (card) { card.parentNode.hidden = false; show(card); card.scrollIntoView({ block: "center" }); card.focus(); }
    }
  }
  window.addEventListener("hashchange", go);

  drawReading();
  go();
  document.documentElement.dataset.ready = String(Math.round(performance.now()));
  if (root !== document) { root.dataset.ready = document.documentElement.dataset.ready; }
})();
