"use strict";
/* The report's views, drawn from the compact data in #collate-data (see collate/report/html_page.py):
   what is on screen is drawn, paragraph by paragraph, as the reader scrolls. */
(function () {
  // the report this script belongs to: the page, or one of several in a notebook's outputs
  var script = document.currentScript;
  var root = (script && script.closest(".collate-report")) || document;
  function byId(id) { return root.querySelector("#" + id); }  // ids are ours (or escaped)
  var D = JSON.parse(byId("collate-data").textContent);
  var W = D.witnesses.map(function (w) { return { siglum: w[0], role: w[1], path: w[2], text: w[3], collated: !!w[4], metadata: w[5] || [] }; });
  var C = D.collated, E = D.ends, G = D.groups, A = D.anomalies, T = D.moved, N = G.length;
  var status = byId("status");
  var pending = [];  // lazily drawn blocks: {el, draw}
  var base = D.lemma;    // index into C

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
    option.value = i; option.textContent = W[w].siglum + (i === D.lemma ? " (lemma)" : "");
    select.appendChild(option);
  });
  select.value = base;
  select.addEventListener("change", function () { base = +select.value; drawReading(); });
  var paragraphs = byId("paragraphs");
  var punctuation = byId("punctuation");
  punctuation.addEventListener("change", function () { paragraphs.classList.toggle("hide-punctuation", punctuation.checked); });
  var paraStarts = [];

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
  // --- the edition's layout: lines, entries, lacunae (collate/report/notes.py) ---------------
  var LS = (D.lines || []).map(function (deltas) { var at = 0; return deltas.map(function (d) { at += d; return at; }); });
  // the number of the displayed line of collated witness ci that holds offset (1, 2, ...)
  function lineOf(ci, offset) {
    var starts = LS[ci] || [0], lo = 0, hi = starts.length - 1;
    while (lo < hi) { var mid = (lo + hi + 1) >> 1; if (starts[mid] <= offset) { lo = mid; } else { hi = mid - 1; } }
    return lo + 1;
  }
  var entries = [], entryOf = new Int32Array(N).fill(-1);
  for (var q = 0; q < (D.entries || []).length; q += 3) {
    for (var u = D.entries[q]; u <= D.entries[q + 1]; u++) { entryOf[u] = entries.length; }
    entries.push({ first: D.entries[q], last: D.entries[q + 1], punct: !!D.entries[q + 2] });
  }
  var lacunae = (D.lacunae || []).map(function (x) { return { ci: x[0], first: x[1], last: x[2], kind: x[3] }; });
  var absentAt = {};  // "k:ci" for the units where witness ci is in a lacuna
  lacunae.forEach(function (x) { for (var u = x.first; u <= x.last; u++) { absentAt[u + ":" + x.ci] = 1; } });
  // where the words of text.slice(s, e) begin: past the marks that close what went before
  // (as Witness.word_start), unless nothing but marks is there
  var CLOSING = /^(?:(?!["'¿¡])[\s\p{Po}\p{Pe}\p{Pf}\p{Pd}])*/u;
  function wordStart(text, s, e) {
    var skip = CLOSING.exec(text.slice(s, Math.min(e, s + 200)))[0].length;
    return s + skip < e ? s + skip : s;
  }
  function passage(ci, first, last) {
    var text = W[C[ci]].text, s = ustart(ci, first), e = E[ci][last];
    return text.slice(wordStart(text, s, e), e).trim();
  }
  // a long lemma as printed editions give it: its first and last words
  function shortened(text) {
    var words = text.split(/\s+/);
    return words.length > 5 ? words.slice(0, 2).join(" ") + " … " + words.slice(-2).join(" ") : text;
  }

  function note(e) {
    if (absentAt[e.first + ":" + base]) { return null; }  // the base text is lost here
    var groups = {}, order = [];
    C.forEach(function (w, ci) {
      if (absentAt[e.first + ":" + ci]) { return; }
      var key = "";
      for (var k = e.first; k <= e.last; k++) { if (G[k]) { key += String(G[k][ci]) + ","; } }
      if (!groups[key]) { groups[key] = []; order.push(key); }
      groups[key].push(ci);
    });
    var lemmaKey = order.filter(function (key) { return groups[key].indexOf(base) >= 0; })[0];
    function movedTo(ci) {
      for (var k = e.first; k <= e.last; k++) { if (moved[k + ":" + C[ci]] !== undefined) { return moved[k + ":" + C[ci]]; } }
      return undefined;
    }
    function text(group, lemma) {
      var ci = group[0], t = passage(ci, e.first, e.last);
      if (t) { return h("span", { "class": "rdg" }, lemma ? shortened(t) : t); }
      var there = movedTo(ci);
      if (there === undefined) { return h("span", { "class": "om" }, "om."); }
      return h("span", { "class": "om" }, ["transp. (", h("a", { href: "#" + uid(there) }, "at " + lineOf(base, ustart(base, there))), ")"]);
    }
    function sigla(group) { return h("span", { "class": "sig" }, group.map(function (ci) { return W[C[ci]].siglum; }).join(" ")); }
    function refs(group) {
      var out = [], notes = [];
      group.forEach(function (ci) {
        anomaliesOver(C[ci], ustart(ci, e.first), E[ci][e.last]).forEach(function (a) {
          var shownMoved = !passage(ci, e.first, e.last) && movedTo(ci) !== undefined;  // already "transp. (at n)"
          if (a[7] && notes.indexOf(a[7]) < 0 && !(a[7] === "transp." && shownMoved)) { notes.push(a[7]); }
          out.push(" ", h("a", { "class": "ref", href: "#" + a[0], title: a[1] }, a[0]));
        });
      });
      return [notes.length ? [" ", h("span", { "class": "om" }, notes.join(" "))] : null, out];
    }
    var lemma = groups[lemmaKey], lemmaEmpty = !passage(base, e.first, e.last);
    var others = [];
    order.filter(function (key) { return key !== lemmaKey; }).forEach(function (key, n) {
      var added = lemmaEmpty && passage(groups[key][0], e.first, e.last) && movedTo(base) === undefined;
      others.push(n ? "; " : null, text(groups[key], false), added ? [" ", h("span", { "class": "om" }, "add.")] : null, " ", sigla(groups[key]), refs(groups[key]));
    });
    var text0 = W[C[base]].text, s = ustart(base, e.first), end = E[base][e.last];
    var from = lineOf(base, wordStart(text0, s, end)), to = lineOf(base, Math.max(s, end - 1));
    while (to > from && !/\S/.test(text0.slice(LS[base][to - 1], end))) { to--; }
    return h("li", { id: "n-" + uid(e.first), "class": e.punct ? "punct" : null }, [
      h("a", { "class": "line", href: "#" + uid(e.first) }, to > from ? from + "–" + to : String(from)), " ",
      h("span", { "class": "lem" }, text(lemma, true)), " ", sigla(lemma), refs(lemma), "] ", others]);
  }
  // a witness's text begins (inc.), ends (expl.) or is lost (lac.) here: one note
  function lacunaNote(x) {
    var at = x.kind === "inc." ? Math.min(N - 1, x.last + 1) : x.first;
    var from = lineOf(base, ustart(base, at)), to = lineOf(base, Math.max(ustart(base, x.last), E[base][x.last] - 1));
    var where = x.kind === "lac." && to > from ? from + "–" + to : String(from);
    return h("li", { id: "x-" + uid(x.first) + "-" + W[C[x.ci]].siglum, "class": "lacuna" }, [
      h("a", { "class": "line", href: "#" + uid(at) }, where), " ", h("span", { "class": "om" }, x.kind), " ", h("span", { "class": "sig" }, W[C[x.ci]].siglum)]);
  }
  function lacunaAt(x) { return x.kind === "inc." ? Math.min(N - 1, x.last + 1) : x.first; }
  // whether any witness present at unit k has an anomaly over its reading there
  function anomalousUnit(k) {
    for (var ci = 0; ci < C.length; ci++) {
      if (!absentAt[k + ":" + ci] && anomaliesOver(C[ci], ustart(ci, k), E[ci][k]).length) { return true; }
    }
    return false;
  }
  function drawParagraph(el, from, to) {
    var ci = base, w = C[base], text = W[w].text, starts = LS[base] || [0], notes = [], marks = [];
    var first = unitAt(base, from);
    while (first > 0 && E[base][first - 1] >= from && ustart(base, first - 1) === from) { first--; }
    var cuts = {}, gaps = {}, units = [];
    cuts[from] = 1; cuts[to] = 1;
    for (var k = first; k < N; k++) {
      var us = ustart(base, k), ue = E[base][k];
      if (us >= to && !(us === to && ue === to && to === text.length)) { break; }
      var shown = entryOf[k] >= 0 && G[k] && !absentAt[k + ":" + ci];
      units.push([k, us, ue, shown]);
      if (us >= from) { cuts[us] = 1; }
      if (shown && us === ue) { (gaps[us] = gaps[us] || []).push(k); }
      if (shown && us >= from && entries[entryOf[k]].first === k) { notes.push([k, note(entries[entryOf[k]]), 1]); }
    }
    lacunae.forEach(function (x) {
      var at = lacunaAt(x), s = ustart(base, at);
      if (x.ci !== ci && s >= from && (s < to || (to === text.length && s === to))) { notes.push([at, lacunaNote(x), 0]); }
    });
    anomaliesOver(w, from, to).forEach(function (a) { marks.push(a); if (a[3] > from) { cuts[Math.min(a[3], to)] = 1; } if (a[4] < to) { cuts[Math.max(a[4], from)] = 1; } });
    var line = lineOf(base, from) - 1;  // index into starts of the line that holds from
    for (var n = line + 1; n < starts.length && starts[n] < to; n++) { if (starts[n] > from) { cuts[starts[n]] = 1; } }
    var points = Object.keys(cuts).map(Number).sort(function (x, y) { return x - y; });
    var lines = [], current = null, u = 0, named = {};
    function newLine(index) {
      var number = index + 1;
      current = h("span", { "class": "ln", "data-n": number, "data-num": number % 5 === 0 ? number : null });
      lines.push(current);
    }
    newLine(line);
    for (var i = 0; i < points.length; i++) {
      var a = points[i], b = points[i + 1];
      if (line + 1 < starts.length && starts[line + 1] === a && a > from && a < to) { line++; newLine(line); }
      (gaps[a] || []).forEach(function (k) {
        var over = anomalousUnit(k) ? " an" : "";
        current.appendChild(h("span", { "class": "gap" + over, id: uid(k), title: uid(k) }));
      });
      if (b === undefined || b <= a) { continue; }
      while (u < units.length - 1 && units[u][2] <= a) { u++; }
      var unit = units[u], classes = [], id = null;
      if (unit && unit[3] && unit[1] < unit[2]) {
        classes.push("v");
        if (!named[unit[0]]) { named[unit[0]] = 1; id = uid(unit[0]); }
        if (anomalousUnit(unit[0])) { classes.push("an"); }
      }
      if (classes.indexOf("an") < 0 && marks.some(function (m) { return m[3] < b && m[4] > a; })) { classes.push("an"); }
      var piece = text.slice(a, b);
      current.appendChild(classes.length || id ? h("span", { "class": classes.join(" ") || null, id: id }, piece) : document.createTextNode(piece));
    }
    notes.sort(function (x, y) { return x[0] - y[0] || x[2] - y[2]; });  // a lacuna first
    var items = notes.map(function (x) { return x[1]; }).filter(Boolean);
    fill(el, [h("p", { "class": "base" }, lines), items.length ? h("ol", { "class": "notes" }, items) : null]);
  }
  function drawReading() {
    fill(paragraphs, null);
    pending = pending.filter(function (el) { return !paragraphs.contains(el) && document.body.contains(el); });
    var text = W[C[base]].text;
    paraStarts = [];
    // paragraphs begin where a displayed line does, so that no line is cut in two
    var starts = LS[base] || [0], ranges = [], at = 0;
    blocks(text).forEach(function (range) {
      var lo = 0, hi = starts.length;
      while (lo < hi) { var mid = (lo + hi) >> 1; if (starts[mid] < range[1]) { lo = mid + 1; } else { hi = mid; } }
      var end = range[1] === text.length || lo === starts.length ? text.length : starts[lo];
      if (end > at) { ranges.push([at, end]); at = end; }
    });
    if (!ranges.length) { ranges.push([0, text.length]); }
    ranges.forEach(function (range, n) {
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
      var note = byId(CSS.escape("n-" + (entryOf[k] >= 0 ? uid(entries[entryOf[k]].first) : id)));
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
