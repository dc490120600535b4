(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("timeline-data").textContent);
  var NS = "http://www.w3.org/2000/svg";
  var DAY = 86400000;
  var PAD = 11, AXIS_H = 30, RIGHT = 18;
  // Marks shrink, and lanes stack fewer rows, when many records are in view at once.
  var ROW, GAP, MAX_ROWS, SCALE;
  function density(count) {
    var compact = count > 500;
    SCALE = compact ? 0.68 : 1; ROW = compact ? 15 : 22; GAP = compact ? 10 : 15; MAX_ROWS = compact ? 5 : 8;
  }
  var STANCES = ["support", "oppose", "mixed", "neutral"];
  var KINDS = ["statement", "proposal", "decision", "agreement", "ruling", "reversal", "refusal", "criticism"];
  var SHAPES = {
    statement: "M6.6,0A6.6,6.6 0 1,1 -6.6,0A6.6,6.6 0 1,1 6.6,0Z",
    proposal: "M0,-7.6L7,5.2L-7,5.2Z",
    decision: "M-5.8,-5.8H5.8V5.8H-5.8Z",
    agreement: "M-2.4,-7H2.4V-2.4H7V2.4H2.4V7H-2.4V2.4H-7V-2.4H-2.4Z",
    ruling: "M0,-7.2L6.2,-3.6V3.6L0,7.2L-6.2,3.6V-3.6Z",
    reversal: "M0,-7.8L7.8,0L0,7.8L-7.8,0Z",
    refusal: "M-6.6,-3.4L-3.4,-6.6L0,-3.2L3.4,-6.6L6.6,-3.4L3.2,0L6.6,3.4L3.4,6.6L0,3.2L-3.4,6.6L-6.6,3.4L-3.2,0Z",
    criticism: "M0,7.6L7,-5.2L-7,-5.2Z"
  };
  // Arrows from the previous record to each change: all of them when few, else the hovered one's only.
  var QUIET = data.changes.length > 40;
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

  function svg(name, attrs, parent) {
    var node = document.createElementNS(NS, name);
    for (var key in attrs) node.setAttribute(key, attrs[key]);
    if (parent) parent.appendChild(node);
    return node;
  }
  function html(tag, cls, text, parent) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = text;
    if (parent) parent.appendChild(node);
    return node;
  }
  function color(stance) { return "var(--" + (STANCES.indexOf(stance) >= 0 ? stance : "neutral") + ")"; }
  function utc(iso) { return Date.parse(iso + "T00:00:00Z"); }

  var topicTitle = {};
  data.topics.forEach(function (t) { topicTitle[t.slug] = t.title || t.slug; });
  var records = data.records.map(function (r, i) {
    var t0 = utc(r.start), t1 = utc(r.end) + DAY;
    return Object.assign({}, r, { t0: t0, t1: t1, t: (t0 + t1) / 2, index: i, visible: true });
  });
  var byId = {};
  records.forEach(function (r) { byId[r.id] = r; });

  var lanes = data.actors.map(function (a) { return { actor: a, records: [], rows: 1, top: 0, height: 0 }; });
  var laneOf = {};
  lanes.forEach(function (lane) { laneOf[lane.actor.name] = lane; });
  records.forEach(function (r) {
    if (!laneOf[r.actor]) {
      var lane = { actor: { name: r.actor, kind: "", aliases: [] }, records: [], rows: 1, top: 0, height: 0 };
      lanes.push(lane); laneOf[r.actor] = lane;
    }
    laneOf[r.actor].records.push(r);
  });

  // -- the time scale ----------------------------------------------------------------------------
  var full = (function () {
    if (!records.length) { var now = Date.now(); return [now - 180 * DAY, now + 30 * DAY]; }
    var lo = Math.min.apply(null, records.map(function (r) { return r.t0; }));
    var hi = Math.max.apply(null, records.map(function (r) { return r.t1; }));
    var pad = Math.max(3 * DAY, (hi - lo) * 0.03);
    return [lo - pad, hi + pad];
  })();
  var view = full.slice();
  var chart = document.getElementById("chart");
  var axis = document.getElementById("axis");
  var lanesSvg = document.getElementById("lanes");
  var labelW = 140, plotW = 600;

  function x(t) { return (t - view[0]) / (view[1] - view[0]) * plotW; }
  function tAt(px) { return view[0] + px / plotW * (view[1] - view[0]); }

  // Label column: as wide as the longest actor name (within limits), measured as the page draws it.
  function measureLabels() {
    var widest = 0;
    lanes.forEach(function (lane) { widest = Math.max(widest, lane.label.getComputedTextLength()); });
    labelW = Math.round(Math.min(240, Math.max(120, widest + 32)));
    lanes.forEach(function (lane) {
      var name = lane.actor.name, n = name.length;
      while (n > 1 && lane.label.getComputedTextLength() > labelW - 26) {
        n -= 1;
        lane.label.firstChild.textContent = name.slice(0, n) + "\u2026";
      }
    });
  }

  // Calendar ticks: the finest step that leaves room for its labels.
  var STEPS = [[1, "day"], [2, "day"], [7, "day"], [14, "day"], [1, "month"], [2, "month"], [3, "month"], [6, "month"],
    [1, "year"], [2, "year"], [5, "year"], [10, "year"], [25, "year"], [50, "year"], [100, "year"]];
  function ticks() {
    var span = view[1] - view[0], room = Math.max(2, plotW / 92);
    var step = STEPS[STEPS.length - 1];
    for (var i = 0; i < STEPS.length; i++) {
      var size = STEPS[i][0] * (STEPS[i][1] === "day" ? DAY : STEPS[i][1] === "month" ? 30.4 * DAY : 365.25 * DAY);
      if (span / size <= room) { step = STEPS[i]; break; }
    }
    var out = [], d = new Date(view[0]), n = step[0], unit = step[1], t;
    if (unit === "day") {
      t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
      if (n === 7 || n === 14) { while (new Date(t).getUTCDay() !== 1) t += DAY; }
      for (; t <= view[1]; t += n * DAY) {
        var day = new Date(t);
        if (n === 2 && day.getUTCDate() % 2 === 0) { t -= DAY; continue; }
        out.push({ t: t, label: day.getUTCDate() + " " + MONTHS[day.getUTCMonth()], major: day.getUTCDate() === 1,
          context: day.getUTCFullYear() });
      }
    } else if (unit === "month") {
      var y = d.getUTCFullYear(), m = Math.floor(d.getUTCMonth() / n) * n;
      for (t = Date.UTC(y, m, 1); t <= view[1]; m += n, t = Date.UTC(y, m, 1)) {
        var month = new Date(t);
        out.push({ t: t, label: month.getUTCMonth() === 0 ? String(month.getUTCFullYear()) : MONTHS[month.getUTCMonth()],
          major: month.getUTCMonth() === 0, context: month.getUTCFullYear() });
      }
    } else {
      var year = Math.floor(d.getUTCFullYear() / n) * n;
      for (t = Date.UTC(year, 0, 1); t <= view[1]; year += n, t = Date.UTC(year, 0, 1)) {
        out.push({ t: t, label: String(year), major: true });
      }
    }
    return out.filter(function (tick) { return tick.t >= view[0]; }).map(function (tick, i, all) {
      // Days and months say their year once: on the first tick and where the year turns.
      if (unit !== "year" && !tick.major && (i === 0 || all[i - 1].context !== tick.context)) {
        tick.label += " " + tick.context; tick.major = unit === "month";
      }
      return tick;
    });
  }

  // -- drawing -----------------------------------------------------------------------------------
  var layers = {};
  var marks = [];

  function build() {
    lanesSvg.replaceChildren();
    var defs = svg("defs", {}, lanesSvg);
    var clip = svg("clipPath", { id: "plot-clip" }, defs);
    layers.clipRect = svg("rect", { x: -1, y: 0, width: 100, height: 100 }, clip);
    var arrow = svg("marker", { id: "arrow", viewBox: "0 0 10 10", refX: "8", refY: "5", markerWidth: "7", markerHeight: "7",
      orient: "auto-start-reverse" }, defs);
    svg("path", { d: "M0,0L10,5L0,10Z", fill: "var(--change)" }, arrow);
    var replyArrow = svg("marker", { id: "reply-arrow", viewBox: "0 0 10 10", refX: "8", refY: "5", markerWidth: "6",
      markerHeight: "6", orient: "auto-start-reverse" }, defs);
    svg("path", { d: "M0,0L10,5L0,10Z", fill: "var(--reply)" }, replyArrow);
    layers.backs = svg("g", {}, lanesSvg);
    layers.labels = svg("g", {}, lanesSvg);
    layers.plot = svg("g", { "clip-path": "url(#plot-clip)" }, lanesSvg);
    layers.grid = svg("g", { "class": "grid" }, layers.plot);
    layers.bands = svg("g", {}, layers.plot);
    layers.connectors = svg("g", {}, layers.plot);
    layers.replies = svg("g", { "class": "replies" }, layers.plot);
    layers.marks = svg("g", {}, layers.plot);
    layers.edge = svg("line", { "class": "label-edge" }, lanesSvg);

    lanes.forEach(function (lane, i) {
      lane.back = svg("rect", { fill: i % 2 ? "var(--lane-b)" : "var(--lane-a)" }, layers.backs);
      lane.sep = svg("line", { "class": "lane-sep" }, layers.backs);
      lane.label = svg("text", { "class": "lane-label", "data-actor": lane.actor.name }, layers.labels);
      lane.label.appendChild(document.createTextNode(lane.actor.name));
      var title = svg("title", {}, lane.label);
      title.textContent = lane.actor.name + (lane.actor.aliases && lane.actor.aliases.length ? " (also " + lane.actor.aliases.join(", ") + ")" : "");
      lane.count = svg("text", { "class": "lane-count" }, layers.labels);
    });

    marks = records.map(function (r) {
      var g = svg("g", { "class": "mark" + (r.precision === "day" ? "" : " imprecise"), tabindex: "0", role: "button",
        "data-id": r.id, "data-stance": r.stance, "data-kind": r.kind }, layers.marks);
      g.setAttribute("aria-label", r.label + ", " + r.actor + ", " + r.kind + ", " + r.stance + ": " + r.summary);
      if (r.change) r.ring = svg("circle", { "class": "ring" + (r.change.grade === "full" ? "" : " half"), r: 11 }, g);
      var shape = svg("path", { "class": "shape", d: SHAPES[r.kind] || SHAPES.statement }, g);
      shape.style.fill = color(r.stance);
      if (r.precision !== "day") shape.style.stroke = color(r.stance);
      if (r.precision !== "day") {
        r.band = svg("rect", { "class": "band", height: 6, rx: 3, "data-id": r.id }, layers.bands);
        r.band.style.fill = color(r.stance);
      }
      if (r.responds_to && byId[r.responds_to]) {  // a reply: a dotted link from the record it answers
        r.reply = svg("path", { "class": "reply-link", "data-from": r.responds_to, "data-to": r.id,
          "marker-end": "url(#reply-arrow)" }, layers.replies);
      }
      if (r.change && byId[r.change.previous]) {
        r.connector = svg("path", { "class": "connector" + (r.change.grade === "full" ? "" : " half") + (QUIET ? " quiet" : ""),
          "marker-end": "url(#arrow)" }, layers.connectors);
      }
      r.node = g;
      g.addEventListener("mouseenter", function () { if (!pinned) showCard(r, false); });
      g.addEventListener("mouseleave", function () { if (!pinned) hideCard(); });
      g.addEventListener("focus", function () { if (!pinned) showCard(r, false); });
      g.addEventListener("blur", function () { if (!pinned) hideCard(); });
      g.addEventListener("click", function (event) { event.stopPropagation(); showCard(r, true); });
      g.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); showCard(r, true); }
      });
      return g;
    });
  }

  function layout() {
    plotW = Math.max(160, chart.clientWidth - labelW - RIGHT);
    density(records.filter(function (r) { return r.visible && r.t1 >= view[0] && r.t0 <= view[1]; }).length);
    var top = 0;
    lanes.forEach(function (lane) {
      var ends = [];
      var shown = lane.records.filter(function (r) { return r.visible; });
      shown.slice().sort(function (a, b) { return a.t - b.t || a.index - b.index; }).forEach(function (r) {
        r.x = x(r.t);
        if (r.x < -GAP || r.x > plotW + GAP) { r.row = 0; return; }  // off screen: not worth a row
        var row = -1;
        for (var i = 0; i < ends.length; i++) { if (r.x - ends[i] >= GAP) { row = i; break; } }
        if (row < 0 && ends.length < MAX_ROWS) { row = ends.length; ends.push(-Infinity); }
        if (row < 0) { row = ends.indexOf(Math.min.apply(null, ends)); }  // crowded: overlap the oldest row
        ends[row] = r.x; r.row = row;
      });
      lane.rows = Math.max(1, ends.length);
      lane.height = Math.max(44, lane.rows * ROW + 2 * PAD);
      lane.top = top;
      lane.shown = shown.length;
      top += lane.height;
    });
    var height = Math.max(top, 1);
    lanesSvg.setAttribute("height", height);
    lanesSvg.setAttribute("width", labelW + plotW + RIGHT);
    layers.plot.setAttribute("transform", "translate(" + labelW + ",0)");
    layers.clipRect.setAttribute("width", plotW + RIGHT + 1);
    layers.clipRect.setAttribute("height", height);
    layers.edge.setAttribute("x1", labelW); layers.edge.setAttribute("x2", labelW);
    layers.edge.setAttribute("y1", 0); layers.edge.setAttribute("y2", height);

    lanes.forEach(function (lane) {
      attrs(lane.back, { x: 0, y: lane.top, width: labelW + plotW + RIGHT, height: lane.height });
      attrs(lane.sep, { x1: 0, x2: labelW + plotW + RIGHT, y1: lane.top + lane.height - 0.5, y2: lane.top + lane.height - 0.5 });
      var mid = lane.top + lane.height / 2;
      attrs(lane.label, { x: 14, y: mid - 2 });
      attrs(lane.count, { x: 14, y: mid + 13 });
      lane.count.textContent = lane.shown + (lane.shown === 1 ? " record" : " records");
    });
    records.forEach(function (r) {
      var lane = laneOf[r.actor];
      r.y = lane.top + (lane.height - lane.rows * ROW) / 2 + r.row * ROW + ROW / 2;
      r.node.style.display = r.visible ? "" : "none";
      r.node.setAttribute("transform", "translate(" + r.x.toFixed(1) + "," + r.y.toFixed(1) + ")" + (SCALE === 1 ? "" : " scale(" + SCALE + ")"));
      if (r.band) {
        r.band.style.display = r.visible ? "" : "none";
        // An open end has no bound: its bar runs to the edge of the plot, however far one zooms or scrolls.
        var bx = r.open_start ? Math.min(x(r.t0), -1) : x(r.t0);
        var bw = Math.max(2, (r.open_end ? Math.max(x(r.t1), plotW + RIGHT) : x(r.t1)) - bx);
        attrs(r.band, { x: bx.toFixed(1), y: (r.y - 3 * SCALE).toFixed(1), width: bw.toFixed(1), height: 6 * SCALE });
      }
    });
    records.forEach(function (r) {
      if (!r.reply) return;
      var a = byId[r.responds_to];
      r.reply.style.display = r.visible && a.visible ? "" : "none";
      r.reply.setAttribute("d", curve(a.x, a.y, r.x, r.y));
    });
    records.forEach(function (r) {
      if (!r.connector) return;
      var p = byId[r.change.previous];
      r.connector.style.display = r.visible && p.visible ? "" : "none";
      r.connector.setAttribute("d", curve(p.x, p.y, r.x, r.y));
    });
    drawAxis();
  }

  function attrs(node, values) { for (var key in values) node.setAttribute(key, values[key]); }

  // An arc above the marks from the earlier record to the one that changed, stopping at their rims.
  function curve(x1, y1, x2, y2) {
    var dx = x2 - x1, dy = y2 - y1, dist = Math.sqrt(dx * dx + dy * dy);
    if (Math.abs(dx) < 8) {  // stacked on the same day: a bracket on the right-hand side
      var reach = Math.max(x1, x2) + 14 + Math.min(16, Math.abs(dy) / 3);
      return "M" + (x1 + 8).toFixed(1) + "," + y1.toFixed(1) + "C" + reach.toFixed(1) + "," + y1.toFixed(1) + " " +
        reach.toFixed(1) + "," + y2.toFixed(1) + " " + (x2 + 10).toFixed(1) + "," + y2.toFixed(1);
    }
    var lift = Math.min(34, 8 + dist / 3);
    var cx = (x1 + x2) / 2, cy = Math.min(y1, y2) - lift;
    var a = shorten(x1, y1, cx, cy, 9), b = shorten(x2, y2, cx, cy, 12);
    return "M" + a[0].toFixed(1) + "," + a[1].toFixed(1) + "Q" + cx.toFixed(1) + "," + cy.toFixed(1) + " " + b[0].toFixed(1) + "," + b[1].toFixed(1);
  }
  function shorten(px, py, cx, cy, by) {
    var dx = cx - px, dy = cy - py, d = Math.sqrt(dx * dx + dy * dy) || 1;
    return [px + dx / d * by, py + dy / d * by];
  }

  function drawAxis() {
    axis.replaceChildren();
    axis.setAttribute("height", AXIS_H);
    axis.setAttribute("width", labelW + plotW + RIGHT);
    layers.grid.replaceChildren();
    var height = lanesSvg.getAttribute("height");
    var g = svg("g", { transform: "translate(" + labelW + ",0)" }, axis);
    var list = ticks();
    list.forEach(function (tick, i) {
      var px = x(tick.t);
      svg("line", { x1: px, x2: px, y1: AXIS_H - 8, y2: AXIS_H }, g);
      var next = i + 1 < list.length ? x(list[i + 1].t) : plotW;
      if (px < plotW - 8 && next - px > 14) {
        var label = svg("text", { x: px + 4, y: AXIS_H - 12, "class": tick.major ? "major" : "" }, g);
        label.textContent = tick.label;
      }
      svg("line", { x1: px, x2: px, y1: 0, y2: height, "stroke-width": tick.major ? 1.4 : 1 }, layers.grid);
    });
    var corner = svg("text", { x: 14, y: AXIS_H - 12, "class": "major" }, axis);
    corner.textContent = records.length ? "Actor" : "";
  }

  // -- details card ------------------------------------------------------------------------------
  var card = document.getElementById("card");
  var pinned = null;

  function showCard(r, pin) {
    card.replaceChildren();
    var close = html("button", "close", "\u00d7", card);
    close.type = "button"; close.setAttribute("aria-label", "Close");
    close.addEventListener("click", function (event) { event.stopPropagation(); unpin(); });
    html("div", "date", r.label + (r.precision === "day" ? "" : r.precision === "range" ? " (date known only roughly)"
      : " (known to the " + r.precision + ")"), card);
    html("div", "actor", r.actor, card);
    var meta = html("div", "meta", null, card);
    html("span", "stance-word stance-" + r.stance, r.stance, meta);
    meta.appendChild(document.createTextNode(" \u00b7 " + r.kind + " \u00b7 " + (topicTitle[r.topic] || r.topic)));
    html("p", "summary", r.summary, card);
    if (r.quote) html("blockquote", null, "\u201c" + r.quote + "\u201d", card);
    if (r.change) {
      var previous = byId[r.change.previous];
      html("p", "change", "Change of position on " + (topicTitle[r.change.topic] || r.change.topic) + ": " + r.change.from + " \u2192 " + r.change.to +
        (r.change.grade === "full" ? " (U-turn" : " (half change") + (r.change.certain === false ? "; order uncertain" : "") +
        (r.change.no_day ? "; its period never ends, so it is in force on no day" : "") + ")" +
        (previous ? ", after " + previous.label : "") +
        (r.change.flipped ? " (flipped: a stance on an inverse sub-topic counts the other way for " + (topicTitle[r.change.topic] || r.change.topic) + ")" : ""), card);
    }
    if (r.target) html("p", "target", "Addressed to " + r.target, card);
    var answered = r.responds_to ? byId[r.responds_to] : null;
    if (r.responds_to) {
      html("p", "responds", "Responds to " + (answered ? answered.actor + " (" + answered.label + ", " + answered.kind + ")" :
        "record " + r.responds_to + " (not in this export)"), card);
    }
    var answers = records.filter(function (q) { return q.responds_to === r.id; });
    if (answers.length) {
      html("p", "replies", "Replies: " + answers.map(function (q) { return q.actor + " (" + q.kind + ", " + q.stance + ")"; }).join("; "), card);
    }
    if (r.source || r.url) {
      var source = html("p", "source", "Source: ", card);
      if (r.url) {
        var link = html("a", null, r.source || r.url, source);
        link.href = r.url; link.target = "_blank"; link.rel = "noopener noreferrer";
      } else {
        source.appendChild(document.createTextNode(r.source));
      }
    }
    html("div", "rid", "id " + r.id, card);
    card.hidden = false;
    card.classList.toggle("pinned", !!pin);
    clearActive();
    r.node.classList.add("active");
    if (r.connector) r.connector.classList.remove("quiet");
    pinned = pin ? r : null;
    place(r.node.getBoundingClientRect());
  }

  function place(box) {
    var w = card.offsetWidth, h = card.offsetHeight, vw = window.innerWidth, vh = window.innerHeight;
    var left = box.right + 12, top = box.top - 12;
    if (left + w > vw - 8) left = box.left - w - 12;
    if (left < 8) left = Math.min(vw - w - 8, Math.max(8, box.left - w / 2));
    if (top + h > vh - 8) top = vh - h - 8;
    if (top < 8) top = 8;
    card.style.left = left + "px"; card.style.top = top + "px";
  }
  function clearActive() {
    records.forEach(function (q) {
      q.node.classList.remove("active");
      if (q.connector && QUIET) q.connector.classList.add("quiet");
    });
  }
  function hideCard() { card.hidden = true; clearActive(); }
  function unpin() { pinned = null; card.classList.remove("pinned"); hideCard(); }
  document.addEventListener("click", function (event) { if (pinned && !card.contains(event.target)) unpin(); });
  document.addEventListener("keydown", function (event) { if (event.key === "Escape") unpin(); });
  window.addEventListener("scroll", function () { if (pinned) place(pinned.node.getBoundingClientRect()); else hideCard(); }, { passive: true });

  // -- zoom and pan ------------------------------------------------------------------------------
  var frame = 0;
  function redraw() {
    if (frame) return;
    frame = requestAnimationFrame(function () { frame = 0; layout(); if (pinned) place(pinned.node.getBoundingClientRect()); });
  }
  function zoom(factor, centre) {
    var span = view[1] - view[0], next = Math.min(Math.max(span * factor, 2 * DAY), 400 * 365.25 * DAY);
    var c = centre === undefined ? (view[0] + view[1]) / 2 : centre;
    var k = (c - view[0]) / span;
    view = [c - k * next, c - k * next + next];
    redraw();
  }
  function pan(dt) { view = [view[0] + dt, view[1] + dt]; redraw(); }
  function plotX(event) { return event.clientX - lanesSvg.getBoundingClientRect().left - labelW; }

  function onWheel(event) {
    if (event.ctrlKey || event.metaKey) {
      event.preventDefault();
      zoom(Math.pow(1.0025, event.deltaY), tAt(plotX(event)));
    } else if (event.shiftKey || Math.abs(event.deltaX) > Math.abs(event.deltaY)) {
      event.preventDefault();
      var delta = event.shiftKey && !event.deltaX ? event.deltaY : event.deltaX;
      pan(delta / plotW * (view[1] - view[0]));
    }
  }
  lanesSvg.addEventListener("wheel", onWheel, { passive: false });
  axis.addEventListener("wheel", onWheel, { passive: false });
  lanesSvg.addEventListener("dblclick", function (event) { zoom(0.5, tAt(plotX(event))); });
  var drag = null;
  lanesSvg.addEventListener("pointerdown", function (event) {
    if (event.button !== 0 || event.target.closest(".mark")) return;
    drag = { x: event.clientX, view: view.slice(), moved: false };
    lanesSvg.setPointerCapture(event.pointerId);
  });
  lanesSvg.addEventListener("pointermove", function (event) {
    if (!drag) return;
    var dx = event.clientX - drag.x;
    if (Math.abs(dx) > 3) { drag.moved = true; lanesSvg.classList.add("dragging"); }
    var dt = -dx / plotW * (drag.view[1] - drag.view[0]);
    view = [drag.view[0] + dt, drag.view[1] + dt];
    redraw();
  });
  function endDrag() { drag = null; lanesSvg.classList.remove("dragging"); }
  lanesSvg.addEventListener("pointerup", endDrag);
  lanesSvg.addEventListener("pointercancel", endDrag);
  document.getElementById("zoom-in").addEventListener("click", function () { zoom(0.5); });
  document.getElementById("zoom-out").addEventListener("click", function () { zoom(2); });
  document.getElementById("zoom-fit").addEventListener("click", function () { view = full.slice(); redraw(); });
  window.addEventListener("resize", redraw);

  // -- legend, topic filter, changes list --------------------------------------------------------
  function legend() {
    var box = document.getElementById("legend");
    var stances = html("span", "group", null, box);
    html("span", "group-title", "Stance", stances);
    STANCES.forEach(function (s) {
      var item = html("span", "item", null, stances);
      var icon = svg("svg", { viewBox: "-8 -8 16 16" }, item);
      svg("circle", { r: 6, fill: color(s) }, icon);
      html("span", "stance-word stance-" + s, s, item);
    });
    var present = KINDS.filter(function (k) { return records.some(function (r) { return r.kind === k; }); });
    var kinds = html("span", "group", null, box);
    html("span", "group-title", "Kind", kinds);
    (present.length ? present : KINDS).forEach(function (k) {
      var item = html("span", "item", null, kinds);
      var icon = svg("svg", { viewBox: "-8 -8 16 16" }, item);
      svg("path", { d: SHAPES[k], fill: "#59616b" }, icon);
      html("span", null, k, item);
    });
    var other = html("span", "group", null, box);
    var hollow = html("span", "item", null, other);
    var icon = svg("svg", { viewBox: "-8 -8 16 16" }, hollow);
    svg("rect", { x: -8, y: -2.5, width: 16, height: 5, rx: 2.5, fill: "#59616b", opacity: 0.2 }, icon);
    svg("circle", { r: 5.2, fill: "#fff", stroke: "#59616b", "stroke-width": 2 }, icon);
    html("span", null, "date known only roughly (the bar spans its period)", hollow);
    var ring = html("span", "item", null, other);
    icon = svg("svg", { viewBox: "-10 -10 20 20" }, ring);
    svg("circle", { r: 8.5, fill: "none", stroke: "var(--change)", "stroke-width": 2.4 }, icon);
    svg("circle", { r: 4.5, fill: "#59616b" }, icon);
    html("span", null, "change of position (dashed: half change)", ring);
    if (records.some(function (r) { return r.reply; })) {
      var reply = html("span", "item", null, other);
      icon = svg("svg", { viewBox: "-10 -10 20 20" }, reply);
      svg("path", { d: "M-8,4Q0,-8 8,4", fill: "none", stroke: "var(--reply)", "stroke-width": 2, "stroke-dasharray": "1.5 3",
        "stroke-linecap": "round" }, icon);
      html("span", null, "reply to an earlier record", reply);
    }
  }

  function topicFilter() {
    var select = document.getElementById("topic-filter");
    html("option", null, "All topics", select).value = "";
    var children = {};
    data.topics.forEach(function (t) { (children[t.parent || ""] = children[t.parent || ""] || []).push(t); });
    var known = {};
    data.topics.forEach(function (t) { known[t.slug] = true; });
    (function walk(parent, depth) {
      (children[parent] || []).forEach(function (t) {
        var option = html("option", null, "\u2003".repeat(depth) + (t.title || t.slug), select);
        option.value = t.slug;
        walk(t.slug, depth + 1);
      });
    })("", 0);
    data.topics.forEach(function (t) {  // topics whose parent is not in the export hang at the top
      if (t.parent && !known[t.parent]) html("option", null, t.title || t.slug, select).value = t.slug;
    });
    if (data.topics.length < 2) select.parentNode.hidden = true;
    select.addEventListener("change", function () {
      var wanted = {};
      (function add(slug) { wanted[slug] = true; (children[slug] || []).forEach(function (t) { add(t.slug); }); })(select.value);
      records.forEach(function (r) { r.visible = !select.value || !!wanted[r.topic]; });
      unpin();
      redraw();
    });
  }

  function changesList() {
    var list = document.getElementById("changes-list");
    if (!data.changes.length) {
      html("li", "none", "No change of position in this export: each actor's records on each topic keep one stance.", list);
      return;
    }
    var LIMIT = 120;
    data.changes.forEach(function (c, i) {
      var r = byId[c.record_id];
      var item = html("li", null, null, list);
      if (i >= LIMIT) item.hidden = true;
      var button = html("button", null, null, item);
      button.type = "button";
      html("span", "when", (r ? r.label : c.date) + " \u00b7 " + (topicTitle[c.topic] || c.topic), button);
      html("span", "who", c.actor, button);
      button.appendChild(document.createTextNode(": "));
      html("span", "stance-word stance-" + c.from, c.from, button);
      button.appendChild(document.createTextNode(" \u2192 "));
      html("span", "stance-word stance-" + c.to, c.to, button);
      button.appendChild(document.createTextNode((c.grade === "full" ? " (U-turn" : " (half change") +
        (c.certain === false ? "; order uncertain" : "") + (c.no_day ? "; in force on no day" : "") + ")" +
        (c.flipped ? " (flipped)" : "")));
      button.addEventListener("click", function (event) {
        event.stopPropagation();
        if (!r) return;
        if (!r.visible) { document.getElementById("topic-filter").value = ""; records.forEach(function (q) { q.visible = true; }); }
        var span = view[1] - view[0];
        if (r.t < view[0] || r.t > view[1]) view = [r.t - span / 2, r.t + span / 2];
        layout();
        r.node.scrollIntoView({ block: "center", behavior: "instant" });
        showCard(r, true);
      });
    });
    if (data.changes.length > LIMIT) {
      var more = html("button", "more", "Show all " + data.changes.length + " changes", html("li", "more-item", null, list));
      more.type = "button";
      more.addEventListener("click", function () {
        Array.prototype.forEach.call(list.children, function (li) { li.hidden = false; });
        more.parentNode.remove();
      });
    }
  }

  build();
  measureLabels();
  legend();
  topicFilter();
  changesList();
  document.getElementById("empty").hidden = records.length > 0;
  layout();
})();
