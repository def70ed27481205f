// paper-kg explorer. Every string from the graph is data: it reaches the DOM only
// through textContent / value / a checked href, never through innerHTML.
// `nodes`, `edges` and `network` are globals on purpose (interface.md: tests and
// users count them from the console).
var KG = JSON.parse(document.getElementById("kg-data").textContent);
var nodes = new vis.DataSet(KG.nodes);
var edges = new vis.DataSet(KG.edges);
var network = new vis.Network(
  document.getElementById("graph"), { nodes: nodes, edges: edges }, KG.options
);
window.kgReady = false;
window.kgBuiltAt = performance.now();  // data parsed, network built: physics next

(function () {
  "use strict";

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function markReady() {
    if (window.kgReady) return;
    window.kgReady = true;
    window.kgReadyAt = performance.now();
    document.getElementById("loading").hidden = true;
    if (KG.meta.focus !== null) selectNode(KG.meta.focus, { move: false });
  }

  // Physics lays the graph out once, then stops so 2,000 nodes stay responsive.
  if (KG.options.physics && KG.options.physics.enabled) {
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
      network.fit();
      markReady();
    });
  } else {
    network.once("afterDrawing", markReady);
  }

  // ---- summary line -------------------------------------------------------
  (function summary() {
    var m = KG.meta;
    var text = m.nodes_shown + " nodes, " + m.edges_shown + " relationships";
    if (m.nodes_left_out > 0) text += " (" + m.nodes_left_out + " nodes left out)";
    if (m.focus !== null) {
      text += " · around " + m.focus_name + " (" + m.hops + " hop" +
        (m.hops === 1 ? "" : "s") + ")";
    }
    document.getElementById("summary").textContent = text;
  })();

  // ---- legend and type filter ----------------------------------------------
  function setTypeVisible(type, visible) {
    var ids = nodes.getIds({ filter: function (n) { return n.type === type; } });
    nodes.update(ids.map(function (id) { return { id: id, hidden: !visible }; }));
  }

  (function legend() {
    var list = document.getElementById("legend");
    KG.meta.types.forEach(function (t) {
      var box = el("input");
      box.type = "checkbox";
      box.checked = t.visible;
      box.value = t.type;
      box.dataset.type = t.type;
      box.addEventListener("change", function () {
        setTypeVisible(t.type, box.checked);
      });
      var swatch = el("span", null, "swatch " + t.shape);
      swatch.style.background = t.colour;
      var label = el("label");
      label.append(box, swatch, el("span", t.type), el("span", t.count, "count"));
      var item = el("li");
      item.appendChild(label);
      list.appendChild(item);
    });
  })();

  // ---- details of the selected node ------------------------------------------
  function safeUrl(url) {
    return typeof url === "string" && /^https?:\/\//i.test(url) ? url : null;
  }

  function showDetails(id) {
    var box = document.getElementById("details");
    box.replaceChildren();
    var node = nodes.get(id);
    if (!node) return;
    var lines = String(node.title).split("\n");
    box.append(el("div", lines[0], "name"), el("div", lines.slice(1).join("\n")));
    var url = safeUrl(node.url);
    if (url) {
      var link = el("a", "open " + (node.type === "Paper" ? "paper" : "link"));
      link.href = url;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      box.appendChild(link);
    }
  }

  // Select a node and show it; `move` pans and zooms to it (the search does, the
  // first view of a --focus page does not: it shows the whole neighbourhood).
  function selectNode(id, how) {
    var node = nodes.get(id);
    if (!node) return;
    if (node.hidden) {
      var box = document.querySelector('#legend input[data-type="' +
        CSS.escape(node.type) + '"]');
      if (box) box.checked = true;
      setTypeVisible(node.type, true);
    }
    network.selectNodes([id]);
    if (how.move) {
      network.focus(id, {
        scale: Math.max(network.getScale(), 1.2),
        animation: { duration: 300, easingFunction: "easeInOutQuad" },
      });
    }
    showDetails(id);
  }

  network.on("click", function (params) {
    if (params.nodes.length) showDetails(params.nodes[0]);
  });
  network.on("doubleClick", function (params) {
    var node = params.nodes.length ? nodes.get(params.nodes[0]) : null;
    var url = node ? safeUrl(node.url) : null;
    if (url) window.open(url, "_blank", "noopener,noreferrer");
  });

  // ---- search by name or alias ---------------------------------------------
  var index = [];  // [folded name, id, weight]
  nodes.forEach(function (n) {
    (n.names || []).forEach(function (name) {
      index.push([String(name).toLowerCase(), n.id, n.value || 0]);
    });
  });

  function findNode(query) {
    var q = query.trim().toLowerCase();
    if (!q) return null;
    var tests = [
      function (name) { return name === q; },
      function (name) { return name.indexOf(q) === 0; },
      function (name) { return name.indexOf(q) >= 0; },
    ];
    for (var i = 0; i < tests.length; i++) {
      var best = null;
      index.forEach(function (entry) {
        if (!tests[i](entry[0])) return;
        if (best === null || entry[2] > best[2] ||
            (entry[2] === best[2] && entry[0].length < best[0].length)) best = entry;
      });
      if (best) return best[1];
    }
    return null;
  }
  window.kgFindNode = findNode;

  (function names() {
    var list = document.getElementById("search-names");
    var seen = new Set();
    nodes.forEach(function (n) {
      if (n.type === "Paper" || seen.has(n.label)) return;
      seen.add(n.label);
      var option = el("option");
      option.value = (n.names && n.names[0]) || n.label;
      list.appendChild(option);
    });
  })();

  document.getElementById("search-form").addEventListener("submit", function (e) {
    e.preventDefault();
    var query = document.getElementById("search").value;
    var id = findNode(query);
    var status = document.getElementById("search-status");
    status.textContent = id === null ? "no node matches " + JSON.stringify(query) : "";
    if (id !== null) selectNode(id, { move: true });
  });
})();
