"""The HTML evaluation report: a single self-contained page beside ``metrics.json``.

Sections: corpus scores with 95% intervals; the plots; a per-example table; for each example, its
summary sentences coloured by label with the source sentences that support them and the reasons, and
where the sources differ (each side with its value, articles, qualifiers and time frames: shown, not
judged).

Example:
    >>> import tempfile
    >>> from summarize.evaluation import Evaluation
    >>> ev = Evaluation({"rouge1": 0.5}, {"rouge1": (0.4, 0.6)}, [{"id": "a", "rouge1": 0.5}])
    >>> write_report(ev, tempfile.mkdtemp(), plots=[]).name
    'report.html'
"""

from __future__ import annotations

import time
from html import escape
from pathlib import Path
from typing import Any, Sequence

from summarize.io.atomic import atomic_write_text
from summarize.io.render import side_text
from summarize.metrics.catalog import METRICS

CORPUS_NAMES = {k: m.label for k, m in METRICS.items()}  # from the metric catalog
_CSS = """
body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:min(96vw,1500px);padding:0 1rem;color:#222;line-height:1.4}
#examples{font-size:.85rem}#examples th{white-space:normal;overflow-wrap:anywhere;max-width:7rem}
table{border-collapse:collapse;margin:.5rem 0 1.5rem}.scroll{overflow-x:auto}#examples td:first-child{white-space:nowrap}th,td{border:1px solid #ccc;padding:.3rem .6rem;text-align:left;
vertical-align:top}th{background:#f3f3f3}td.num{text-align:right;font-variant-numeric:tabular-nums}
.supported{border-left:6px solid #2e7d32}.unsupported{border-left:6px solid #f9a825}.conflicting{border-left:6px solid #c62828}
.sent{margin:.4rem 0;padding:.3rem .6rem;background:#fafafa}.label{font-weight:600;text-transform:uppercase;font-size:.75rem}
.ev{font-size:.85rem;color:#444;margin:.2rem 0 .2rem 1rem}blockquote{margin:.3rem 0 .6rem 1rem;padding:.3rem .6rem;border-left:3px solid #ccc;white-space:pre-wrap}.why{font-size:.85rem;color:#8d1b1b;margin-left:1rem}
img{max-width:48%;margin:.3rem}.side{margin:.2rem 0 .6rem 1rem}code{background:#eee;padding:0 .2rem}
"""


def _num(value: Any, digits: int = 4) -> str:
    return "–" if value is None else f"{value:.{digits}f}" if isinstance(value, float) else escape(str(value))


def _score(value: Any) -> str:
    """A score in [0, 1] as the command line prints it: x100, two decimals (counts stay as they are)."""
    return _num(100 * value, 2) if isinstance(value, float) else _num(value)


def _corpus_table(evaluation) -> str:
    rows = []
    for key, value in evaluation.corpus.items():
        lo, hi = evaluation.ci95.get(key, (None, None))
        rows.append(
            f"<tr><td>{escape(CORPUS_NAMES.get(key, key))} <code>{escape(key)}</code></td>"
            f"<td class=num>{_score(value)}</td><td class=num>[{_score(lo)}, {_score(hi)}]</td></tr>"
        )
    n = len(evaluation.per_example)
    return (
        f"<h2 id=corpus>Corpus scores</h2><p>Scores x100, as <code>summarize evaluate</code> prints them "
        f"(metrics.json keeps fractions).</p><table id=corpus-table><tr><th>metric</th><th>mean (n={n})</th>"
        f"<th>95% bootstrap CI</th></tr>{''.join(rows)}</table>"
    )


def _about(evaluation) -> str:
    """What the page evaluates: the predictions file and the systems in it, the references, the sources."""
    about = getattr(evaluation, "about", None) or {}
    if not about:
        return ""
    systems = "".join(
        f"<tr><td>{escape(str(s.get('method') or '–'))}</td><td>{escape(str(s.get('model') or '–'))}</td>"
        f"<td><code>{escape(str(s.get('config_hash') or '–'))}</code></td>"
        f"<td><code>{escape(str(s.get('input_hash') or '–'))}</code></td><td class=num>{s.get('rows', '')}</td></tr>"
        for s in about.get("systems") or [])
    sources = about.get("sources")
    sources = ", ".join(sources) if isinstance(sources, list) else sources
    read = f"read and cleaned with input hash {about['input_hash']}" if about.get("input_hash") else None
    rows = [("predictions", about.get("predictions")), ("references", about.get("references")),
            ("sources (factual checks)", sources), ("sources read as", read), ("NLI model", about.get("nli"))]
    facts = "".join(f"<tr><th>{escape(k)}</th><td><code>{escape(str(v))}</code></td></tr>" for k, v in rows if v)
    return (f"<h2 id=about>What is evaluated</h2><table id=about-table>{facts}</table>"
            f"<table id=systems><tr><th>system (method)</th><th>model</th><th>config hash</th><th>input hash</th>"
            f"<th>rows</th></tr>"
            f"{systems}</table>")


def _example_table(evaluation) -> str:
    keys = [k for k in evaluation.corpus]
    label_keys = [
        k for k in ("n_supported", "n_unsupported", "n_conflicting") if any(k in row for row in evaluation.per_example)
    ]
    head = "".join(f"<th>{escape(k)}</th>" for k in keys + label_keys)
    body = []
    for row in evaluation.per_example:
        link = (
            f"<a href='#ex-{escape(row['id'])}'>{escape(row['id'])}</a>"
            if row["id"] in evaluation.details
            else escape(row["id"])
        )
        cells = "".join(f"<td class=num>{_score(row.get(k))}</td>" for k in keys + label_keys)
        body.append(f"<tr><td>{link}</td>{cells}</tr>")
    return (f"<h2>Per example</h2><div class=scroll><table id=examples><tr><th>id</th>{head}</tr>{''.join(body)}"
            "</table></div>")


def _article_name(article_id: str, articles: dict[str, dict[str, Any]]) -> str:
    info = articles.get(article_id) or {}
    outlet = info.get("source")
    title = info.get("title") or ""
    label = f"{article_id} ({outlet})" if outlet else article_id
    return f"<b>{escape(label)}</b>" + (f" <i>{escape(title[:80])}</i>" if title else "")


def _sentences(detail: dict[str, Any]) -> str:
    out = []
    for s in detail["sentences"]:
        nli = f" · NLI {s['nli']:+.2f} ({escape(s['nli_label'])})" if s.get("nli") is not None else ""
        words = "-" if s.get("words") is None else f"{s['words']:.2f}"  # older metrics.json files lack it
        ev = "".join(
            f"<div class=ev>[{escape(e['article_id'])} #{e['sentence_index']}, sim {e['similarity']:.2f}] "
            f"{escape(e['text'])}</div>"
            for e in s["evidence"]
        )
        why = "".join(f"<div class=why>{escape(r)}</div>" for r in s["reasons"])
        out.append(
            f"<div class='sent {s['label']}'><span class=label>{s['label']}</span> "
            f"<small>score {s['score']:.2f} · words {words} · similarity {s['support']:.2f}{nli}</small><br>"
            f"{escape(s['text'])}{why}{ev}</div>"
        )
    return "".join(out)


def _texts(detail: dict[str, Any]) -> list[tuple[str, str]]:
    """The summary and its reference summaries, as the reader compares them."""
    refs = detail.get("references") or []
    named = [("Reference summary" if len(refs) == 1 else f"Reference summary {k}", r) for k, r in enumerate(refs, 1)]
    return ([("Summary", detail["summary"])] if detail.get("summary") else []) + named


def _discrepancies(detail: dict[str, Any]) -> str:
    items = detail.get("discrepancies") or []
    if not items:
        return "<p>No discrepancies found between the sources.</p>"
    out = ["<p>Where the sources differ (shown, not judged; the context may reconcile them):</p><ul class=disc>"]
    for d in items:
        sides = []
        for side in d["sides"]:
            context = ", ".join(side["qualifiers"] + side["time_frames"]) or "no qualifier or time frame"
            names = "; ".join(_article_name(a, detail.get("articles", {})) for a in side["article_ids"])
            quote = escape(side["sentences"][0]) if side["sentences"] else ""
            sides.append(
                f"<div class=side><b>{escape(side_text(side['value'], []))}</b> — {names}<br><small>context: "
                f"{escape(context)}</small><br><small>“{quote}”</small></div>"
            )
        out.append(f"<li><b>{escape(d['kind'])}: {escape(d['key'])}</b>{''.join(sides)}{_reconciling(d)}</li>")
    return "".join(out) + "</ul>"


def _reconciling(d: dict[str, Any]) -> str:
    """The pairs of quantity sides whose context lets both hold (time frames, "more than")."""
    from summarize.text.conflicts import Side, reconciled

    if d["kind"] != "quantity":
        return ""
    sides = [Side(**side) for side in d["sides"]]
    notes = [f"{a.value} / {b.value}: {why}"
             for k, a in enumerate(sides) for b in sides[k + 1 :] if (why := reconciled(a, b))]
    return f"<div class=reconcile><small>may both hold: {escape('; '.join(notes))}</small></div>" if notes else ""


def render_report(evaluation, plots: Sequence[Path] = (), title: str = "summarize evaluation") -> str:
    """The report page as a string (``write_report`` writes it)."""
    images = "".join(f"<img src='plots/{escape(p.name)}' alt='{escape(p.stem)} distribution'>" for p in plots)
    details = []
    for id_, detail in evaluation.details.items():
        texts = "".join(f"<h4>{escape(name)}</h4><blockquote>{escape(text)}</blockquote>"
                        for name, text in _texts(detail))
        checked = (f"<h4>Where the sources differ</h4>{_discrepancies(detail)}<h4>Summary sentences</h4>"
                   f"{_sentences(detail)}") if "sentences" in detail else ""
        details.append(f"<section id='ex-{escape(id_)}'><h3>{escape(id_)}</h3>{texts}{checked}</section>")
    labels = ""
    if evaluation.labels:
        labels = "<p>Summary sentences: " + ", ".join(f"{v} {escape(k)}" for k, v in evaluation.labels.items()) + "</p>"
    missing = f"<p>{len(evaluation.missing)} inputs had no prediction.</p>" if evaluation.missing else ""
    return (
        f"<!doctype html><html lang=en><head><meta charset=utf-8><title>{escape(title)}</title>"
        f"<style>{_CSS}</style></head><body><h1>{escape(title)}</h1>"
        f"<p>Written {time.strftime('%Y-%m-%d %H:%M')}; labels: supported / unsupported / conflicting "
        f"(word support from the source sentence each is drawn from, facts, embedding similarity, "
        f"cross-source discrepancies).</p><p id=evidence-note>The evidence under each sentence is the checker's: "
        f"the source sentences its label rests on (the best-aligned sentence, then the most similar). "
        f"<code>summarize run</code>'s own output cites sources by the attribution stage (sentence similarity and "
        f"shared content words): a check needs the sentence a claim can be verified against, a citation the "
        f"articles that state it, so the two lists can differ.</p>{_about(evaluation)}{_corpus_table(evaluation)}{labels}{missing}"
        f"<h2>Score distributions</h2>{images or '<p>No plots.</p>'}{_example_table(evaluation)}"
        f"<h2>Summaries, references and sources</h2>{''.join(details) or '<p>No examples.</p>'}"
        f"</body></html>\n"
    )


def write_report(
    evaluation, out_dir: str | Path, plots: Sequence[Path] | None = None, title: str = "summarize evaluation"
) -> Path:
    """Write ``out_dir/report.html`` (and the plots, unless given) atomically; return its path."""
    if plots is None:
        from summarize.report.plots import write_plots

        plots = write_plots(evaluation, out_dir)
    path = Path(out_dir) / "report.html"
    atomic_write_text(path, render_report(evaluation, plots, title))
    return path
