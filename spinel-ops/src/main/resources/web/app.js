// Spinel console: reads the JSON API every two seconds and draws it. Everything shown comes from
// the API as it is; nothing is computed here beyond layout. A token, when the console has one,
// is passed as #token=... in the page's address and sent as a bearer header.
"use strict";

const REFRESH_MS = 2000;
const PALETTE = ["#2f6fd6", "#d9572b", "#2e9e5b", "#8e44ad", "#d99a1e", "#17a2b8", "#c8412f", "#5d6d7e"];
const SVG = "http://www.w3.org/2000/svg";
const token = new URLSearchParams(location.hash.slice(1)).get("token");

async function api(path) {
  const headers = token ? { Authorization: "Bearer " + token } : {};
  const response = await fetch(path, { headers });
  if (response.status === 401) throw new Error("this console needs a token: open it as /#token=...");
  return response.json();
}

function element(tag, attributes = {}, text) {
  const node = tag === "svg" || ["rect", "line", "text", "polyline", "g"].includes(tag)
    ? document.createElementNS(SVG, tag) : document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

function bytes(value) {
  if (value === undefined || value === null) return "";
  const units = ["B", "K", "M", "G", "T"];
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit++; }
  return unit === 0 ? value + "B" : value.toFixed(2) + units[unit];
}

function renderHealth(health) {
  const status = document.getElementById("status");
  status.textContent = health.status;
  status.className = "status " + health.status;
  status.dataset.status = health.status;
  document.getElementById("topology-name").textContent = health.topology || "";
  document.getElementById("mode").textContent = health.mode || "";
  document.getElementById("checked-at").textContent = health.checked_at ? "checked " + health.checked_at : "";
  document.getElementById("reasons-section").hidden = (health.reasons || []).length === 0;
  const reasons = document.getElementById("reasons");
  reasons.replaceChildren(...(health.reasons || []).map(r =>
    element("li", { class: r.severity, "data-code": r.code }, (r.node ? r.node + ": " : "") + r.detail)));
}

function renderNodes(health, stats) {
  const byName = Object.fromEntries((stats.nodes || []).map(n => [n.name, n]));
  const rows = (health.nodes || []).map(node => {
    const s = byName[node.name] || {};
    const row = element("tr", { "data-node": node.name, class: node.up ? "up" : "down" });
    const cells = [
      ["name", node.name], ["address", node.address], ["role", node.role],
      ["state", node.up ? (node.link_status ? "link " + node.link_status : "up") : "down: " + node.error],
      ["ops", s.ops_per_sec ?? ""], ["memory", s.used_memory_human ?? ""],
      ["clients", s.connected_clients ?? ""], ["keys", s.keys ?? ""], ["lag", s.lag_bytes ?? ""],
      ["rtt", node.rtt_ms !== undefined ? node.rtt_ms.toFixed(2) + " ms" : ""]];
    for (const [field, value] of cells) row.appendChild(element("td", { "data-field": field }, String(value)));
    return row;
  });
  document.querySelector("#nodes tbody").replaceChildren(...rows);
  drawTopology(health, byName);
}

function drawTopology(health, stats) {
  const svg = document.getElementById("topology");
  const width = svg.clientWidth || 800;
  const nodes = health.nodes || [];
  const tiers = [nodes.filter(n => n.role === "primary"),
    nodes.filter(n => n.role === "replica"),
    nodes.filter(n => n.kind === "sentinel"),
    nodes.filter(n => n.kind === "data" && !["primary", "replica"].includes(n.role))];
  const position = {};
  const shapes = [];
  tiers.forEach((tier, row) => tier.forEach((node, i) => {
    const x = (i + 1) * width / (tier.length + 1);
    const y = 25 + row * 50;
    position[node.address] = { x, y };
    const fill = !node.up ? "#f4c7c0" : node.kind === "sentinel" ? "#e8e0f4" : node.role === "primary" ? "#cfe3ff" : "#e3f1e8";
    const group = element("g", { "data-node": node.name });
    group.appendChild(element("rect", { x: x - 55, y: y - 14, width: 110, height: 28, fill }));
    group.appendChild(element("text", { x, y: y + 4 }, node.name));
    shapes.push(group);
  }));
  const links = nodes.filter(n => n.role === "replica" && n.primary && position[n.primary]).map(n => {
    const lag = (stats[n.name] || {}).lag_bytes || 0;
    const colour = n.link_status !== "up" ? "#c8412f" : lag > 1048576 ? "#d99a1e" : "#2e9e5b";
    const from = position[n.primary], to = position[n.address];
    return element("line", { x1: from.x, y1: from.y + 14, x2: to.x, y2: to.y - 14, stroke: colour, "stroke-width": 2,
      "data-link": n.name });
  });
  svg.replaceChildren(...links, ...shapes);
}

function renderCluster(cluster) {
  const section = document.getElementById("cluster-section");
  if (!cluster.nodes || cluster.nodes.length === 0) { section.hidden = true; return; }
  section.hidden = false;
  document.getElementById("cluster-state").textContent =
    "cluster_state:" + cluster.state + ", " + cluster.slots_ok + " of " + cluster.slots_assigned + " slots ok";
  const canvas = document.getElementById("slots");
  const context = canvas.getContext("2d");
  context.fillStyle = "#ddd";
  context.fillRect(0, 0, canvas.width, canvas.height);
  const columns = 512;
  const legend = [];
  cluster.nodes.filter(n => n.slot_count > 0).forEach((node, i) => {
    const colour = PALETTE[i % PALETTE.length];
    context.fillStyle = colour;
    for (const [first, last] of node.slots) {
      for (let slot = first; slot <= last; slot++) {
        context.fillRect((slot % columns), Math.floor(slot / columns) * 4, 1, 4);
      }
    }
    const item = element("li", { "data-owner": node.name, "data-slots": node.slot_count });
    item.appendChild(element("span", { style: "background:" + colour }));
    item.appendChild(document.createTextNode(node.name + " (" + node.slot_count + " slots)"));
    legend.push(item);
  });
  document.getElementById("slot-legend").replaceChildren(...legend);
}

async function renderCharts() {
  for (const svg of document.querySelectorAll("svg.chart")) {
    const series = await api("/api/series?node=total&range=600&metric=" + svg.dataset.metric);
    const points = series.points || [];
    const width = svg.clientWidth || 300, height = svg.clientHeight || 110;
    if (points.length < 2) { svg.replaceChildren(element("text", { x: 8, y: 16 }, "collecting...")); continue; }
    const t0 = points[0][0], t1 = points[points.length - 1][0];
    const max = Math.max(...points.map(p => p[1]), 1e-9);
    const coordinates = points.map(([t, v]) =>
      ((t - t0) / Math.max(1, t1 - t0) * (width - 10) + 5).toFixed(1) + "," + (height - 5 - v / max * (height - 20)).toFixed(1));
    const last = points[points.length - 1][1];
    const label = svg.dataset.metric === "used_memory" || svg.dataset.metric === "lag_bytes" ? bytes(Math.round(last))
      : svg.dataset.metric === "hit_rate" ? (last * 100).toFixed(1) + "%" : last.toFixed(2);
    svg.replaceChildren(element("polyline", { points: coordinates.join(" ") }),
      element("text", { x: 8, y: 12, "data-last": last }, "now " + label));
  }
}

function renderEvents(events) {
  const list = document.getElementById("events");
  list.replaceChildren(...(events.events || []).map(e => {
    const item = element("li", { "data-type": e.type });
    item.appendChild(element("time", {}, e.at));
    item.appendChild(document.createTextNode(e.message));
    return item;
  }));
}

async function refresh() {
  try {
    const [health, stats, cluster, events] = await Promise.all([
      api("/api/health"), api("/api/stats"), api("/api/cluster"), api("/api/events?limit=50")]);
    renderHealth(health);
    if (stats.nodes) renderNodes(health, stats);
    renderCluster(cluster);
    renderEvents(events);
    await renderCharts();
    document.body.dataset.refreshed = String(Date.now());
  } catch (error) {
    document.getElementById("status").textContent = error.message;
  } finally {
    setTimeout(refresh, REFRESH_MS);
  }
}

refresh();
