/* strikewire dashboard: live feed of strike events and alerts from /api/events (Server-Sent Events).
 *
 * Everything is bundled: no framework, no CDN, no tiles; the map is SVG drawn from /static/geo/*.json.
 * Built to stay usable with thousands of events: items are kept in memory (capped at MAX_ITEMS), the feed
 * renders only the newest `limit` matching rows ("Show more" adds a page), renders are coalesced to at
 * most a few per second, and all text from the wire goes through textContent or esc(). */
"use strict";

const MAX_ITEMS = 20000;      // items kept in the page (oldest dropped first)
const PAGE = 150;             // feed rows per page
const RENDER_EVERY_MS = 300;  // coalesce renders
const SEVERITIES = ["info", "low", "medium", "high", "critical"];
const K = Math.cos(32 * Math.PI / 180);  // equirectangular x scale, true at ~32°N (the Middle East)

const S = {
  events: new Map(),         // event_id -> {id, ev, ts, seq}
  alerts: new Map(),         // alert_id -> {id, al, ts, seq}
  alertsByEvent: new Map(),  // event_id -> [alert]
  incidents: new Map(),      // incident id -> incident view (/api/incidents, then "incident" items)
  incidentAlerts: new Map(), // incident id -> [alert] (incident alerts carry the incident as their event)
  order: [],                 // {kind, id, ts, seq} ascending by (ts, seq)
  f: { province: "", aircraft: "", base: "", severity: "", q: "", kind: "all" },
  limit: PAGE,
  paused: false,
  unseen: 0,
  dirty: true,
  lastRender: 0,
  geo: { countries: [], admin1: {} },
  rules: [],
  lastSeq: 0,
};

const $ = (id) => document.getElementById(id);
const esc = (s) => String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
const sevRank = (s) => Math.max(0, SEVERITIES.indexOf(s));
const fmtN = (n) => Number(n || 0).toLocaleString("en-GB");
// An incident alert's event is the incident's summary (event_id = incident_id): not a report of its own.
const incOf = (al) => (al.event && al.event.incident_id && al.event.event_id === al.event.incident_id) ? al.event.incident_id : null;

/* ------------------------------------------------------------------------------------------ ingest */
function insertOrder(entry) {
  const o = S.order;
  if (!o.length || cmp(o[o.length - 1], entry) <= 0) { o.push(entry); return; }
  let lo = 0, hi = o.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (cmp(o[mid], entry) <= 0) lo = mid + 1; else hi = mid; }
  o.splice(lo, 0, entry);
}
function cmp(a, b) { return a.ts - b.ts || a.seq - b.seq; }

function dropOldest() {
  while (S.order.length > MAX_ITEMS) {
    const old = S.order.shift();
    if (old.kind === "event") S.events.delete(old.id);
    else {
      const a = S.alerts.get(old.id);
      S.alerts.delete(old.id);
      if (a) {
        const list = S.alertsByEvent.get(a.al.event?.event_id) || [];
        const i = list.indexOf(a.al); if (i >= 0) list.splice(i, 1);
      }
    }
  }
}

function ingest(items) {
  for (const it of items) {
    S.lastSeq = Math.max(S.lastSeq, it.seq);
    if (it.type === "event") {
      const ev = it.data, id = ev.event_id;
      const known = S.events.get(id);
      if (known) { known.ev = ev; continue; }  // a re-sent event: show its latest version, once
      const e = { kind: "event", id, ts: it.ts, seq: it.seq };
      S.events.set(id, { id, ev, ts: it.ts, seq: it.seq });
      insertOrder(e);
    } else if (it.type === "incident") {
      const inc = it.data;
      if (inc.merged_into) S.incidents.delete(inc.id); else S.incidents.set(inc.id, inc);
      continue;
    } else if (it.type === "alert") {
      const al = it.data, id = al.alert_id;
      if (S.alerts.has(id)) continue;
      S.alerts.set(id, { id, al, ts: it.ts, seq: it.seq });
      const evId = al.event?.event_id, incId = incOf(al);
      if (incId) {
        if (!S.incidentAlerts.has(incId)) S.incidentAlerts.set(incId, []);
        S.incidentAlerts.get(incId).push(al);
      } else if (evId) {
        if (!S.alertsByEvent.has(evId)) S.alertsByEvent.set(evId, []);
        S.alertsByEvent.get(evId).push(al);
        // An alert can arrive before its event (separate topics): show the event from the alert's copy.
        if (!S.events.has(evId)) {
          S.events.set(evId, { id: evId, ev: al.event, ts: it.ts, seq: it.seq - 0.5 });
          insertOrder({ kind: "event", id: evId, ts: it.ts, seq: it.seq - 0.5 });
        }
      }
      insertOrder({ kind: "alert", id, ts: it.ts, seq: it.seq });
    }
    if (S.paused) S.unseen++;
  }
  dropOldest();
  S.dirty = true;
  schedule();
}

/* ------------------------------------------------------------------------------------------ filters */
function facetsMatch(ev) {
  const f = S.f;
  if (f.province && !(ev.provinces || []).some((p) => p.code === f.province)) return false;
  if (f.aircraft && !(ev.aircraft || []).some((a) => a.designation === f.aircraft)) return false;
  if (f.base && !(ev.bases || []).some((b) => b.name === f.base)) return false;
  return true;
}
const queryMatch = (hay) => !S.f.q || S.f.q.split(/\s+/).every((w) => hay.includes(w));
function eventMatches(ev) {
  if (!facetsMatch(ev)) return false;
  if (S.f.severity) {
    const als = S.alertsByEvent.get(ev.event_id) || [];
    if (!als.some((a) => sevRank(a.severity) >= sevRank(S.f.severity))) return false;
  }
  return queryMatch(searchText(ev));
}
const _hay = new WeakMap();
function searchText(ev) {
  let h = _hay.get(ev);
  if (h === undefined) {
    h = [ev.title, ev.actor, ev.article_id, ev.event_id,
      ...(ev.aircraft || []).flatMap((a) => [a.designation, a.mention]),
      ...(ev.bases || []).flatMap((b) => [b.name, b.country, b.city]),
      ...(ev.provinces || []).flatMap((p) => [p.code, p.name]),
      ...(ev.places || []).map((p) => p.name), ...(ev.targets || []), ...(ev.target_groups || []),
      ...(ev.casualties || []).flatMap((c) => [c.claimed_by, c.victims]),
      ...(ev.evidence || []).map((e) => e.text)].filter(Boolean).join(" ").toLowerCase();
    _hay.set(ev, h);
  }
  return h;
}
function alertMatches(al) {
  if (S.f.severity && sevRank(al.severity) < sevRank(S.f.severity)) return false;
  const ev = al.event || {};
  return facetsMatch(ev) && queryMatch(searchText(ev) + " " + `${al.title} ${al.why} ${al.rule_id}`.toLowerCase());
}

/* ------------------------------------------------------------------------------------------ render */
function schedule() {
  if (S.timer) return;
  const wait = Math.max(0, RENDER_EVERY_MS - (performance.now() - S.lastRender));
  S.timer = setTimeout(() => { S.timer = null; requestAnimationFrame(render); }, wait);
}

function render() {
  S.lastRender = performance.now();
  if (!S.dirty) return;
  S.dirty = false;
  const matched = [];          // event records matching filters (for counts and map)
  for (const rec of S.events.values()) if (eventMatches(rec.ev)) matched.push(rec.ev);
  renderTotals(matched);
  renderCounts(matched);
  renderSelects();
  renderMap(matched);
  renderAlerts();
  renderIncidents();
  if (!S.paused) { renderFeed(); S.unseen = 0; }
  renderBanner();
  routeDetail();
}

/* One row per incident: where, when, how many independent sources, the toll range over claimants' latest
 * figures, a sparkline of the killed figures in publication order, and the articles behind it. */
function sparkline(history) {
  const ys = history.map((h) => Number(h[1])).filter((y) => Number.isFinite(y));
  if (ys.length < 2) return "";
  const w = 70, h = 16, max = Math.max(...ys, 1);
  const pts = ys.map((y, i) => `${(i * w / (ys.length - 1)).toFixed(1)},${(h - 1 - y * (h - 2) / max).toFixed(1)}`);
  const tip = history.map((p) => `${String(p[0] || "").slice(0, 16)} ${p[1]} (${p[2]})`).join("\n");
  return `<svg class="spark" data-testid="toll-history" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}"><title>${esc(tip)}</title><polyline points="${pts.join(" ")}"/></svg>`;
}

function tollText(inc) {
  if (inc.killed_max == null) return "no toll yet";
  return inc.killed_min === inc.killed_max ? `${inc.killed_min} killed` : `${inc.killed_min}–${inc.killed_max} killed`;
}

function renderIncidents() {
  const list = [...S.incidents.values()].sort((a, b) => String(b.last_seen || "").localeCompare(String(a.last_seen || ""))).slice(0, 30);
  $("incident-count").textContent = S.incidents.size ? fmtN(S.incidents.size) : "";
  $("incidents").innerHTML = list.length ? list.map((inc) => {
    const where = (inc.places || []).slice(0, 2).join(", ") || (inc.provinces || []).join(", ") || inc.country || "?";
    const arts = (inc.articles || []).slice(-6).map(esc).join(", ");
    return `<li data-testid="incident-row" data-incident-id="${esc(inc.id)}"${inc.closed ? ' class="closed"' : ""}>` +
      `<div><b>${esc(where)}</b> <span class="d">${esc(inc.event_date || String(inc.first_seen || "").slice(0, 10))}${inc.actor ? " · " + esc(inc.actor) : ""}</span></div>` +
      `<div><span class="src" data-testid="incident-sources">${fmtN(inc.sources)} source${inc.sources === 1 ? "" : "s"}</span> · ` +
      `<span class="toll" data-testid="incident-toll">${esc(tollText(inc))}</span> ${sparkline(inc.history || [])}</div>` +
      `<div>${(S.incidentAlerts.get(inc.id) || []).map((al) => `<span class="sev sev-${esc(al.severity)}" data-testid="incident-alert" title="${esc(al.why)}">${esc(al.rule_id)}</span>`).join(" ")}</div>` +
      `<div class="d arts" title="${esc((inc.outlets || []).join(", "))}">articles: ${arts}</div></li>`;
  }).join("") : `<li class="empty">No incidents yet.</li>`;
}

async function loadIncidents() {
  const r = await loadJSON("/api/incidents");
  if (!r) return;
  S.incidents.clear();
  for (const inc of r.incidents) S.incidents.set(inc.id, inc);
  S.dirty = true; schedule();
}

function killedOf(ev) {
  let best = ev.killed_min ?? null, by = null;
  for (const c of ev.casualties || []) {
    if (c.status !== "killed") continue;
    const n = c.count_min ?? c.count_max;
    if (n != null && (best == null || n > best || (n === best && !by))) { best = n; by = c.claimed_by; }
  }
  return { n: best, by };
}

function renderTotals(matched) {
  let killed = 0;
  for (const ev of matched) killed += killedOf(ev).n || 0;
  const crit = [...S.alerts.values()].filter((a) => sevRank(a.al.severity) >= sevRank("high")).length;
  const filtered = matched.length !== S.events.size;
  const srv = S.server && S.server.events > S.events.size ? `, ${fmtN(S.server.events)} read by the server` : "";
  $("totals").innerHTML =
    `<div><b data-testid="total-events">${fmtN(matched.length)}</b><span>events${filtered ? " (filtered of " + fmtN(S.events.size) + ")" : ""}${srv}</span></div>` +
    `<div><b data-testid="total-alerts">${fmtN(S.alerts.size)}</b><span>alerts (${fmtN(crit)} high+)</span></div>` +
    `<div><b>${fmtN(killed)}</b><span>killed claimed (highest claim per event)</span></div>`;
}

function countRows(matched) {
  const prov = new Map(), air = new Map(), base = new Map(), claim = new Map();
  for (const ev of matched) {
    const k = killedOf(ev).n || 0;
    for (const p of ev.provinces || []) {
      const r = prov.get(p.code) || { key: p.code, name: p.name || p.code, code: p.code, n: 0, killed: 0 };
      r.n++; r.killed += k; prov.set(p.code, r);
    }
    for (const d of new Set((ev.aircraft || []).map((a) => a.designation))) {
      const r = air.get(d) || { key: d, name: d, n: 0 }; r.n++; air.set(d, r);
    }
    for (const b of ev.bases || []) {
      const r = base.get(b.name) || { key: b.name, name: b.name, code: b.country, n: 0 }; r.n++; base.set(b.name, r);
    }
    for (const c of ev.casualties || []) {
      const who = c.claimed_by || "unattributed";
      const r = claim.get(who) || { key: who, name: who, n: 0, killed: 0, wounded: 0 };
      r.n++;
      const num = c.count_min ?? c.count_max;
      if (num != null && (c.status === "killed" || c.status === "wounded")) r[c.status] += num;
      claim.set(who, r);
    }
  }
  const sort = (m) => [...m.values()].sort((a, b) => b.n - a.n || String(a.name).localeCompare(String(b.name)));
  return { prov: sort(prov), air: sort(air), base: sort(base), claim: sort(claim) };
}

function table(el, rows, cols, filterKey, limit = 12) {
  if (!rows.length) { el.innerHTML = `<tr><td class="empty">nothing yet</td></tr>`; return; }
  const max = Math.max(...rows.map((r) => r.n));
  let html = "<tr>" + cols.map((c) => `<th class="${c.num ? "n" : ""}">${esc(c.h)}</th>`).join("") + "</tr>";
  for (const r of rows.slice(0, limit)) {
    const sel = filterKey && S.f[filterKey] === r.key;
    html += `<tr class="${filterKey ? "click" : ""}${sel ? " sel" : ""}" data-key="${esc(r.key)}">` + cols.map((c) => {
      if (c.num) return `<td class="n">${fmtN(r[c.f])}${c.bar ? `<span class="bar" style="width:${Math.round(40 * r.n / max)}px"></span>` : ""}</td>`;
      return `<td>${esc(r[c.f])}${c.code && r.code && r.code !== r[c.f] ? `<span class="code">${esc(r.code)}</span>` : ""}</td>`;
    }).join("") + "</tr>";
  }
  if (rows.length > limit) html += `<tr><td class="empty" colspan="${cols.length}">+ ${rows.length - limit} more</td></tr>`;
  el.innerHTML = html;
  if (filterKey) el.onclick = (e) => {
    const tr = e.target.closest("tr[data-key]"); if (!tr) return;
    setFilter(filterKey, S.f[filterKey] === tr.dataset.key ? "" : tr.dataset.key);
  };
}

let _rows = null;
function renderCounts(matched) {
  const r = countRows(matched); _rows = r;
  table($("c-provinces"), r.prov, [{ h: "Province", f: "name", code: true }, { h: "Events", f: "n", num: true, bar: true }, { h: "Killed", f: "killed", num: true }], "province");
  table($("c-aircraft"), r.air, [{ h: "Type", f: "name" }, { h: "Events", f: "n", num: true, bar: true }], "aircraft");
  table($("c-bases"), r.base, [{ h: "Base", f: "name", code: true }, { h: "Events", f: "n", num: true, bar: true }], "base");
  table($("c-claims"), r.claim, [{ h: "Claimed by", f: "name" }, { h: "Claims", f: "n", num: true }, { h: "Killed", f: "killed", num: true }, { h: "Wounded", f: "wounded", num: true }], null, 10);
}

function renderSelects() {
  if (!_rows) return;
  const fill = (el, rows, key, label) => {
    const want = ["", ...rows.map((r) => r.key)];
    if (S.f[key] && !want.includes(S.f[key])) want.push(S.f[key]);
    const sig = want.join("\u0001");
    if (el.dataset.sig === sig) { el.value = S.f[key]; return; }
    el.dataset.sig = sig;
    el.innerHTML = `<option value="">all</option>` + rows.map((r) => `<option value="${esc(r.key)}">${esc(label(r))}</option>`).join("");
    el.value = S.f[key];
  };
  // Options come from everything in the page, so choosing one filter never hides the others' choices.
  const all = countRows([...S.events.values()].map((r) => r.ev));
  fill($("f-province"), all.prov, "province", (r) => `${r.name} (${r.code}) · ${r.n}`);
  fill($("f-aircraft"), all.air, "aircraft", (r) => `${r.name} · ${r.n}`);
  fill($("f-base"), all.base, "base", (r) => `${r.name} · ${r.n}`);
}

function timeCell(ts, published) {
  const d = new Date(ts);
  const rel = relTime(ts);
  return `<div class="when" title="received ${esc(d.toISOString())}"><b>${esc(published ? String(published).slice(0, 10) : d.toISOString().slice(0, 10))}</b>received ${esc(rel)}</div>`;
}
function relTime(ts) {
  const s = Math.max(0, (Date.now() - ts) / 1000);
  if (s < 60) return `${Math.round(s)}s ago`;
  if (s < 3600) return `${Math.round(s / 60)}m ago`;
  if (s < 86400) return `${Math.round(s / 3600)}h ago`;
  return `${Math.round(s / 86400)}d ago`;
}

// A claim's count in words, the same rules as streams/wording.py (count_phrase): "15", "at least 24",
// "10–15", "up to 8", and for a vague claim its own word ("several") or "many", never "null".
const VAGUE_WORDS = ["several", "many", "numerous", "multiple", "some", "scores", "dozens", "hundreds", "thousands"];
function countWords(c) {
  const lo = c.count_min ?? null, hi = c.count_max ?? null;
  if (lo == null && hi == null) {
    const m = new RegExp(`\\b(${VAGUE_WORDS.join("|")})\\b`, "i").exec(c.text || "");
    return m ? m[1].toLowerCase() : "many";
  }
  if (lo == null) return `up to ${hi}`;
  if (hi == null) return `at least ${lo}`;
  return hi === lo ? String(lo) : `${lo}–${hi}`;
}

function eventChips(ev) {
  const out = [];
  if (ev.actor) out.push(`<span class="chip actor" title="actor">${esc(ev.actor)}</span>`);
  for (const a of ev.aircraft || []) out.push(`<span class="chip air" data-f="aircraft" data-v="${esc(a.designation)}" title="aircraft${a.mention && a.mention !== a.designation ? ": “" + esc(a.mention) + "”" : ""}">✈ ${esc(a.designation)}</span>`);
  for (const b of ev.bases || []) out.push(`<span class="chip base" data-f="base" data-v="${esc(b.name)}" title="launch base">▲ ${esc(b.name)}${b.country ? " · " + esc(b.country) : ""}</span>`);
  for (const p of ev.provinces || []) out.push(`<span class="chip prov" data-f="province" data-v="${esc(p.code)}" title="${esc(p.code)}">${esc(p.name || p.code)}</span>`);
  for (const c of ev.casualties || []) {
    out.push(`<span class="chip kill" title="${esc(c.text || "")}">${esc(countWords(c))} ${esc(c.status)}${c.victims ? " " + esc(c.victims) : ""}${c.claimed_by ? " — " + esc(c.claimed_by) : ""}</span>`);
  }
  for (const g of ev.target_groups || []) out.push(`<span class="chip grp" title="target group">${esc(g)}</span>`);
  return out.join("");
}

function eventTitle(ev) {
  if (ev.title) return ev.title;
  const where = (ev.provinces || []).map((p) => p.name || p.code).join(", ");
  return `Strike${where ? " in " + where : ""}`;
}

function eventRow(rec) {
  const ev = rec.ev, als = S.alertsByEvent.get(ev.event_id) || [];
  const top = als.slice().sort((a, b) => sevRank(b.severity) - sevRank(a.severity))[0];
  const nEv = (ev.evidence || []).length;
  return `<li class="event" data-testid="event-row" data-event-id="${esc(ev.event_id)}">${timeCell(rec.ts, ev.published)}
    <div><div class="title">${top ? `<span class="sev sev-${esc(top.severity)}" title="${als.length} alert(s)">${esc(top.severity)}</span> ` : ""}<a href="#event=${encodeURIComponent(ev.event_id)}">${esc(eventTitle(ev))}</a></div>
    <div class="meta">${eventChips(ev)}<a class="ev-link" data-testid="evidence-link" href="#event=${encodeURIComponent(ev.event_id)}">evidence (${nEv}) →</a></div></div></li>`;
}

function alertRow(rec) {
  const al = rec.al, ev = al.event || {};
  return `<li class="alert s-${esc(al.severity)}" data-testid="alert-row" data-rule-id="${esc(al.rule_id)}" data-event-id="${esc(ev.event_id || "")}">${timeCell(rec.ts, ev.published)}
    <div><div class="title"><span class="sev sev-${esc(al.severity)}">${esc(al.severity)}</span> ${esc(al.title)}</div>
    <div class="why">${esc(al.why)} <span class="code">rule ${esc(al.rule_id)}</span></div>
    ${incOf(al) ? `<div class="meta on">incident <span class="code">${esc(incOf(al))}</span></div>` : ev.event_id ? `<div class="meta on">on <a href="#event=${encodeURIComponent(ev.event_id)}">${esc(eventTitle(ev))}</a> <span class="code">${esc(ev.event_id)}</span> <a class="ev-link" href="#event=${encodeURIComponent(ev.event_id)}">event &amp; evidence →</a></div>` : ""}</div></li>`;
}

function renderFeed() {
  const kind = S.f.kind, rows = [];
  let total = 0;
  for (let i = S.order.length - 1; i >= 0; i--) {
    const o = S.order[i];
    if (kind !== "all" && o.kind !== kind) continue;
    if (o.kind === "event") {
      const rec = S.events.get(o.id); if (!rec || !eventMatches(rec.ev)) continue;
      total++; if (rows.length < S.limit) rows.push(eventRow(rec));
    } else {
      const rec = S.alerts.get(o.id); if (!rec || !alertMatches(rec.al)) continue;
      total++; if (rows.length < S.limit) rows.push(alertRow(rec));
    }
  }
  $("feed").innerHTML = rows.length ? rows.join("") : `<li class="empty">No ${kind === "all" ? "events or alerts" : kind + "s"}${hasFilter() ? " match the filters" : " yet: waiting for the stream"}.</li>`;
  $("feed-count").textContent = `showing ${fmtN(rows.length)} of ${fmtN(total)}`;
  const more = $("more");
  more.hidden = total <= rows.length;
  more.textContent = `Show ${fmtN(Math.min(PAGE, total - rows.length))} more (${fmtN(total - rows.length)} older)`;
}

function renderAlerts() {
  // incident alerts show on their incident's row (Incidents), not among the per-report alerts here
  const list = [...S.alerts.values()].filter((r) => !incOf(r.al) && alertMatches(r.al)).sort((a, b) => cmp(b, a)).slice(0, 8);
  $("alert-count").textContent = `${fmtN(S.alerts.size)} total`;
  $("alerts").innerHTML = list.length ? list.map((r) => {
    const al = r.al, id = al.event?.event_id;
    return `<li class="s-${esc(al.severity)}" data-testid="side-alert" data-rule-id="${esc(al.rule_id)}"><span class="sev sev-${esc(al.severity)}">${esc(al.severity)}</span><span class="t">${id ? `<a href="#event=${encodeURIComponent(id)}">${esc(al.title)}</a>` : esc(al.title)}</span><div class="w">${esc(al.why)}</div></li>`;
  }).join("") : `<li class="empty">No alerts yet.</li>`;
}

function renderBanner() {
  const b = $("new-banner");
  if (S.paused && S.unseen > 0) {
    b.hidden = false;
    b.innerHTML = `<button type="button">${fmtN(S.unseen)} new item(s) — resume</button>`;
    b.firstChild.onclick = () => togglePause(false);
  } else b.hidden = true;
}

const hasFilter = () => !!(S.f.province || S.f.aircraft || S.f.base || S.f.severity || S.f.q);

/* --------------------------------------------------------------------------------------------- map */
const proj = (lon, lat) => [lon * K, -lat];

function countriesPath() {
  if (S._landSvg) return S._landSvg;
  let svg = "";
  for (const c of S.geo.countries) {
    let d = "";
    for (const r of c.rings) {
      for (let i = 0; i < r.length; i += 2) {
        const [x, y] = proj(r[i], r[i + 1]);
        d += (i ? "L" : "M") + x.toFixed(2) + " " + y.toFixed(2);
      }
      d += "Z";
    }
    svg += `<path class="land" data-iso="${esc(c.iso || "")}" d="${d}"><title>${esc(c.name)}</title></path>`;
  }
  S._landSvg = svg;
  return svg;
}

function renderMap(matched) {
  const svg = $("map");
  const prov = new Map(), bases = new Map(), routes = new Map();
  for (const ev of matched) {
    const pts = [];
    for (const p of ev.provinces || []) {
      const a = S.geo.admin1[p.code]; if (!a) continue;
      const r = prov.get(p.code) || { code: p.code, name: p.name || a[2], lat: a[0], lon: a[1], n: 0 };
      r.n++; prov.set(p.code, r); pts.push(r);
    }
    for (const b of ev.bases || []) {
      if (b.lat == null || b.lon == null) continue;
      const r = bases.get(b.name) || { name: b.name, country: b.country, lat: b.lat, lon: b.lon, n: 0 };
      r.n++; bases.set(b.name, r);
      for (const p of pts) {
        const k = b.name + "\u0001" + p.code;
        const rt = routes.get(k) || { b: r, p, n: 0 }; rt.n++; routes.set(k, rt);
      }
    }
  }
  // Fit the view to what is shown (or the Middle East when nothing is).
  let x0 = 24, x1 = 64, y0 = 12, y1 = 44;
  const all = [...prov.values(), ...bases.values()];
  if (all.length) {
    x0 = Math.min(...all.map((p) => p.lon)); x1 = Math.max(...all.map((p) => p.lon));
    y0 = Math.min(...all.map((p) => p.lat)); y1 = Math.max(...all.map((p) => p.lat));
    const padX = Math.max(3, (x1 - x0) * 0.18), padY = Math.max(2.5, (y1 - y0) * 0.22);
    x0 -= padX; x1 += padX; y0 -= padY; y1 += padY;
  }
  const box = svg.getBoundingClientRect();
  const W = box.width || 800, H = box.height || 360;
  let vx = x0 * K, vw = (x1 - x0) * K, vy = -y1, vh = y1 - y0;
  const want = W / H;  // match the element's aspect so nothing is squashed
  if (vw / vh < want) { const nw = vh * want; vx -= (nw - vw) / 2; vw = nw; } else { const nh = vw / want; vy -= (nh - vh) / 2; vh = nh; }
  const u = vw / W;  // viewBox units per screen pixel
  svg.setAttribute("viewBox", `${vx} ${vy} ${vw} ${vh}`);
  const maxN = Math.max(1, ...[...prov.values()].map((p) => p.n));
  let html = countriesPath();
  for (const rt of routes.values()) {
    const [ax, ay] = proj(rt.b.lon, rt.b.lat), [bx, by] = proj(rt.p.lon, rt.p.lat);
    const mx = (ax + bx) / 2 - (by - ay) * 0.18, my = (ay + by) / 2 + (bx - ax) * 0.18;
    html += `<path class="route" d="M${ax} ${ay}Q${mx} ${my} ${bx} ${by}" stroke-width="${Math.min(4, 1 + Math.log2(rt.n))}"><title>${esc(rt.b.name)} → ${esc(rt.p.name)}: ${rt.n} event(s)</title></path>`;
  }
  const fs = 11 * u;
  // Labels: biggest first, skipped where they would overlap one already placed (screen-space boxes).
  const placed = [];
  const label = (x, y, text, cls) => {
    const w = text.length * fs * 0.62, h = fs * 1.2, bx = { x0: x, y0: y - h * 0.8, x1: x + w, y1: y + h * 0.2 };
    if (placed.some((p) => bx.x0 < p.x1 && bx.x1 > p.x0 && bx.y0 < p.y1 && bx.y1 > p.y0)) return "";
    placed.push(bx);
    return `<text${cls ? ` class="${cls}"` : ""} x="${x}" y="${y}" font-size="${fs}" stroke-width="${3 * u}">${esc(text)}</text>`;
  };
  let circles = "", marks = "", labels = "", names = "";
  // Country names for orientation: those whose outline box is mostly in view and big enough to hold one.
  for (const c of S.geo.countries) {
    const [bx0, by0, bx1, by1] = c.bbox, cx = (bx0 + bx1) / 2, cy = (by0 + by1) / 2;
    if (cx * K < vx || cx * K > vx + vw || -cy < vy || -cy > vy + vh || (bx1 - bx0) * K / u < 60) continue;
    const [px, py] = proj(cx, cy);
    names += `<text class="cn" x="${px}" y="${py}" font-size="${fs * 0.95}" stroke-width="${2 * u}" text-anchor="middle">${esc(c.name)}</text>`;
  }
  for (const b of [...bases.values()].sort((a, c) => c.n - a.n)) {
    const [x, y] = proj(b.lon, b.lat), s = 7 * u;
    marks += `<path class="base" data-base="${esc(b.name)}" d="M${x} ${y - s}L${x + s} ${y + s * 0.8}L${x - s} ${y + s * 0.8}Z"><title>${esc(b.name)}${b.country ? " (" + esc(b.country) + ")" : ""}: ${b.n} event(s)</title></path>`;
    labels += label(x + s + 3 * u, y + fs * 0.35, b.name, "bt");
  }
  for (const p of [...prov.values()].sort((a, b) => b.n - a.n)) {
    const [x, y] = proj(p.lon, p.lat), r = (5 + 13 * Math.sqrt(p.n / maxN)) * u;
    circles += `<circle class="prov${S.f.province === p.code ? " sel" : ""}" data-code="${esc(p.code)}" cx="${x}" cy="${y}" r="${r}"><title>${esc(p.name)} (${esc(p.code)}): ${p.n} event(s)</title></circle>`;
    labels += label(x + r + 3 * u, y + fs * 0.35, `${p.name} · ${p.n}`);
  }
  html += names + circles + marks + labels;
  svg.innerHTML = html;
  const missing = matched.length && !prov.size && !bases.size;
  $("map-note").textContent = missing ? "No mappable places in the shown events." :
    `${prov.size} province(s), ${bases.size} base(s). Click a bubble to filter. Outlines: Natural Earth 1:110m; points: ISO 3166-2 centroids.`;
}

/* ------------------------------------------------------------------------------------------ detail */
function highlight(text, terms) {
  // terms: [{s, cls}] -> escaped HTML with <mark>s; longest match wins where terms overlap.
  const lower = text.toLowerCase(), spans = [];
  for (const t of terms) {
    const needle = String(t.s || "").toLowerCase().trim();
    if (needle.length < 2) continue;
    let i = 0;
    while ((i = lower.indexOf(needle, i)) !== -1) {
      const before = i === 0 ? " " : lower[i - 1], after = lower[i + needle.length] ?? " ";
      if (!/[a-z0-9]/.test(before) && !/[a-z0-9]/.test(after)) spans.push({ a: i, b: i + needle.length, cls: t.cls });
      i += needle.length;
    }
  }
  spans.sort((x, y) => x.a - y.a || (y.b - y.a) - (x.b - x.a));
  let out = "", pos = 0;
  for (const sp of spans) {
    if (sp.a < pos) continue;
    out += esc(text.slice(pos, sp.a)) + `<mark class="${sp.cls}">${esc(text.slice(sp.a, sp.b))}</mark>`;
    pos = sp.b;
  }
  return out + esc(text.slice(pos));
}

function termsOf(ev) {
  const t = [];
  for (const a of ev.aircraft || []) { t.push({ s: a.designation, cls: "k-aircraft" }); if (a.mention) t.push({ s: a.mention, cls: "k-aircraft" }); }
  for (const b of ev.bases || []) { t.push({ s: b.name, cls: "k-base" }); for (const al of b.aliases || []) t.push({ s: al, cls: "k-base" }); if (b.city) t.push({ s: b.city, cls: "k-base" }); }
  for (const p of ev.provinces || []) if (p.name) t.push({ s: p.name, cls: "k-place" });
  for (const p of ev.places || []) t.push({ s: p.name, cls: "k-place" });
  for (const c of ev.casualties || []) if (c.text) t.push({ s: c.text, cls: "k-kill" });
  for (const g of ev.target_groups || []) t.push({ s: g, cls: "k-group" });
  return t;
}

function routeDetail() {
  const m = location.hash.match(/^#event=(.+)$/);
  const panel = $("detail");
  if (!m) { panel.hidden = true; S.detailId = null; return; }
  const id = decodeURIComponent(m[1]);
  const rec = S.events.get(id);
  if (S.detailId === id && !panel.hidden && S.detailRev === (rec ? rec.ev : null)) return;
  S.detailId = id; S.detailRev = rec ? rec.ev : null;
  panel.hidden = false;
  if (!rec) {
    $("detail-title").textContent = "Event not in this page";
    $("detail-body").innerHTML = `<p class="empty">${esc(id)} is not among the events this page holds. <a href="/api/event/${encodeURIComponent(id)}">Ask the server</a>.</p>`;
    return;
  }
  const ev = rec.ev, k = killedOf(ev), als = S.alertsByEvent.get(id) || [];
  $("detail-title").textContent = eventTitle(ev);
  const dl = [
    ["Published", ev.published || "—"], ["Received", new Date(rec.ts).toISOString()],
    ["Actor", ev.actor || "—"],
    ["Aircraft", (ev.aircraft || []).map((a) => a.designation + (a.mention && a.mention !== a.designation ? ` (“${a.mention}”)` : "")).join(", ") || "—"],
    ["Launch bases", (ev.bases || []).map((b) => b.name + (b.country ? ` (${b.country})` : "")).join(", ") || "—"],
    ["Provinces", (ev.provinces || []).map((p) => `${p.name || ""} ${p.code}`.trim()).join(", ") || "—"],
    ["Places", (ev.places || []).map((p) => p.name).join(", ") || "—"],
    ["Targets", [...(ev.targets || []), ...(ev.target_groups || [])].join(", ") || "—"],
    ["Killed", k.n != null ? `${k.n}+${k.by ? " (claimed by " + k.by + ")" : ""}` : "—"],
    ["Confidence", ev.confidence != null ? Number(ev.confidence).toFixed(2) : "—"],
    ["Event id", ev.event_id], ["Article", ev.article_id],
  ];
  let html = `<dl>${dl.map(([a, b]) => `<dt>${esc(a)}</dt><dd>${esc(b)}</dd>`).join("")}</dl>`;
  if (ev.url && /^https?:\/\//i.test(ev.url)) html += `<p><a href="${esc(ev.url)}" rel="noopener noreferrer" target="_blank">Source article ↗</a></p>`;
  const terms = termsOf(ev);
  html += `<h3>Evidence sentences (${(ev.evidence || []).length})</h3><ol class="evidence" data-testid="evidence">` +
    ((ev.evidence || []).map((e) => `<li>${highlight(e.text || "", terms)}<span class="off">characters ${e.start}–${e.end} of the clean text</span></li>`).join("") || `<li class="empty">No evidence sentences.</li>`) + "</ol>";
  if (als.length) {
    html += `<h3>Alerts (${als.length})</h3><ol class="alerts">` + als.map((al) =>
      `<li class="s-${esc(al.severity)}"><span class="sev sev-${esc(al.severity)}">${esc(al.severity)}</span><span class="t">${esc(al.title)}</span><div class="w">${esc(al.why)} · rule ${esc(al.rule_id)}</div></li>`).join("") + "</ol>";
  }
  if ((ev.casualties || []).length) {
    html += `<h3>Casualty claims</h3><ul>` + ev.casualties.map((c) => {
      return `<li>${esc(countWords(c))} ${esc(c.victims || "people")} ${esc(c.status)}${c.claimed_by ? ", claimed by <b>" + esc(c.claimed_by) + "</b>" : ", unattributed"}${c.text ? ` — “${esc(c.text)}”` : ""}</li>`;
    }).join("") + "</ul>";
  }
  $("detail-body").innerHTML = html;
}

/* -------------------------------------------------------------------------------------- controls */
function setFilter(key, value) {
  S.f[key] = value; S.limit = PAGE; S.dirty = true;
  const el = { province: "f-province", aircraft: "f-aircraft", base: "f-base", severity: "f-severity" }[key];
  if (el) $(el).value = value;
  schedule();
}
function togglePause(on) {
  S.paused = on ?? !S.paused;
  $("pause").setAttribute("aria-pressed", String(S.paused));
  $("pause").textContent = S.paused ? "Resume" : "Pause";
  S.dirty = true; schedule();
}

function wire() {
  for (const [id, key] of [["f-province", "province"], ["f-aircraft", "aircraft"], ["f-base", "base"], ["f-severity", "severity"]]) {
    $(id).addEventListener("change", (e) => setFilter(key, e.target.value));
  }
  let qt = null;
  $("q").addEventListener("input", (e) => { clearTimeout(qt); qt = setTimeout(() => setFilter("q", e.target.value.trim().toLowerCase()), 200); });
  $("clear").onclick = () => { for (const k of ["province", "aircraft", "base", "severity", "q"]) S.f[k] = ""; $("q").value = ""; $("f-severity").value = ""; setFilter("province", ""); };
  $("pause").onclick = () => togglePause();
  $("more").onclick = () => { S.limit += PAGE; S.dirty = true; schedule(); };
  document.querySelectorAll(".tabs button").forEach((b) => b.onclick = () => {
    document.querySelectorAll(".tabs button").forEach((x) => x.classList.toggle("on", x === b));
    setFilter("kind", b.dataset.kind);
  });
  document.addEventListener("click", (e) => {
    const chip = e.target.closest(".chip[data-f]");
    if (chip) { setFilter(chip.dataset.f, S.f[chip.dataset.f] === chip.dataset.v ? "" : chip.dataset.v); return; }
    const c = e.target.closest("#map circle.prov");
    if (c) { setFilter("province", S.f.province === c.dataset.code ? "" : c.dataset.code); return; }
    const b = e.target.closest("#map path.base");
    if (b) setFilter("base", S.f.base === b.dataset.base ? "" : b.dataset.base);
  });
  document.querySelector("#detail .close").onclick = (e) => { e.preventDefault(); history.pushState("", "", location.pathname + location.search); routeDetail(); };
  document.addEventListener("keydown", (e) => { if (e.key === "Escape" && !$("detail").hidden) document.querySelector("#detail .close").click(); });
  window.addEventListener("hashchange", () => { S.detailId = null; routeDetail(); });
  window.addEventListener("resize", () => { S.dirty = true; schedule(); });
  setInterval(() => { if (!S.paused) { S.dirty = true; schedule(); } }, 30000);  // refresh "received Ns ago"
}

function connect() {
  const st = $("status");
  const es = new EventSource("/api/events");
  es.addEventListener("open", () => { st.dataset.state = "live"; st.textContent = "live"; });
  es.addEventListener("hello", (e) => {
    const h = JSON.parse(e.data);
    if (S.serverStart && h.started_at !== S.serverStart) { S.events.clear(); S.alerts.clear(); S.alertsByEvent.clear(); S.order = []; }
    S.serverStart = h.started_at;
    loadIncidents();  // incidents are not in the SSE backlog: (re)load them on every (re)connect
  });
  es.addEventListener("batch", (e) => ingest(JSON.parse(e.data)));
  es.addEventListener("stats", (e) => { S.server = JSON.parse(e.data); S.dirty = true; schedule(); });
  es.addEventListener("error", () => { st.dataset.state = "down"; st.textContent = "reconnecting…"; });
}

async function loadJSON(url) {
  try { const r = await fetch(url); return r.ok ? await r.json() : null; } catch { return null; }
}

async function main() {
  wire();
  const [countries, admin1, rules] = await Promise.all([loadJSON("/static/geo/countries.json"), loadJSON("/static/geo/admin1.json"), loadJSON("/api/rules")]);
  if (countries) S.geo.countries = countries.countries;
  if (admin1) S.geo.admin1 = admin1.points;
  if (rules) {
    $("rules").innerHTML = rules.rules.map((r) => `<li><span class="sev sev-${esc(r.severity)}">${esc(r.severity)}</span> <b>${esc(r.id)}</b> ${esc(r.what)}${r.enabled ? "" : " (off)"}<div class="d">${esc(r.description)}</div></li>`).join("");
  }
  connect();
  S.dirty = true; schedule();
}

main();
