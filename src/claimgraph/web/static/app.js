// claimgraph web UI: the few things a server-rendered page cannot do. No libraries, no network.
"use strict";

function expandAll() {
  document.querySelectorAll("button.expand-all").forEach(function (button) {
    button.addEventListener("click", function () {
      var items = document.querySelectorAll("details.stance");
      var open = Array.prototype.some.call(items, function (d) { return !d.open; });
      items.forEach(function (d) { d.open = open; });
      button.textContent = open ? "Collapse all evidence" : "Expand all evidence";
    });
  });
}

function panZoom() {
  var svg = document.getElementById("graph");
  if (!svg) { return; }
  var full = [0, 0, Number(svg.dataset.width), Number(svg.dataset.height)];
  var box = full.slice();
  var drag = null;
  function apply() { svg.setAttribute("viewBox", box.join(" ")); }
  function zoom(factor, cx, cy) {
    var w = box[2] * factor, h = box[3] * factor;
    if (w < full[2] / 20 || w > full[2] * 4) { return; }
    box = [cx - (cx - box[0]) * factor, cy - (cy - box[1]) * factor, w, h];
    apply();
  }
  function point(event) {
    var r = svg.getBoundingClientRect();
    return [box[0] + (event.clientX - r.left) / r.width * box[2], box[1] + (event.clientY - r.top) / r.height * box[3]];
  }
  svg.addEventListener("wheel", function (event) {
    event.preventDefault();
    var p = point(event);
    zoom(event.deltaY > 0 ? 1.15 : 1 / 1.15, p[0], p[1]);
  }, { passive: false });
  svg.addEventListener("pointerdown", function (event) {
    drag = { x: event.clientX, y: event.clientY, box: box.slice() };
    svg.setPointerCapture(event.pointerId);
  });
  svg.addEventListener("pointermove", function (event) {
    if (!drag) { return; }
    var r = svg.getBoundingClientRect();
    box[0] = drag.box[0] - (event.clientX - drag.x) / r.width * box[2];
    box[1] = drag.box[1] - (event.clientY - drag.y) / r.height * box[3];
    apply();
  });
  svg.addEventListener("pointerup", function () { drag = null; });
  function centre() { return [box[0] + box[2] / 2, box[1] + box[3] / 2]; }
  var zin = document.getElementById("zoom-in"), zout = document.getElementById("zoom-out"), reset = document.getElementById("zoom-reset");
  if (zin) { zin.addEventListener("click", function () { var c = centre(); zoom(1 / 1.3, c[0], c[1]); }); }
  if (zout) { zout.addEventListener("click", function () { var c = centre(); zoom(1.3, c[0], c[1]); }); }
  if (reset) { reset.addEventListener("click", function () { box = full.slice(); apply(); }); }
  var hover = document.getElementById("hover-name");
  svg.querySelectorAll(".node").forEach(function (node) {
    var c = node.querySelector("circle");
    node.addEventListener("mouseenter", function () {
      if (node.querySelector("text.label")) { return; }
      hover.textContent = node.dataset.name;
      hover.setAttribute("x", Number(c.getAttribute("cx")) + 8);
      hover.setAttribute("y", Number(c.getAttribute("cy")) + 4);
    });
    node.addEventListener("mouseleave", function () { hover.textContent = ""; });
  });
}

function linkFacts() {
  // Hovering a marked stretch of a document lights up its statements and events in the list.
  document.querySelectorAll(".doctext [data-facts]").forEach(function (span) {
    var ids = span.dataset.facts.split(" ").map(function (f) { return f.replace(":", "-"); });
    function light(on) {
      ids.forEach(function (id) {
        var item = document.getElementById(id);
        if (item) { item.classList.toggle("lit", on); }
      });
      span.classList.toggle("lit", on);
    }
    span.addEventListener("mouseenter", function () { light(true); });
    span.addEventListener("mouseleave", function () { light(false); });
  });
}

document.addEventListener("DOMContentLoaded", function () {
  expandAll();
  panZoom();
  linkFacts();
});
