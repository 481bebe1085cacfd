"""One self-contained HTML page: charts, a sortable table of municipalities, every finding linked to its file.

Everything is inline (CSS, JS, SVG charts drawn here in Python), so the page
opens offline from a USB stick or a mail attachment. The table rows are
written as HTML (sortable and searchable by a small script); the details of a
municipality (its expert sheet and findings) are kept as JSON in the page and
drawn only when the row is opened, so a region of 2,500 municipalities stays
a page a browser opens in a second. Text from the files is escaped on the way
in (HTML) and set with ``textContent`` by the script (JSON): a municipality
named «<script>» is shown, never run.

Every figure comes from the region's summary, computed once; links to the files
are relative to the page's folder. Two hooks let other parts of the program add
to the page without touching it: ``PAGE_SECTIONS`` (a section of the page from
the region) and ``DETAIL_PANELS`` (a panel in a municipality's details); both
return HTML they have escaped themselves. The calendar of a municipality's plan
(``calendar_panel``) is not a hook: its figures come from the worker as numbers
and the script draws them, keeping the page small.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import Any

from .calendar_panel import calendar_data, page_texts
from .checklist import ITEMS, STAGE_TITLES, STATUS_TITLES
from .summary import GROUP_TITLES, GROUPS, STATUS_ORDER, Municipality, Region, RegionSummary
from .summary import STATUS_TITLES as SUBMISSION_TITLES
from .wording import rule_title

# region → HTML of a <section> (escaped by the hook); shown after the tables of the page
PAGE_SECTIONS: list[Callable[[Region], str]] = []
# municipality → (heading, HTML escaped by the hook) of a panel in its details, or None
DETAIL_PANELS: list[Callable[[Municipality], tuple[str, str] | None]] = []

STATUS_COLOURS = {"missing": "#9e9e9e", "unreadable": "#c62828", "errors": "#f9a825", "clean": "#2e7d32"}
ITEM_CLASSES = {"passed": "ok", "partly": "part", "failed": "fail", "na": "na", "unchecked": "na"}
ITEM_INDEX = {spec.key: n for n, spec in enumerate(ITEMS)}
BAR = "#3f6fb5"


def _e(text: Any) -> str:
    return escape(str(text), quote=True)


def _percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)} %" if whole else "—"


def href(path: str, base: Path | None) -> str:
    """A link to a file from the page: relative to the page's folder where possible, else a file: URI."""
    if not path:
        return ""
    if base is not None:
        import os
        from urllib.parse import quote

        from .xlsx import relative_path

        try:
            return quote(relative_path(path, base).replace(os.sep, "/"))
        except ValueError:  # another drive (Windows)
            pass
    return Path(path).as_uri()


# ---------------------------------------------------------------- charts


def _wrap(text: str, width: int) -> list[str]:
    lines, current = [], ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    if current:
        lines.append(current)
    if len(lines) > 2:
        lines = [lines[0], (" ".join(lines[1:]))[: width - 1] + "…"]
    return lines or [""]


def hbars(
    rows: list[tuple[str, float, str, str]], maximum: float | None = None, label_width: int = 330, title: str = ""
) -> str:
    """Horizontal bars: (label, value, text after the bar, colour). Labels wrap to two lines."""
    bar_area, gap = 300, 8
    heights = [34 if len(_wrap(label, 46)) > 1 else 22 for label, *_ in rows]
    height = sum(heights) + gap * len(rows) + 8
    width = label_width + bar_area + 90
    maximum = maximum or max((v for _, v, _, _ in rows), default=1) or 1
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
        f'aria-label="{_e(title)}" xmlns="http://www.w3.org/2000/svg">'
    ]
    y = 4
    for (label, value, after, colour), h in zip(rows, heights):
        lines = _wrap(label, 46)
        text_y = y + h / 2 - (len(lines) - 1) * 7 + 4
        parts.append(f'<text x="{label_width - 8}" y="{text_y:.0f}" text-anchor="end" class="lbl">')
        for n, line in enumerate(lines):
            parts.append(f'<tspan x="{label_width - 8}" dy="{0 if n == 0 else 14}">{_e(line)}</tspan>')
        parts.append("</text>")
        w = bar_area * value / maximum if maximum else 0
        parts.append(
            f'<rect x="{label_width}" y="{y + h / 2 - 8:.0f}" width="{max(w, 1 if value else 0):.1f}" height="16" '
            f'fill="{colour}"><title>{_e(label)}: {_e(after)}</title></rect>'
        )
        parts.append(f'<text x="{label_width + w + 6:.1f}" y="{y + h / 2 + 4:.0f}" class="val">{_e(after)}</text>')
        y += h + gap
    parts.append("</svg>")
    return "".join(parts)


def vbars(rows: list[tuple[str, int]], colour: str = BAR, title: str = "") -> str:
    width, height, bottom = 520, 200, 30
    n = max(1, len(rows))
    step = (width - 40) / n
    maximum = max((v for _, v in rows), default=1) or 1
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
        f'aria-label="{_e(title)}" xmlns="http://www.w3.org/2000/svg">'
    ]
    parts.append(f'<line x1="30" y1="{height - bottom}" x2="{width - 6}" y2="{height - bottom}" stroke="#888"/>')
    for i, (label, value) in enumerate(rows):
        h = (height - bottom - 24) * value / maximum
        x = 34 + i * step
        parts.append(
            f'<rect x="{x:.1f}" y="{height - bottom - h:.1f}" width="{step - 6:.1f}" height="{h:.1f}" '
            f'fill="{colour}"><title>{_e(label)}: {value}</title></rect>'
        )
        parts.append(
            f'<text x="{x + (step - 6) / 2:.1f}" y="{height - bottom - h - 4:.1f}" text-anchor="middle" '
            f'class="val">{value}</text>'
        )
        parts.append(
            f'<text x="{x + (step - 6) / 2:.1f}" y="{height - bottom + 16}" text-anchor="middle" '
            f'class="lbl">{_e(label)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def charts(summary: RegionSummary) -> list[tuple[str, str, str]]:
    """(id, title, svg) of every chart on the page: the submissions, the risk factors, the events."""
    return [*_submission_charts(summary), _factor_chart(summary), *_event_charts(summary)]


def _submission_charts(summary: RegionSummary) -> list[tuple[str, str, str]]:
    """The roadmaps by state, and the expert sheets' scores in tens."""
    counts = summary.status_counts
    total = len(summary.municipalities)
    status = hbars(
        [
            (
                SUBMISSION_TITLES[s],
                counts.get(s, 0),
                f"{counts.get(s, 0)} ({_percent(counts.get(s, 0), total)})",
                STATUS_COLOURS[s],
            )
            for s in STATUS_ORDER
        ],
        label_width=170,
        title="Дорожные карты по состоянию",
    )
    scores = summary.scores
    bins = [
        (f"{lo}–{lo + 9 if lo < 90 else 100}", sum(1 for s in scores if lo <= s < lo + 10 or (lo == 90 and s == 100)))
        for lo in range(0, 100, 10)
    ]
    return [
        ("chart-status", "Дорожные карты по состоянию", status),
        ("chart-scores", "Баллы экспертных листов", vbars(bins, title="Баллы экспертных листов")),
    ]


def _factor_chart(summary: RegionSummary) -> tuple[str, str, str]:
    reviewed = len(summary.scores)
    prevalence = hbars(
        [
            (
                f"{f['number']}. {f['title']}",
                f["municipalities"],
                f"{f['municipalities']} МО ({_percent(f['municipalities'], reviewed)}), {f['shnor']} ШНОР",
                BAR,
            )
            for f in summary.factors
        ],
        maximum=reviewed or 1,  # bars out of all municipalities reviewed, not out of the commonest factor
        title="Факторы риска: в скольких муниципалитетах выявлены",
    )
    return ("chart-factors", "Факторы риска: доля муниципалитетов, где они выявлены", prevalence)


def _event_charts(summary: RegionSummary) -> list[tuple[str, str, str]]:
    """The region's events by form (the twelve commonest), by stage of the management cycle, by group."""
    events = summary.event_counts
    all_events = sum(events["forms"].values())

    def share(n: int) -> str:
        return f"{n} ({_percent(n, all_events)})"

    top = sorted(events["forms"].items(), key=lambda x: (-x[1], x[0]))[:12]
    forms = hbars([(form, n, share(n), BAR) for form, n in top], label_width=220, title="Формы мероприятий")
    stage_colours = {1: "#8e8cd8", 2: "#6f8fd8", 3: "#3f6fb5", 4: "#2e7d32", 0: "#9e9e9e"}
    stages = hbars(
        [
            (
                f"{s}. {STAGE_TITLES[s]}" if s else STAGE_TITLES[0],
                events["stages"].get(s, 0),
                share(events["stages"].get(s, 0)),
                stage_colours[s],
            )
            for s in (1, 2, 3, 4, 0)
        ],
        label_width=220,
        title="Этапы управленческого цикла",
    )
    groups = hbars(
        [(GROUP_TITLES[g], events["groups"].get(g, 0), share(events["groups"].get(g, 0)), BAR) for g in GROUPS],
        label_width=220,
        title="Группы мероприятий",
    )
    return [
        ("chart-forms", "Формы мероприятий (12 самых частых)", forms),
        ("chart-stages", "Мероприятия по этапам управленческого цикла", stages),
        ("chart-groups", "Мероприятия по группам (мероприятие может входить в несколько)", groups),
    ]


# ---------------------------------------------------------------- page


CSS = """
*{box-sizing:border-box}body{font:14px/1.45 "PT Sans","Segoe UI",Arial,sans-serif;color:#1d1d1d;margin:0;background:#f6f7f9}
header{background:#1f3f6e;color:#fff;padding:18px 28px}header h1{margin:0 0 4px;font-size:22px}header p{margin:0;opacity:.85}
nav{padding:8px 28px;background:#e8edf4;position:sticky;top:0;z-index:2}nav a{margin-right:16px;color:#1f3f6e}
main{padding:12px 28px 40px}section{margin:18px 0}h2{font-size:18px;margin:16px 0 8px}
.cards{display:flex;flex-wrap:wrap;gap:12px}.card{background:#fff;border:1px solid #d9dee6;border-radius:6px;padding:10px 14px;min-width:150px}
.card b{display:block;font-size:22px}.card span{color:#555}
.charts{display:flex;flex-wrap:wrap;gap:16px}figure{background:#fff;border:1px solid #d9dee6;border-radius:6px;margin:0;padding:10px}
figcaption{font-weight:bold;margin-bottom:6px}svg.chart{max-width:100%;height:auto}svg .lbl{font-size:12px;fill:#333}svg .val{font-size:12px;fill:#111}
table{border-collapse:collapse;background:#fff;width:100%}th,td{border:1px solid #d9dee6;padding:4px 6px;vertical-align:top;text-align:left}
th{background:#e8edf4;position:sticky;top:37px;cursor:pointer;user-select:none;font-weight:600}th.num,td.num{text-align:right}
th[aria-sort=ascending]::after{content:" ▲"}th[aria-sort=descending]::after{content:" ▼"}
tr.muni:hover{background:#f1f5fb}td.name{min-width:200px}button.open{border:0;background:none;color:#1f3f6e;cursor:pointer;padding:0 4px 0 0;font-size:13px}
.st{display:inline-block;padding:0 6px;border-radius:10px;color:#fff;font-size:12px;white-space:nowrap}
.st.missing{background:#9e9e9e}.st.unreadable{background:#c62828}.st.errors{background:#f9a825;color:#111}.st.clean{background:#2e7d32}
.dot{display:inline-block;width:12px;height:12px;border-radius:50%;margin:0 1px}.dot.ok{background:#2e7d32}.dot.part{background:#f9a825}.dot.fail{background:#c62828}.dot.na{background:#ccc}
tr.detail>td{background:#fbfcfe;padding:10px 14px}.detail h3{font-size:15px;margin:6px 0}.detail ul{margin:2px 0 8px 18px;padding:0}.detail li{margin:1px 0}
.sev-error{color:#b71c1c}.sev-warning{color:#8a6d00}.tools{display:flex;gap:10px;align-items:center;margin:6px 0}.tools input{padding:5px 8px;width:320px}
.note{color:#555;font-size:13px}a{color:#0b57a8}
table.cal{width:auto;margin:4px 0}table.cal th,table.cal td{position:static;cursor:auto;padding:2px 6px}table.cal td{min-width:2.4em;text-align:center}
table.cal .over{background:#f4b183;font-weight:bold}.detail p{margin:2px 0}
@media print{nav,.tools,button.open{display:none}th{position:static}}
"""

SCRIPT = r"""
(function(){
'use strict';
var data=JSON.parse(document.getElementById('details').textContent);
var files=data.files, munis=data.municipalities, titles=data.items, statuses=data.statuses, texts=data.texts;
function text(t){return typeof t==='number'?texts[t]:t;}
var table=document.getElementById('munis'), body=table.tBodies[0];
function el(tag,cls,text){var e=document.createElement(tag);if(cls)e.className=cls;if(text!==undefined)e.textContent=text;return e;}
function link(fileIndex,line){var f=files[fileIndex];var a=el('a',null,f[1]+(line?':'+line:''));a.href=f[0];a.title='Открыть файл'+(line?' (строка '+line+')':'');return a;}
// A plan's months (the worker's figures, facts.calendar_load): c = [year, month, events, busiest, overloaded, their
// busiest ШНОР, undated]; a note worded as domain.calendar.Calendar.overload_text words it.
function word(n){var w=data.calendar.words,d=n%10,h=n%100;return d===1&&h!==11?w[0]:d>=2&&d<=4&&(h<12||h>14)?w[1]:w[2];}
// A month's column heading: its short name, with the year over the first month and over each January (a school
// year's plan runs September to May over two years).
function monthHead(c,k){var m=(c[1]-1+k)%12,y=c[0]+Math.floor((c[1]-1+k)/12);return data.calendar.short[m]+(k===0||m===0?' '+y:'');}
function calendar(c){var t=data.calendar,box=el('div'),tb=el('table','cal'),head=el('tr'),rows=c[3]?[el('tr'),el('tr')]:[el('tr')],over={};
  c[4].forEach(function(k){over[k]=1;});head.appendChild(el('th'));rows.forEach(function(r,n){r.appendChild(el('th',null,t.rows[n]));});
  c[2].forEach(function(n,k){var m=(c[1]-1+k)%12,y=c[0]+Math.floor((c[1]-1+k)/12),th=el('th',over[k]?'over':null,monthHead(c,k));th.title=t.names[m]+' '+y;head.appendChild(th);
    rows[0].appendChild(el('td',null,n?String(n):''));if(c[3])rows[1].appendChild(el('td',over[k]?'over':null,c[3][k]?String(c[3][k]):''));});
  tb.appendChild(head);rows.forEach(function(r){tb.appendChild(r);});box.appendChild(tb);
  if(c[5].length){box.appendChild(el('p',null,t.overloaded));var ul=el('ul');c[4].forEach(function(k,j){var m=(c[1]-1+k)%12,y=c[0]+Math.floor((c[1]-1+k)/12),n=c[3][k];
    ul.appendChild(el('li',null,t.names[m]+' '+y+': '+c[5][j].join(', ')+' — '+(c[5][j].length>1||c[5][j][0]===t.all?'по ':'')+n+' '+word(n)));});box.appendChild(ul);}
  if(!c[3])box.appendChild(el('p',null,t.no_shnor));
  if(c[6].length)box.appendChild(el('p',null,t.undated[c[6].length>1?1:0]+c[6].join(', ')+'.'));
  box.appendChild(el('p','note',t.rule));return box;}
function detail(i){
  var m=munis[i], box=el('div');
  if(m.items.length){box.appendChild(el('h3',null,'Экспертный лист'));var ol=el('ol');
    m.items.forEach(function(it){var st=statuses[it[1]],li=el('li');li.appendChild(el('span','dot '+st[1]));li.appendChild(document.createTextNode(' '+titles[it[0]]+' — '+st[0]));
      if(it[2].length){var ul=el('ul');it[2].forEach(function(r){var x=el('li',null,text(r[0])+(r[1]!==null?' ':''));if(r[1]!==null)x.appendChild(link(r[1],r[2]));ul.appendChild(x);});li.appendChild(ul);}
      ol.appendChild(li);});box.appendChild(ol);}
  if(m.cross.length){box.appendChild(el('h3',null,'Файлы муниципалитета'));var cu=el('ul');m.cross.forEach(function(r){var x=el('li',null,text(r[0])+' ');x.appendChild(link(r[1],r[2]));cu.appendChild(x);});box.appendChild(cu);}
  box.appendChild(el('h3',null,'Замечания проверки ('+m.problems.length+')'));
  var pu=el('ul');m.problems.forEach(function(p){var x=el('li','sev-'+p[0]);x.appendChild(link(p[3],p[4]));x.appendChild(document.createTextNode(' — '+(p[0]==='error'?'ошибка':'предупреждение')+' ('+p[1]+'): '+p[2]));pu.appendChild(x);});
  if(!m.problems.length)pu.appendChild(el('li',null,'нет'));box.appendChild(pu);
  if(m.calendar){box.appendChild(el('h3',null,data.calendar.title));box.appendChild(calendar(m.calendar));}
  m.panels.forEach(function(p){box.appendChild(el('h3',null,p[0]));var d=el('div','panel');d.innerHTML=p[1];box.appendChild(d);});
  if(m.files.length){box.appendChild(el('h3',null,'Файлы'));var fu=el('ul');m.files.forEach(function(f){var x=el('li');x.appendChild(link(f[0],0));x.appendChild(document.createTextNode(' — '+f[1]));fu.appendChild(x);});box.appendChild(fu);}
  return box;}
body.addEventListener('click',function(ev){var b=ev.target.closest('button.open');if(!b)return;var tr=b.closest('tr');var next=tr.nextElementSibling;
  if(next&&next.classList.contains('detail')){next.remove();b.textContent='▸';b.setAttribute('aria-expanded','false');return;}
  var d=el('tr','detail'),td=el('td');td.colSpan=tr.cells.length;td.appendChild(detail(+tr.dataset.i));d.appendChild(td);tr.after(d);b.textContent='▾';b.setAttribute('aria-expanded','true');});
// A dot's title (item: status) is set when the pointer first reaches it, from the municipality's sheet.
body.addEventListener('mouseover',function(ev){var d=ev.target;if(!d.classList||!d.classList.contains('dot')||d.title)return;var tr=d.closest('tr.muni');if(!tr)return;
  var it=munis[+tr.dataset.i].items[Array.prototype.indexOf.call(d.parentNode.children,d)];if(it)d.title=titles[it[0]]+': '+statuses[it[1]][0];});
var collator=new Intl.Collator('ru',{numeric:true});
Array.prototype.forEach.call(table.tHead.rows[0].cells,function(th,col){th.addEventListener('click',function(){
  var dir=th.getAttribute('aria-sort')==='ascending'?-1:1;
  Array.prototype.forEach.call(table.tHead.rows[0].cells,function(h){h.removeAttribute('aria-sort');});th.setAttribute('aria-sort',dir>0?'ascending':'descending');
  body.querySelectorAll('tr.detail').forEach(function(r){r.remove();});body.querySelectorAll('button.open').forEach(function(b){b.textContent='▸';});
  var rows=Array.prototype.slice.call(body.rows),num=th.classList.contains('num');
  rows.sort(function(a,b){var x=a.cells[col].dataset.v!==undefined?a.cells[col].dataset.v:a.cells[col].textContent,y=b.cells[col].dataset.v!==undefined?b.cells[col].dataset.v:b.cells[col].textContent;
    if(num){x=x===''?-1:+x;y=y===''?-1:+y;return dir*(x-y)||(+a.dataset.i- +b.dataset.i);}return dir*collator.compare(x,y)||(+a.dataset.i- +b.dataset.i);});
  var frag=document.createDocumentFragment();rows.forEach(function(r){frag.appendChild(r);});body.appendChild(frag);});});
var search=document.getElementById('filter'),status=document.getElementById('status-filter');
function filter(){var q=search.value.trim().toLowerCase(),s=status.value;body.querySelectorAll('tr.detail').forEach(function(r){r.remove();});
  Array.prototype.forEach.call(body.rows,function(r){var ok=(!q||r.cells[0].textContent.toLowerCase().indexOf(q)>=0)&&(!s||r.dataset.status===s);r.hidden=!ok;});}
search.addEventListener('input',filter);status.addEventListener('change',filter);
document.getElementById('shown').textContent=munis.length;
function fromHash(){var m=/^#open=(\d+)$/.exec(location.hash);if(!m)return;var tr=body.querySelector('tr.muni[data-i="'+m[1]+'"]');if(!tr)return;
  var next=tr.nextElementSibling;if(!(next&&next.classList.contains('detail')))tr.querySelector('button.open').click();tr.scrollIntoView();}
window.addEventListener('hashchange',fromHash);fromHash();
})();
"""

COLUMNS = [
    ("Муниципальное образование", ""),
    ("Дорожная карта", ""),
    ("Балл", "num"),
    ("Заключение", ""),
    ("Параметров", "num"),
    ("Мероприятий", "num"),
    ("ШНОР", "num"),
    ("ШНОР в мероприятиях", "num"),
    ("Программы ШНОР", "num"),
    ("Ошибок", "num"),
    ("Предупр.", "num"),
    ("Пункты экспертного листа", ""),
]


class _Files:
    """Files the page links to, each listed once in its JSON: [link, name]."""

    def __init__(self, base: Path | None):
        self.base = base
        self.listed: list[list[str]] = []
        self._index: dict[str, int] = {}

    def __call__(self, path: str, name: str) -> int:
        if path not in self._index:
            self._index[path] = len(self.listed)
            self.listed.append([href(path, self.base), name])
        return self._index[path]


def _row(i: int, m: Municipality, f) -> str:
    """A municipality's row of the table (``f``: its ``MunicipalityFigures``)."""
    # The dots carry no title each (2,500 rows × 8 titles were a third of the page): the script sets it on hover.
    dots = "".join(f'<span class="dot {ITEM_CLASSES[it.status]}"></span>' for it in m.sheet.items) if m.sheet else ""
    cells = [
        '<td class="name"><button class="open" aria-expanded="false" title="Экспертный лист и '
        f'замечания">▸</button>{_e(m.name)}</td>',
        f'<td data-v="{STATUS_ORDER.index(f.status)}"><span class="st '
        f'{f.status}">{_e(SUBMISSION_TITLES[f.status])}</span>{"" if m.expected else " <span class=note>нет в перечне</span>"}</td>',
        _num(f.score),
        f"<td>{_e(f.verdict)}</td>",
        _num(f.findings),
        _num(f.events),
        _num(f.shnor),
        '<td class="num" '
        f'data-v="{"" if f.shnor_share is None else f.shnor_share}">{"—" if f.shnor_share is None else f"{round(100 * f.shnor_share)} %"}</td>',
        '<td class="num" '
        f'data-v="{"" if f.programme_share is None else f.programme_share}">{_e(f.programmes or "—")}</td>',
        _num(f.errors),
        _num(f.warnings),
        f'<td data-v="{f.score if f.score is not None else -1}">{dots}</td>',
    ]
    return f'<tr class="muni" data-i="{i}" data-status="{f.status}">{"".join(cells)}</tr>'


def _details(m: Municipality, files: _Files, titles: dict[str, str]) -> dict:
    """What the script draws when a municipality's row is opened."""
    items = []
    if m.sheet is not None:
        for it in m.sheet.items:
            reasons = [[r.text, files(r.file, r.name) if r.file else None, r.line] for r in it.reasons]
            items.append([ITEM_INDEX[it.key], it.status, reasons])
    problems = []
    for file in m.files:
        for p in file.problems:
            if p.severity in ("error", "warning"):
                if p.rule not in titles:
                    titles[p.rule] = rule_title(p.rule)
                problems.append(
                    [p.severity, titles[p.rule], p.message, files(file.path, file.name), 0 if file.places else p.line]
                )
    panels = [panel for hook in DETAIL_PANELS if (panel := hook(m)) is not None]
    details = {
        "items": items,
        "cross": [[r.text, files(r.file, r.name), r.line] for r in m.cross_findings],
        "problems": problems,
        "files": [[files(f.path, f.name), _file_label(f)] for f in m.files],
        "panels": [list(panel) for panel in panels],
    }
    calendar = calendar_data(m)
    if calendar is not None:  # numbers only: the script draws the table (some 100 bytes a municipality, not 1.5 KB)
        details["calendar"] = calendar
    return details


def _payload(details: list[dict], files: _Files) -> str:
    # A reason said of many municipalities («ШНОР в этом году нет») is written once and referred to by number.
    said = Counter(r[0] for d in details for it in d["items"] for r in it[2])
    texts = [t for t, n in said.items() if n > 1]
    number = {t: i for i, t in enumerate(texts)}
    for d in details:
        for it in d["items"]:
            for r in it[2]:
                r[0] = number.get(r[0], r[0])
    payload = {
        "files": files.listed,
        "items": [spec.title for spec in ITEMS],
        "statuses": {k: [t, ITEM_CLASSES[k]] for k, t in STATUS_TITLES.items()},
        "texts": texts,
        "calendar": page_texts(),
        "municipalities": details,
    }
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


def _cards(summary: RegionSummary) -> str:
    counts = summary.status_counts
    covered, known, unknown = summary.shnor_covered, summary.shnor_known, summary.shnor_unknown
    cards = [
        (len(summary.municipalities), "муниципальных образований"),
        *[(counts.get(s, 0), f"дорожная карта {SUBMISSION_TITLES[s]}") for s in STATUS_ORDER],
        (summary.average_score if summary.average_score is not None else "—", "средний балл"),
        (
            _percent(covered, known),
            f"ШНОР участвуют в мероприятиях ({covered} из {known}"
            + (f"; без сведений — {unknown})" if unknown else ")"),
        ),
    ]
    return "".join(f"<div class=card><b>{_e(v)}</b><span>{_e(t)}</span></div>" for v, t in cards)


def write_page(
    region: Region,
    title: str = "Экспертиза муниципальных дорожных карт по профилактике учебной неуспешности",
    base: Path | None = None,
    with_workbook: bool = True,
) -> str:
    """The page; links to the files relative to ``base``, the folder the page is written to.

    ``with_workbook``: the review's workbook is written beside the page, so the page may send the reader to it.
    """
    summary = region.summary
    assert summary is not None, "build_region makes the summary"
    files = _Files(base)
    titles: dict[str, str] = {}
    rows = [_row(i, m, f) for i, (m, f) in enumerate(zip(region.municipalities, summary.municipalities))]
    details = [_details(m, files, titles) for m in region.municipalities]
    payload = _payload(details, files)
    head = "".join(f'<th class="{cls}" scope="col">{_e(t)}</th>' for t, cls in COLUMNS)
    figures = "".join(
        f'<figure id="{cid}"><figcaption>{_e(ct)}</figcaption>{svg}</figure>' for cid, ct, svg in charts(summary)
    )
    legend = " ".join(
        f'<span class="dot {ITEM_CLASSES[s]}"></span> {_e(STATUS_TITLES[s])}'
        for s in ("passed", "partly", "failed", "na")
    )
    items_legend = "; ".join(f"{n}. {_e(spec.title)}" for n, spec in enumerate(ITEMS, 1))
    out = [
        '<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><meta name="viewport" '
        'content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title><style>{CSS}</style></head><body>",
        f"<header><h1>{_e(title)}</h1><p>Муниципальных образований: {len(region.municipalities)}; файлов: "
        f"{summary.files}. Сформировано программой neuspeh.</p></header>",
        '<nav><a href="#summary">Сводка</a><a href="#charts">Диаграммы</a><a '
        'href="#municipalities">Муниципалитеты</a><a href="#factors">Факторы</a><a '
        'href="#indicators">Показатели</a></nav><main>',
        f'<section id="summary"><h2>Сводка</h2><div class="cards">{_cards(summary)}</div></section>',
        f'<section id="charts"><h2>Диаграммы</h2><div class="charts">{figures}</div></section>',
        '<section id="municipalities"><h2>Муниципальные образования</h2>',
        '<div class="tools"><input type="search" id="filter" placeholder="Найти муниципальное образование" '
        'aria-label="Поиск">',
        '<select id="status-filter" aria-label="Состояние"><option value="">все состояния</option>',
        "".join(f'<option value="{s}">{_e(SUBMISSION_TITLES[s])}</option>' for s in STATUS_ORDER),
        '</select><span class="note">всего: <span id="shown"></span>; щёлкните по заголовку, чтобы упорядочить, по ▸ '
        "— чтобы открыть экспертный лист</span></div>",
        f'<p class="note">Пункты экспертного листа: {items_legend}. {legend}</p>',
        f'<table id="munis"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></section>',
        _factor_table(summary),
        _indicator_table(summary, with_workbook),
        _section_tables(region, base),
        "".join(hook(region) for hook in PAGE_SECTIONS),
        '</main><script type="application/json" '
        f'id="details">{payload}</script><script>{SCRIPT}</script></body></html>',
    ]
    return "".join(out)


def _num(value: Any) -> str:
    if value is None:
        return '<td class="num" data-v=""></td>'
    return f'<td class="num" data-v="{value}">{value}</td>'


def _file_label(file: Any) -> str:
    from .summary import FILE_STATUS_TITLES, kind_title

    return f"{kind_title(file.kind)}, {FILE_STATUS_TITLES[file.status]}"


def _factor_table(summary: RegionSummary) -> str:
    reviewed = len(summary.scores)
    rows = []
    for f in summary.factors:
        rows.append(
            f"<tr><th scope=row colspan=2>{f['number']}. {_e(f['title'])}</th><td "
            f"class=num>{f['municipalities']}</td><td class=num>{_percent(f['municipalities'], reviewed)}</td><td "
            f"class=num>{f['shnor']}</td><td class=num>{f['events']}</td></tr>"
        )
        for p in f["parameters"]:
            if p["municipalities"]:
                rows.append(
                    f"<tr><td>{_e(p['code'])}</td><td>{_e(p['title'])}</td><td "
                    f"class=num>{p['municipalities']}</td><td "
                    f"class=num>{_percent(p['municipalities'], reviewed)}</td><td class=num>{p['shnor']}</td><td "
                    f"class=num>{p['events']}</td></tr>"
                )
    return (
        '<section id="factors"><h2>Факторы риска и параметры</h2>'
        f'<p class="note">По {reviewed} прочитанным дорожным картам; ШНОР — школы, в которых параметр выявлен; '
        "мероприятия — направленные на параметр явно.</p>"
        "<table><thead><tr><th>Код</th><th>Фактор / параметр</th><th class=num>Муниципалитетов</th><th "
        "class=num>Доля</th><th class=num>ШНОР</th><th class=num>Мероприятий</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></section>"
    )


def _indicator_table(summary: RegionSummary, with_workbook: bool = True, shown: int = 30) -> str:
    rows = summary.indicators[:shown]
    note = ""
    if len(summary.indicators) > shown:
        where = "; полный перечень — в книге Excel, лист «Показатели»" if with_workbook else ""
        note = f'<p class="note">{shown} самых частых из {len(summary.indicators)}{where}.</p>'
    body = "".join(
        f"<tr><td>{_e(r['text'])}</td><td class=num>{r['municipalities']}</td><td>{_e(r['units'])}</td><td "
        f"class=num>{r['measurable']} из {r['total']}</td></tr>"
        for r in rows
    )
    return (
        '<section id="indicators"><h2>Показатели качества внутришкольных систем профилактики</h2>'
        f"{note}"
        "<table><thead><tr><th>Показатель</th><th class=num>Муниципалитетов</th><th>Единицы</th><th "
        "class=num>Измеримых</th></tr></thead>"
        f"<tbody>{body}</tbody></table></section>"
    )


def _section_tables(region: Region, base: Path | None = None) -> str:
    """The views added by ``summary.SECTIONS`` (the implementation reports), as plain tables."""
    from .summary import SECTIONS

    out = []
    for section in SECTIONS:
        for table in section.tables(region):
            head = "".join(
                f'<th class="{"num" if kind in ("int", "share") else ""}">{_e(title)}</th>'
                for title, kind in table.columns
            )
            rows = []
            for row in table.rows:
                cells = []
                for (_, kind), value in zip(table.columns, row):
                    if isinstance(value, dict):
                        line = value.get("line") or 0
                        cells.append(
                            "<td><a "
                            f'href="{_e(href(value["path"], base))}">{_e(value["name"])}{f":{line}" if line else ""}</a></td>'
                        )
                    elif kind == "share":
                        cells.append(f'<td class="num">{"" if value is None else f"{round(100 * value)} %"}</td>')
                    else:
                        cells.append(
                            f"<td{' class=num' if kind == 'int' else ''}>{'' if value is None else _e(value)}</td>"
                        )
                rows.append(f"<tr>{''.join(cells)}</tr>")
            out.append(
                "<section "
                f'id="{_e(section.name)}"><h2>{_e(table.title)}</h2><table><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></section>'
            )
    return "".join(out)
