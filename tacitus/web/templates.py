"""The dashboard's HTML templates (Jinja2, autoescaped) and its stylesheet and script.

They live in this module rather than in files so they ship wherever the code does, with
no package-data rule to keep in step. Every value is escaped by Jinja; the only markup
passed through is the SVG that `charts` builds (it escapes its own text). The script is
progressive: every page works without it.
"""

# ruff: noqa: E501  (markup lines are as long as the markup; wrapping them would change the text shown)

from __future__ import annotations

import functools
from typing import Any

from tacitus.extras import require

BASE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{% block title %}Tacitus{% endblock %} · Tacitus</title>
<link rel="stylesheet" href="/static/tacitus.css">
<script src="/static/tacitus.js" defer></script>
</head>
<body>
<header>
  <a class="brand" href="/">Tacitus</a>
  <nav>
    <a href="/">Overview</a>
    <a href="/alerts">Alerts</a>
    <a href="/events">Events</a>
    <a href="/actors">Actors</a>
    <a href="/docs">API</a>
  </nav>
  <form class="dyad-form" action="/dyad" method="get">
    <input name="dyad" placeholder="dyad, e.g. RUS-UKR" size="14" aria-label="dyad">
    <button type="submit">Open</button>
  </form>
</header>
<main>
{% block main %}{% endblock %}
</main>
<footer>
  {% if twin %}<a class="twin" href="{{ twin }}">this page as JSON</a> · {% endif %}
  store <code>{{ store_name }}</code>{% if live %} · live{% endif %} · tacitus {{ version }}
  · <a href="/-/versions">versions</a>
</footer>
</body>
</html>
"""

MACROS = """
{% macro sentence(event) -%}
<blockquote class="evidence">{% for text, role in event.pieces %}{% if role %}<mark class="{{ role }}" title="{{ role }}">{{ text }}</mark>{% else %}{{ text }}{% endif %}{% endfor %}</blockquote>
{%- endmacro %}

{% macro side(event, name) -%}
{%- set code = event[name ~ '_code'] -%}
{%- set words = event[name ~ '_text'] -%}
{%- if code -%}<a class="actor" href="/events?{{ name }}={{ code | urlencode }}">{{ code }}</a>{%- elif words -%}<span class="actor">{{ words }}</span>{%- else -%}<span class="actor none">—</span>{%- endif -%}
{%- endmacro %}

{% macro event_item(event) -%}
<li class="event" id="event-{{ event.event_id }}">
  <div class="meta">
    <a href="/events/{{ event.event_id }}">{{ event.date or "no date" }}</a>
    · {{ side(event, 'source') }} <span class="code" title="{{ event.plover_type or '' }}">{{ event.cameo }}</span> {{ side(event, 'target') }}
    · confidence {{ '%.2f' | format(event.confidence or 0) }}
    {% if event.modality and event.modality != 'asserted' %}· {{ event.modality }}{% endif %}
    {% if event.article %}· {% if event.article.url | safe_url %}<a href="{{ event.article.url }}" rel="noreferrer noopener">{{ event.article.source or event.article.title or event.doc_id }}</a>{% else %}{{ event.article.source or event.article.title or event.doc_id }}{% endif %}{% endif %}
  </div>
  {{ sentence(event) }}
</li>
{%- endmacro %}

{% macro event_list(events) -%}
{% if events %}<ol class="events">{% for event in events %}{{ event_item(event) }}{% endfor %}</ol>
{% else %}<p class="empty">No events.</p>{% endif %}
{%- endmacro %}

{% macro alert_table(alerts, link_dyad=True) -%}
{% if alerts %}
<table class="alerts">
<thead><tr><th>period</th><th>dyad</th><th>measure</th><th>value</th><th>baseline</th><th>score</th><th>level</th><th>evidence</th></tr></thead>
<tbody>
{% for alert in alerts %}
<tr class="alert level-{{ alert.level }}">
  <td><a class="alert-link" href="{{ alert.href }}">{{ alert.period_start }} – {{ alert.period_end }}</a></td>
  <td>{% if link_dyad %}<a href="{{ alert.unit_href }}">{{ alert.dyad }}</a>{% else %}{{ alert.dyad }}{% endif %}</td>
  <td>{{ alert.measure }}</td>
  <td class="num">{{ alert.value | number }}</td>
  <td class="num">{{ alert.baseline | number }}</td>
  <td class="num">{{ alert.score | number }}</td>
  <td><span class="level">{{ alert.level }}</span></td>
  <td class="quote">{{ alert.first_sentence }}</td>
</tr>
{% endfor %}
</tbody>
</table>
{% else %}<p class="empty">{{ alerts_note or "No alerts." }}</p>{% endif %}
{%- endmacro %}

{% macro pager(page) -%}
<p class="pager">
{% if page.previous %}<a href="{{ page.previous }}" rel="prev">← previous</a>{% endif %}
<span>events {{ page.first }}–{{ page.last }}</span>
{% if page.next %}<a href="{{ page.next }}" rel="next">next →</a>{% endif %}
</p>
{%- endmacro %}
"""

OVERVIEW = """{% extends "base.html" %}{% from "macros.html" import alert_table %}
{% block title %}Overview{% endblock %}
{% block main %}
<h1>{{ store_name }}</h1>
<p class="totals">{{ stats.articles }} articles ({{ stats.duplicates }} duplicates) · {{ stats.events }} events
· {{ stats.first_date or '?' }} – {{ stats.last_date or '?' }}</p>
<section>
<h2>Latest alerts</h2>
{{ alert_table(alerts) }}
</section>
<section>
<h2>Event volume per {{ by }} <small>(months with articles)</small></h2>
{{ volume_svg | safe }}
</section>
<section class="columns">
<div>
<h2>Top dyads</h2>
<table class="dyads"><thead><tr><th>dyad</th><th>events</th></tr></thead><tbody>
{% for row in stats.top_dyads %}<tr><td><a class="dyad-link" href="/dyad/{{ row.dyad | urlencode }}">{{ row.source }} – {{ row.target }}</a></td><td class="num">{{ row.events }}</td></tr>
{% else %}<tr><td colspan="2" class="empty">No dyads yet.</td></tr>{% endfor %}
</tbody></table>
</div>
<div>
<h2>Top event codes</h2>
<table><thead><tr><th>CAMEO</th><th>events</th></tr></thead><tbody>
{% for row in stats.top_event_codes %}<tr><td><a href="/events?cameo={{ row.cameo | urlencode }}">{{ row.cameo }}</a></td><td class="num">{{ row.events }}</td></tr>{% endfor %}
</tbody></table>
</div>
</section>
{% endblock %}
"""

DYAD = """{% extends "base.html" %}{% from "macros.html" import alert_table, event_list %}
{% block title %}{{ dyad }}{% endblock %}
{% block main %}
<h1>{{ source }} – {{ target }}</h1>
<form class="controls" method="get" action="/dyad/{{ dyad | urlencode }}">
  <label>per <select name="by">{% for option in periods %}<option value="{{ option }}" {% if option == by %}selected{% endif %}>{{ option }}</option>{% endfor %}</select></label>
  <label>since <input name="since" value="{{ since or '' }}" size="10" placeholder="YYYY-MM-DD"></label>
  <label>until <input name="until" value="{{ until or '' }}" size="10" placeholder="YYYY-MM-DD"></label>
  <input type="hidden" name="undirected" value="false">
  <label><input type="checkbox" name="undirected" value="true" {% if undirected %}checked{% endif %}> both directions</label>
  <button type="submit">Show</button>
</form>
{% if series_note %}<p class="note">{{ series_note }}</p>{% else %}{{ chart_svg | safe }}
<p class="hint">Click a bar, a point or an alert marker (▼) to read the sentences behind it.</p>{% endif %}
<section>
<h2>Alerts</h2>
{{ alert_table(alerts, link_dyad=False) }}
</section>
<section id="events">
{% if selected %}
<h2>{{ selected.heading }}</h2>
{% if selected.explanation %}<p class="explanation">{{ selected.explanation }}</p>{% endif %}
{{ event_list(selected.events) }}
{% if selected.more %}<p><a href="{{ selected.more }}">all events of this period</a></p>{% endif %}
{% else %}
<h2>Events</h2><p class="empty">Pick a period or an alert above.</p>
{% endif %}
</section>
{% endblock %}
"""

EVENTS = """{% extends "base.html" %}{% from "macros.html" import event_list, pager %}
{% block title %}Events{% endblock %}
{% block main %}
<h1>Events</h1>
<form class="controls" method="get" action="/events">
  {% for name, label in fields %}<label>{{ label }} <input name="{{ name }}" value="{{ values.get(name, '') }}" size="10"></label>
  {% endfor %}
  <label><input type="checkbox" name="undirected" value="true" {% if values.get('undirected') %}checked{% endif %}> both directions</label>
  <label><input type="checkbox" name="current_only" value="true" {% if values.get('current_only') %}checked{% endif %}> current only</label>
  <button type="submit">Filter</button>
</form>
<p class="downloads">Download these events (all pages): <a href="{{ csv_url }}">CSV</a> · <a href="{{ parquet_url }}">Parquet</a></p>
{{ pager(page) }}
{{ event_list(events) }}
{{ pager(page) }}
{% endblock %}
"""

EVENT = """{% extends "base.html" %}{% from "macros.html" import sentence, event_list %}
{% block title %}Event {{ event.event_id }}{% endblock %}
{% block main %}
<h1>{{ event.source_code or event.source_text or '—' }} <span class="code">{{ event.cameo }}</span> {{ event.target_code or event.target_text or '—' }}</h1>
<p class="meta">{{ event.date or 'no date' }} · PLOVER {{ event.plover_type or '—' }} · QuadClass {{ event.quad_class }} · Goldstein {{ event.goldstein }}
· confidence {{ '%.2f' | format(event.confidence or 0) }} · {{ event.modality }}{% if event.historical %} · historical{% endif %}</p>
<section>
<h2>Evidence</h2>
{{ sentence(event) }}
<p class="legend"><mark class="source">source</mark> <mark class="target">target</mark> <mark class="trigger">trigger</mark> · rule <code>{{ event.rule }}</code></p>
<table class="fields"><tbody>
{% for name in shown_fields %}<tr><th>{{ name }}</th><td>{{ event[name] if event[name] is not none else '' }}</td></tr>{% endfor %}
</tbody></table>
</section>
<section>
<h2>Article</h2>
{% if article %}
<p class="meta"><strong>{{ article.title or article.id }}</strong> · {{ article.source or '' }} · {{ article.date or '' }}
{% if article.url | safe_url %}· <a href="{{ article.url }}" rel="noreferrer noopener">original</a>{% endif %}</p>
<div class="article-text">{% for text, marked in article_pieces %}{% if marked %}<mark class="sentence">{{ text }}</mark>{% else %}{{ text }}{% endif %}{% endfor %}</div>
{% else %}<p class="empty">The article is not in this store.</p>{% endif %}
</section>
<section>
<h2>Other reports of the same happening</h2>
{% if cluster_id %}<p>Cluster <a href="/clusters/{{ cluster_id | urlencode }}">{{ cluster_id }}</a></p>{% endif %}
{% if others_note %}<p class="note">{{ others_note }}</p>
{% elif others %}{{ event_list(others) }}
{% else %}<p class="empty">No other report of it in this store.</p>{% endif %}
{% if duplicates %}<h3>Copies of this article</h3><ul>{% for copy in duplicates %}<li>{{ copy.date or '' }} · {{ copy.source or '' }} · {{ copy.title or copy.id }}</li>{% endfor %}</ul>{% endif %}
</section>
{% endblock %}
"""

CLUSTER = """{% extends "base.html" %}{% from "macros.html" import event_list %}
{% block title %}Cluster {{ cluster_id }}{% endblock %}
{% block main %}
<h1>Cluster {{ cluster_id }}</h1>
{% if cluster %}<table class="fields"><tbody>{% for key, value in cluster.items() %}<tr><th>{{ key }}</th><td>{{ value }}</td></tr>{% endfor %}</tbody></table>{% endif %}
<h2>Its reports</h2>
{{ event_list(events) }}
{% endblock %}
"""

ALERTS = """{% extends "base.html" %}{% from "macros.html" import alert_table %}
{% block title %}Alerts{% endblock %}
{% block main %}
<h1>Alerts</h1>
<form class="controls" method="get" action="/alerts">
  <label>since <input name="since" value="{{ since or '' }}" size="10" placeholder="YYYY-MM-DD"></label>
  <label>dyad <input name="dyad" value="{{ dyad or '' }}" size="10"></label>
  <label>level <input name="level" value="{{ level or '' }}" size="8"></label>
  <button type="submit">Filter</button>
</form>
{{ alert_table(alerts) }}
{% endblock %}
"""

ACTORS = """{% extends "base.html" %}
{% block title %}Actors{% endblock %}
{% block main %}
<h1>Actors</h1>
<form class="controls" method="get" action="/actors" id="actor-search">
  <input name="q" value="{{ q }}" placeholder="a code (TURGOV) or a name (Erdogan)" size="36" aria-label="actor" autocomplete="off">
  <button type="submit">Search</button>
</form>
<table class="actors" id="actor-results">
<thead><tr><th>code</th><th>country</th><th>name</th><th>as source</th><th>as target</th><th>events</th></tr></thead>
<tbody>
{% for actor in actors %}<tr><td><a href="/events?source={{ actor.code | urlencode }}">{{ actor.code }}</a></td><td>{{ actor.country or '' }}</td><td>{{ actor.name or '' }}</td><td class="num">{{ actor.as_source }}</td><td class="num">{{ actor.as_target }}</td><td class="num">{{ actor.events }}</td></tr>
{% else %}<tr><td colspan="6" class="empty">No actor matches.</td></tr>{% endfor %}
</tbody></table>
{% endblock %}
"""

DOCS = """{% extends "base.html" %}
{% block title %}API{% endblock %}
{% block main %}
<h1>HTTP API</h1>
<p>Every route answers JSON; errors are <code>{"error": "T0xx", "message": "..."}</code> with a 4xx status.
The machine-readable description is <a href="/openapi.json">/openapi.json</a> (OpenAPI {{ spec.openapi }}); this page is drawn from it on the server, so it works offline.</p>
{% for route in routes %}
<section class="route">
<h2><span class="method">{{ route.method }}</span> <code>{{ route.path }}</code></h2>
<p>{{ route.summary }}</p>
{% if route.description %}<p class="description">{{ route.description }}</p>{% endif %}
{% if route.parameters %}<table class="fields"><thead><tr><th>parameter</th><th>in</th><th>type</th><th>default</th><th>about</th></tr></thead><tbody>
{% for p in route.parameters %}<tr><td><code>{{ p.name }}</code>{% if p.required %} *{% endif %}</td><td>{{ p.where }}</td><td>{{ p.type }}</td><td>{{ p.default }}</td><td>{{ p.description }}</td></tr>{% endfor %}
</tbody></table>{% endif %}
</section>
{% endfor %}
{% endblock %}
"""

ERROR = """{% extends "base.html" %}
{% block title %}Error {{ status }}{% endblock %}
{% block main %}
<h1>{{ status }}</h1>
<p class="error">[{{ code }}] {{ message }}</p>
<p><a href="/">Back to the overview</a></p>
{% endblock %}
"""

TEMPLATES = {
    "base.html": BASE,
    "macros.html": MACROS,
    "overview.html": OVERVIEW,
    "dyad.html": DYAD,
    "events.html": EVENTS,
    "event.html": EVENT,
    "cluster.html": CLUSTER,
    "alerts.html": ALERTS,
    "actors.html": ACTORS,
    "docs.html": DOCS,
    "error.html": ERROR,
}

CSS = """
:root { --ink: #1d1d1f; --muted: #666; --line: #ddd; --accent: #3182bd; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); margin: 0; }
header { display: flex; gap: 1.5rem; align-items: center; padding: .6rem 1.2rem; border-bottom: 1px solid var(--line);
         background: #f7f7f9; flex-wrap: wrap; }
header .brand { font-weight: 700; font-size: 1.15rem; color: var(--ink); text-decoration: none; }
header nav a { margin-right: .9rem; }
.dyad-form { margin-left: auto; }
main { max-width: 1100px; margin: 0 auto; padding: 1rem 1.2rem 3rem; }
footer { color: var(--muted); font-size: .85rem; border-top: 1px solid var(--line); padding: .6rem 1.2rem; }
a { color: var(--accent); }
h1 { font-size: 1.5rem; margin: .4rem 0 .6rem; }
h2 { font-size: 1.15rem; margin: 1.4rem 0 .5rem; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { border-bottom: 1px solid var(--line); padding: .3rem .45rem; text-align: left; vertical-align: top; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.quote { color: var(--muted); max-width: 28rem; }
.columns { display: grid; grid-template-columns: 1fr 1fr; gap: 2rem; }
.controls { display: flex; gap: .8rem; flex-wrap: wrap; align-items: center; margin: .4rem 0 1rem; }
.events { list-style: none; padding: 0; }
.event { border-bottom: 1px solid var(--line); padding: .55rem 0; }
.event .meta, p.meta { color: var(--muted); font-size: .88rem; }
.code { font-family: ui-monospace, monospace; background: #eef; padding: 0 .25rem; border-radius: 3px; }
blockquote.evidence { margin: .3rem 0 0; padding: .2rem .7rem; border-left: 3px solid var(--line); }
mark { padding: 0 .1rem; border-radius: 2px; }
mark.source { background: #c7e9c0; }
mark.target { background: #fdd0a2; }
mark.trigger { background: #dadaeb; font-weight: 600; }
mark.sentence { background: #fff3b0; }
.article-text { white-space: pre-wrap; max-height: 28rem; overflow: auto; border: 1px solid var(--line);
                padding: .6rem .8rem; font-size: .92rem; }
.level { font-weight: 600; }
tr.level-extreme .level, tr.level-high .level { color: #b30000; }
.empty, .note, .hint { color: var(--muted); }
.error { color: #b30000; }
.chart { max-width: 100%; height: auto; display: block; }
.chart a:hover rect, .chart a:hover polygon { opacity: .8; }
.pager { display: flex; gap: 1rem; }
.route { border-bottom: 1px solid var(--line); }
.method { font-family: ui-monospace, monospace; color: #fff; background: var(--accent); padding: 0 .35rem; border-radius: 3px; }
@media (max-width: 720px) { .columns { grid-template-columns: 1fr; } }
"""

#: Progressive only: actor search as you type (/api/actors), built with textContent, never innerHTML.
SCRIPT = """
(function () {
  "use strict";
  var form = document.getElementById("actor-search");
  if (!form) { return; }
  var input = form.querySelector("input[name=q]");
  var body = document.querySelector("#actor-results tbody");
  var timer = null;
  function cell(row, text, cls) {
    var td = document.createElement("td");
    if (cls) { td.className = cls; }
    td.textContent = text === null || text === undefined ? "" : String(text);
    row.appendChild(td);
    return td;
  }
  function show(actors) {
    while (body.firstChild) { body.removeChild(body.firstChild); }
    actors.forEach(function (actor) {
      var row = document.createElement("tr");
      var first = cell(row, "");
      var link = document.createElement("a");
      link.href = "/events?source=" + encodeURIComponent(actor.code);
      link.textContent = actor.code;
      first.appendChild(link);
      cell(row, actor.country);
      cell(row, actor.name);
      cell(row, actor.as_source, "num");
      cell(row, actor.as_target, "num");
      cell(row, actor.events, "num");
      body.appendChild(row);
    });
    if (!actors.length) {
      var row = document.createElement("tr");
      var td = cell(row, "No actor matches.", "empty");
      td.colSpan = 6;
      body.appendChild(row);
    }
  }
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      fetch("/api/actors?q=" + encodeURIComponent(input.value))
        .then(function (response) { return response.ok ? response.json() : { actors: [] }; })
        .then(function (data) { show(data.actors || []); })
        .catch(function () {});
    }, 200);
  });
})();
"""


@functools.cache
def environment() -> Any:
    """The Jinja environment (autoescape on), built once."""
    jinja2 = require("jinja2", extra="web")
    env = jinja2.Environment(loader=jinja2.DictLoader(TEMPLATES), autoescape=True, undefined=jinja2.ChainableUndefined)
    env.filters["safe_url"] = safe_url
    env.filters["number"] = number
    return env


def render(name: str, **context: Any) -> str:
    return str(environment().get_template(name).render(**context))


def safe_url(url: Any) -> bool:
    """Only http(s) links from the data become links (no javascript: or data: URLs)."""
    return isinstance(url, str) and url.lower().startswith(("http://", "https://"))


def number(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".")
    return "" if value is None else str(value)
