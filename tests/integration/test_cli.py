"""The CLI end to end on the bundled example and on batches (extractive: no model download)."""

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarize import ConfigError, load_config
from summarize.cli import app

LEAD = ["--set", "summarizer=lead"]
BOILERPLATE = ["Advertisement", "Also Read", "Sunak", "Meloni", "Gantz", "Macron", "Argamani", "Read more", "cookies"]


@pytest.fixture()
def runner():
    return CliRunner()


def test_readme_main_command_prints_clean_summary(example_dir):
    """The README's main job: default config, offline -> visible fallback, 120-250 words, no boilerplate."""
    env = dict(os.environ, HF_HUB_OFFLINE="1")
    proc = subprocess.run([sys.executable, "-m", "summarize.cli", "run", str(example_dir)],
                          capture_output=True, text=True, env=env, timeout=600)
    assert proc.returncode == 0, proc.stderr
    words = len(proc.stdout.split())
    assert 120 <= words <= 250, proc.stdout
    for marker in BOILERPLATE:
        assert marker not in proc.stdout
    assert "EXTRACTIVE summary instead" in proc.stderr and "hf download allenai/PRIMERA-multinews" in proc.stderr
    assert "--set fallback=error" in proc.stderr and "to fall back automatically" not in proc.stderr  # it just did


def test_json_output_has_sources_for_every_sentence(runner, example_dir, tmp_path):
    out = tmp_path / "out.json"
    res = runner.invoke(app, ["run", str(example_dir), "--set", "summarizer=extractive", "-o", str(out), "-q"])
    assert res.exit_code == 0, res.output
    data = json.loads(out.read_text())
    assert data["method"] == "extractive" and data["id"] == "putin-north-korea"
    assert data["sentences"] and all(len(s["sources"]) >= 1 for s in data["sentences"])
    ids = {p.stem for p in example_dir.glob("0*.txt")}
    assert all(set(s["sources"]) <= ids for s in data["sentences"])
    assert data["config_hash"] and "summarize" in data["versions"]


def test_markdown_output(runner, example_dir, tmp_path):
    out = tmp_path / "out.md"
    res = runner.invoke(app, ["run", str(example_dir), "--set", "summarizer=lead", "-o", str(out)])
    assert res.exit_code == 0, res.output
    text = out.read_text()
    assert text.startswith("# Summary of putin-north-korea") and "**Sources**" in text and "method: lead" in text
    # the rendered page named a sentence's sources by their file hashes only ("1. 003_2f75ad98d5781bb4, ..."),
    # and no output said which article was which: titles, outlets, dates and addresses are kept now
    sources = text.split("**Sources**")[1].split("**Articles**")[0]
    assert "003_2f75ad98d5781bb4" not in sources and "“Russian President Vladimir Putin Makes…”" in sources
    articles = text.split("**Articles**")[1]
    assert "- “Russian President Vladimir Putin Makes a Rare Visit to North Korea”, June 18, 2024 " \
           "(003_2f75ad98d5781bb4)" in articles and "- 001 (001_b0dfe862c0761fca)" in articles
    res = runner.invoke(app, ["run", str(example_dir), "--set", "summarizer=lead", "-o", str(tmp_path / "out.json")])
    row = json.loads((tmp_path / "out.json").read_text())  # one summary: one object
    assert row["articles"] == [
        {"id": "000_a512a153464c2905",
         "title": "Putin’s Unprecedented Visit to North Korea: Kim Jong Un Rolls Out the Red Carpet"},
        {"id": "003_2f75ad98d5781bb4", "title": "Russian President Vladimir Putin Makes a Rare Visit to North Korea",
         "published_at": "June 18, 2024"}]


def test_articles_cleaning_dropped_are_named_as_unused(runner, tmp_path):
    # the Markdown article list named a duplicate and an emptied article like the ones the summary draws on,
    # and the JSON row said why only in a warning's prose
    story = "The council approved the budget on Monday after a long debate about the new school."
    p = tmp_path / "c.jsonl"
    p.write_text(json.dumps({"id": "c1", "documents": [story, "Subscribe to our newsletter.", story,
                                                       "The mayor signed the budget into law on Tuesday evening."]}))
    res = runner.invoke(app, ["run", str(p), "--set", "summarizer=lead", "-o", str(tmp_path / "out.json")])
    assert res.exit_code == 0, res.output
    row = json.loads((tmp_path / "out.json").read_text())
    assert row["dropped"] == [{"id": "c1:1", "reason": "empty after cleaning"},
                              {"id": "c1:2", "reason": "duplicate of c1:0"}]
    res = runner.invoke(app, ["run", str(p), "--set", "summarizer=lead", "-o", str(tmp_path / "out.md")])
    md = (tmp_path / "out.md").read_text()
    articles = md.split("**Articles**")[1].split("_method")[0].split()
    # a row's documents are cited by their number in the row ("#0"; "c1:0" in every citation before), the
    # article list saying which id each is
    assert " ".join(articles) == ("- #0 (c1:0) - #1 (c1:1) — not used: empty after cleaning "
                                  "- #2 (c1:2) — not used: duplicate of c1:0 - #3 (c1:3)")
    assert md.split("**Sources**")[1].split("**Articles**")[0].split() == ["1.", "#0", "2.", "#3"]


def test_titles_that_open_alike_are_cited_by_the_words_that_tell_them_apart(runner, tmp_path):
    # NeuS 098 (5 of the 307 NeuS clusters): two titles open "Supreme Court sides with police"; both were
    # cited by those five words and their ids, and the article list gave each as that name, then its title
    titles = ["Supreme Court protects cops from lawsuits in two qualified immunity cases.",
              "Supreme Court sides with police officers in two qualified immunity cases.",
              "Supreme Court sides with police officers seeking qualified immunity in two use-of-force cases.",
              "FBI lawyer suspected of altering Russia probe document."]
    texts = ["The Supreme Court ruled in favor of police officers seeking qualified immunity on Monday.",
             "There were no recorded dissents in the two cases, both of which involved domestic disputes.",
             "In both cases, the justices overturned lower court decisions that went against the officers.",
             "A former FBI lawyer is suspected of altering a document related to surveillance in 2016."]
    quit = "The lawyer left the bureau after the inspector general asked him about the altered document."
    rows = [{"id": f"c{i}", "documents": [f"{t}\n{x}" for t, x in zip(titles, texts)] + [f"{titles[3]}\n{quit}"]}
            for i in range(3)]  # titles on the first line, as NeuS has them (one file of several rows)
    p = tmp_path / "c.jsonl"
    p.write_text("".join(json.dumps(r) + "\n" for r in rows))
    res = runner.invoke(app, ["run", str(p), "--set", "summarizer=lead", "-o", str(tmp_path / "o.md")])
    assert res.exit_code == 0, res.output
    md = (tmp_path / "o.md").read_text().split("# Summary of c1")[0]
    sources = md.split("**Sources**")[1].split("**Articles**")[0]
    assert "“Supreme Court sides with police officers in…”" in sources, sources
    assert "“Supreme Court sides with police officers seeking…”" in sources and "c0:1" not in sources
    assert "“FBI lawyer suspected of altering Russia probe document.” c0:4" in sources  # the same title: its id
    articles = md.split("**Articles**")[1].split("_method")[0].strip().splitlines()
    assert articles[1:] == [
        "- “Supreme Court sides with police officers in two qualified immunity cases.” (c0:1)",
        "- “Supreme Court sides with police officers seeking qualified immunity in two use-of-force cases.” (c0:2)",
        "- “FBI lawyer suspected of altering Russia probe document.” (c0:3)",
        "- “FBI lawyer suspected of altering Russia probe document.” (c0:4)"], articles


def test_a_feed_s_items_are_named_by_outlet_and_title_and_linked(runner, tmp_path):
    # a feed's items share one outlet: they were cited "World Wire https://wire.example/a2", and the address in
    # the article list was escaped into text ("&lt;https://...&gt;"), no link
    feed = Path(__file__).parents[1] / "fixtures" / "feeds" / "wire.xml"
    res = runner.invoke(app, ["run", str(feed), "--set", "summarizer=lead", "-o", str(tmp_path / "o.md")])
    assert res.exit_code == 0, res.output
    text = (tmp_path / "o.md").read_text()
    assert "World Wire “Kim greets Putin”" in text.split("**Sources**")[1].split("**Articles**")[0]
    articles = text.split("**Articles**")[1]
    assert "- World Wire “Putin arrives in Pyongyang”, Wed, 19 Jun 2024 02:00:00 GMT, <https://wire.example/a1> " \
           "(wire-a1)" in articles
    assert "- World Wire “Kim greets Putin”, <https://wire.example/a2>\n" in articles  # the id is the address


def test_clustering_a_feed_of_short_descriptions_says_how_to_let_them_in(runner, tmp_path):
    # "wrote 0 clusters (2 articles rejected)" and nothing else: why, and what to do, only in the JSON
    feed = Path(__file__).parents[1] / "fixtures" / "feeds" / "wire.xml"
    res = runner.invoke(app, ["cluster", str(feed), "-o", str(tmp_path / "c.json")])
    assert res.exit_code == 0, res.output
    assert "rejected: (2 shorter than cluster.min_words=20), e.g. wire-a1" in res.output
    assert "note: 2 of 2 articles have fewer than 20 words (a feed of descriptions?): --set cluster.min_words=5" \
        in res.output
    res = runner.invoke(app, ["cluster", str(feed), "-o", str(tmp_path / "c.json"), "--set", "cluster.min_words=5"])
    assert "wrote 1 cluster (0 articles rejected)" in res.output and "note:" not in res.output


def _batch(tmp_path, n=4):
    p = tmp_path / "batch.jsonl"
    rows = [{"id": f"ev{i}", "documents": [f"Story {i} says the council approved budget number {i} on Monday after a long debate.",
                                           f"Report {i}: the budget number {i} passed the council vote on Monday evening."],
             "summary": "x"} for i in range(n)]
    p.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return p


def test_jsonl_batch_in_input_order(runner, tmp_path):
    out = tmp_path / "preds.jsonl"
    res = runner.invoke(app, ["run", str(_batch(tmp_path)), "-o", str(out), "--set", "summarizer=extractive",
                              "--set", "extractive.embedder=tfidf"])
    assert res.exit_code == 0, res.output
    lines = [json.loads(x) for x in out.read_text().splitlines()]
    assert [x["id"] for x in lines] == ["ev0", "ev1", "ev2", "ev3"]
    assert all(x["summary"] and x["sentences"][0]["sources"] and x["method"] == "extractive" for x in lines)
    assert not (tmp_path / "preds.jsonl.partial").exists()


def test_jsonl_batch_resumes(runner, tmp_path):
    out = tmp_path / "preds.jsonl"
    partial = tmp_path / "preds.jsonl.partial"
    from summarize import load_config
    from summarize.fingerprints import run_code_hash

    same = load_config(overrides=["summarizer=extractive", "extractive.embedder=tfidf"]).hash()
    done = {"id": "ev1", "summary": "kept from the first run", "sentences": [], "method": "extractive",
            "config_hash": same, "code_hash": run_code_hash()}
    partial.write_text(json.dumps(done) + "\n" + '{"id": "ev2", "summ')  # second line cut by a crash
    res = runner.invoke(app, ["run", str(_batch(tmp_path)), "-o", str(out), "--set", "summarizer=extractive",
                              "--set", "extractive.embedder=tfidf"])
    assert res.exit_code == 0, res.output
    assert "resuming, 1 of 4 clusters already done" in res.output
    lines = [json.loads(x) for x in out.read_text().splitlines()]
    assert [x["id"] for x in lines] == ["ev0", "ev1", "ev2", "ev3"]
    assert lines[1]["summary"] == "kept from the first run"


def test_unknown_config_key_is_an_error(runner, example_dir):
    res = runner.invoke(app, ["run", str(example_dir), "--set", "beams=3"])
    assert res.exit_code == 2
    assert "unknown config key 'beams'" in res.output and "generation.num_beams" in res.output


def test_missing_path_is_an_error(runner, tmp_path):
    res = runner.invoke(app, ["run", str(tmp_path / "missing")])
    assert res.exit_code == 2 and "missing: no such file or directory" in res.output


def test_existing_output_survives_a_failed_run(runner, tmp_path):
    out = tmp_path / "out.json"
    out.write_text('{"previous": true}')
    res = runner.invoke(app, ["run", str(tmp_path / "missing"), "-o", str(out)])
    assert res.exit_code == 2
    assert out.read_text() == '{"previous": true}'


def test_help_and_ls(runner):
    res = runner.invoke(app, ["run", "--help"])
    assert res.exit_code == 0 and "--set" in res.output and "KEY=VALUE" in res.output
    res = runner.invoke(app, ["ls"])
    assert "abstractive" in res.output and "per_doc_budget" in res.output
    # each part's first sentence, whole and in plain text (it was the docstring's first line, cut mid-sentence)
    assert "cut at threshold: no number of events needed." in res.output and "``" not in res.output


def test_validate_prints_resolved_config(runner, tmp_path):
    res = runner.invoke(app, ["validate", "--set", "summarizer=lead"])
    assert res.exit_code == 0 and "summarizer: lead" in res.output and "config ok" in res.output


def test_validate_reads_fine_tuning_configs_too(runner):
    root = Path(__file__).resolve().parents[2]
    train = root / "configs" / "train" / "primera" / "multinews.yaml"
    res = runner.invoke(app, ["validate", str(train), "--set", "max_steps=7"])
    assert res.exit_code == 0, res.output
    assert "model: allenai/PRIMERA" in res.output and "max_steps: 7" in res.output
    assert "fine-tuning config ok" in res.output
    bad = runner.invoke(app, ["validate", str(train), "--set", "grad_accum=0"])
    assert bad.exit_code != 0 and "grad_accum must be >= 1" in bad.output and "primera/multinews.yaml" in bad.output


def _events_file(tmp_path, example_dir, shared_data):
    """The five example articles and ten BBC articles as one JSONL of articles."""
    rows = [{"id": p.stem, "text": p.read_text(encoding="utf-8")} for p in sorted(example_dir.glob("0*.txt"))]
    bbc = [json.loads(x) for x in (shared_data / "bbc_news_summary.jsonl").read_text().splitlines()[:300:30]]
    rows += [{"id": r["id"], "text": r["documents"][0]} for r in bbc]
    rows.append({"id": "junk", "text": "Tweet with a location\nYou can add location information to your Tweets."})
    path = tmp_path / "articles.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


def test_cluster_command_writes_clusters_and_scores_gold(runner, tmp_path, example_dir, shared_data):
    src = _events_file(tmp_path, example_dir, shared_data)
    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(json.dumps({"id": json.loads(x)["id"], "label": "putin" if json.loads(x)["id"].startswith("00") else json.loads(x)["id"]}) + "\n"
                            for x in src.read_text().splitlines()))
    out = tmp_path / "clusters.json"
    res = runner.invoke(app, ["cluster", str(src), "-o", str(out), "--gold", str(gold), "--set", "cluster.cache_dir=null"])
    assert res.exit_code == 0, res.output
    data = json.loads(out.read_text())
    assert data["rejected"] == [{"id": "junk", "reason": "empty after cleaning"}]
    biggest = data["clusters"][0]
    assert sorted(biggest["article_ids"]) == sorted(p.stem for p in example_dir.glob("0*.txt"))
    assert biggest["centroid_article_id"] in biggest["article_ids"] and biggest["label"]
    assert "bcubed_f1" in res.output and "1.0000" in res.output


def test_run_with_clustering_summarizes_each_event(runner, tmp_path, example_dir, shared_data):
    src = _events_file(tmp_path, example_dir, shared_data)
    out = tmp_path / "events.jsonl"
    res = runner.invoke(app, ["run", str(src), "-o", str(out), "--set", "cluster.enabled=true",
                              "--set", "cluster.cache_dir=null", "--set", "summarizer=extractive", "--set", "max_words=80"])
    assert res.exit_code == 0, res.output
    lines = [json.loads(x) for x in out.read_text().splitlines()]
    assert len(lines) == 11  # the Putin event + 10 BBC singletons
    assert "article junk not clustered" in res.output
    # the 10 one-article events get one line, not ten
    assert "10 of 11 events have a single article" in res.output and "only one article" not in res.output
    first = lines[0]
    assert {s for sent in first["sentences"] for s in sent["sources"]} <= {p.stem for p in example_dir.glob("0*.txt")}
    # each event says what it is and which articles formed it (cited or not)
    assert sorted(first["article_ids"]) == sorted(p.stem for p in example_dir.glob("0*.txt"))
    assert first["label"].startswith("North Korea")
    members = [a for line in lines for a in line["article_ids"]]
    assert len(members) == len(set(members)) == len(src.read_text().splitlines()) - 1  # all but the junk
    res = runner.invoke(app, ["run", str(src), "--set", "cluster.enabled=true", "--set", "cluster.cache_dir=null",
                              "--set", "summarizer=lead"])
    assert f"## {first['id']}: {first['label']} (5 articles)" in res.stdout


def test_piped_output_carries_no_library_progress_bars(example_dir, tmp_path):
    """Logs and pipes get the command's own lines, not transformers' "Loading weights: 100%" bars."""
    import subprocess
    import sys

    res = subprocess.run([sys.executable, "-m", "summarize.cli", "cluster", str(example_dir), "-o",
                          str(tmp_path / "c.json"), "--set", "cluster.cache_dir=null"],
                         capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr
    assert "wrote 1 cluster (" in res.stderr and "Loading weights" not in res.stderr and "it/s" not in res.stderr


def test_a_batch_counts_routine_cleaning_notes_in_one_line(runner, tmp_path):
    """Per-row notes (a dropped scraping notice, a cluster left with one article) stay in each row's
    warnings; stderr gets one line with the counts instead of one line per article."""
    doc = "Putin met Kim Jong Un in Pyongyang on Wednesday. They signed a defence pact. Talks lasted hours."
    rows = [{"id": f"ev{i}", "documents": [doc.replace("Wednesday", day), "Subscribe to our newsletter."],
             "summary": "x"} for i, day in enumerate(["Monday", "Tuesday", "Friday"])]
    src = tmp_path / "batch.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in rows))
    out = tmp_path / "preds.jsonl"
    res = runner.invoke(app, ["run", str(src), "-o", str(out), "--set", "summarizer=lead"])
    assert res.exit_code == 0, res.output
    assert "articles dropped by cleaning: 3; clusters left with one article (single-document summaries): 3" in res.output
    assert "dropped article ev0:1" not in res.output
    kept = [json.loads(x)["warnings"] for x in out.read_text().splitlines()]
    assert all(any("dropped article" in w for w in ws) and any("only one article" in w for w in ws) for ws in kept)
    # a cluster that drops a pile in one line counts as every article of it
    rows.append({"id": "reposts", "documents": [doc] * 8, "summary": "x"})
    src.write_text("".join(json.dumps(r) + "\n" for r in rows))
    res = runner.invoke(app, ["run", str(src), "-o", str(out), "--set", "summarizer=lead", "--restart"])
    assert res.exit_code == 0, res.output
    assert "articles dropped by cleaning: 10; clusters left with one article (single-document summaries): 4" in \
        " ".join(res.output.split())


def test_re_running_a_finished_batch_says_so_instead_of_redoing_it(runner, tmp_path):
    """29.7: re-running a finished batch recomputed it silently; and --restart's advice said '1+ finished rows'."""
    rows = tmp_path / "batch.jsonl"
    rows.write_text("".join(json.dumps({"id": f"ev{i}", "documents": [f"The council met on day {i} and approved "
                                                                       f"the budget after a long debate."]}) + "\n"
                            for i in range(3)))
    out = tmp_path / "out.jsonl"
    args = ["run", str(rows), "--set", "summarizer=lead", "-o", str(out)]
    assert runner.invoke(app, args).exit_code == 0
    stamp = out.stat().st_mtime_ns
    res = runner.invoke(app, args)
    assert res.exit_code == 0 and "already holds this config's summaries of all 3 clusters" in res.output
    assert out.stat().st_mtime_ns == stamp and "wrote 3 summaries" in res.output
    res = runner.invoke(app, args + ["--restart"])
    assert res.exit_code == 0 and "already holds" not in res.output and out.stat().st_mtime_ns != stamp
    partial = tmp_path / "out.jsonl.partial"  # another config's unfinished batch: the advice counts its rows
    partial.write_text("".join(json.dumps({"id": f"ev{i}", "config_hash": "other"}) + "\n" for i in range(2)))
    res = runner.invoke(app, args + ["--set", "max_words=50"])
    assert res.exit_code == 2 and "discard its 2 finished rows" in res.output


def test_rows_made_by_other_code_are_redone_or_refused_never_mixed(runner, tmp_path, monkeypatch):
    """Rows were matched by config alone: after an upgrade (or a fix in an editable install) a re-run said
    "nothing was redone" over the old code's summaries, and a resumed batch mixed rows of two versions. Rows now
    carry ``code_hash``: a finished output made by other code is redone, an unfinished one is refused with the
    version that made it and the way out."""
    from summarize import fingerprints

    out = tmp_path / "preds.jsonl"
    args = ["run", str(_batch(tmp_path)), "-o", str(out), "--set", "summarizer=lead"]
    assert runner.invoke(app, args).exit_code == 0
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert {r["code_hash"] for r in rows} == {fingerprints.run_code_hash()}
    monkeypatch.setattr(fingerprints, "run_code_hash", lambda: "0fedcba987654321")  # the next version
    for module in ("summarize.io.write", "summarize.summarizers.base"):
        monkeypatch.setattr(f"{module}.run_code_hash", fingerprints.run_code_hash)
    res = runner.invoke(app, args)
    assert res.exit_code == 0 and "already holds" not in res.output and "resuming" not in res.output
    assert "4 of its summaries were made by another version of summarize; they are redone" in res.output
    assert {json.loads(line)["code_hash"] for line in out.read_text().splitlines()} == {"0fedcba987654321"}
    partial = tmp_path / "preds.jsonl.partial"  # an interrupted run of the version before
    partial.write_text("".join(json.dumps({**r, "id": f"ev{i}"}) + "\n" for i, r in enumerate(rows[:2])))
    res = runner.invoke(app, args)
    assert res.exit_code == 2, res.output
    assert "made by other code (summarize 0.1.0" in res.output and rows[0]["code_hash"] in res.output
    assert "discard its 2 finished rows" in res.output and partial.exists()


def test_a_finished_batch_whose_input_changed_redoes_only_the_changed_and_new_clusters(runner, tmp_path):
    """A finished batch was judged by its ids and config alone: an input edited under the same ids got "nothing
    was redone" and kept the old summaries; an input that grew was redone whole. Rows now keep their articles'
    hash (``articles_hash``): the edited and the new clusters are redone, the others are kept."""
    def write(texts):
        rows.write_text("".join(json.dumps({"id": f"ev{i}", "documents": [t]}) + "\n" for i, t in enumerate(texts)))

    def summaries():
        return {r["id"]: r for r in map(json.loads, out.read_text().splitlines())}

    rows, out = tmp_path / "batch.jsonl", tmp_path / "out.jsonl"
    texts = [f"The council met on day {i} and approved the budget after a long debate." for i in range(3)]
    args = ["run", str(rows), "--set", "summarizer=lead", "-o", str(out)]
    write(texts)
    assert runner.invoke(app, args).exit_code == 0
    before = summaries()
    texts[1] = "The mayor resigned on Tuesday after a vote of no confidence in the city council."
    write(texts)
    res = runner.invoke(app, args)
    assert res.exit_code == 0 and "already holds" not in res.output and "2 of 3 clusters already done" in res.output
    after = summaries()
    assert "mayor resigned" in after["ev1"]["summary"] and after["ev0"] == before["ev0"] and after["ev2"] == before["ev2"]
    write(texts + ["Floods closed the main road into the city for a second day on Friday."])
    res = runner.invoke(app, args)
    assert res.exit_code == 0 and "3 of 4 clusters already done" in res.output
    grown = summaries()
    assert list(grown) == ["ev0", "ev1", "ev2", "ev3"] and "Floods" in grown["ev3"]["summary"]
    assert all(grown[k] == after[k] for k in after)


def test_cluster_scores_and_conflicts_go_to_the_output_file(runner, example_dir, tmp_path):
    """29.6: B-cubed scores went to stderr only; `conflicts` had no -o."""
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps({p.stem: "visit" for p in example_dir.glob("0*.txt")}))
    out = tmp_path / "clusters.json"
    res = runner.invoke(app, ["cluster", str(example_dir), "--gold", str(gold), "-o", str(out),
                              "--set", "cluster.cache_dir="])
    assert res.exit_code == 0, res.output
    scores = json.loads(out.read_text())["scores"]
    assert scores["bcubed_f1"] == 1.0 and scores["gold"] == str(gold) and {"ari", "nmi"} <= set(scores)
    found = tmp_path / "conflicts.json"
    res = runner.invoke(app, ["conflicts", str(example_dir), "-o", str(found)])
    assert res.exit_code == 0 and "discrepancies to" in res.output
    keys = [d["key"] for d in json.loads(found.read_text())["discrepancies"]]
    assert "containers" in keys


# -- fixed after a new user's and an adversarial review's findings (issue 15) --------------------

def test_outputs_get_the_mode_a_plain_open_gives(runner, example_dir, tmp_path):
    """15.2: mkstemp's 0600 was kept for every output."""
    old = os.umask(0o022)
    try:
        for name in ("out.json", "out.md", "out.txt"):
            res = runner.invoke(app, ["run", str(example_dir), *LEAD, "-o", str(tmp_path / name)])
            assert res.exit_code == 0, res.output
            assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o644, name
    finally:
        os.umask(old)


def test_unknown_output_suffix_is_an_error(runner, example_dir, tmp_path):
    """15.5: -o x.csv silently wrote plain text."""
    res = runner.invoke(app, ["run", str(example_dir), *LEAD, "-o", str(tmp_path / "x.csv")])
    assert res.exit_code == 2 and "unknown output suffix '.csv'" in res.output and ".jsonl" in res.output
    assert not (tmp_path / "x.csv").exists()


def test_invalid_extra_pattern_is_a_config_error(runner, example_dir):
    """15.8: a ValueError traceback escaped the CLI."""
    with pytest.raises(ConfigError, match=r"clean.extra_patterns: invalid regular expression '\(unclosed'"):
        load_config(overrides=["clean.extra_patterns=['(unclosed']"])
    res = runner.invoke(app, ["run", str(example_dir), *LEAD, "--set", "clean.extra_patterns=['(unclosed']"])
    assert res.exit_code == 2 and "clean.extra_patterns" in res.output and "(unclosed" in res.output
    assert "Traceback" not in res.output


def test_messages_count_right(runner, example_dir, tmp_path):
    """15.10: 'wrote 170 summaries' for a 200-row file, '1 summaries'; event ids in three formats."""
    from summarize.cli import plural

    rows = [{"id": f"c{i}", "documents": [f"Story {i}: the council approved budget {i} on Monday after a long debate."]}
            for i in range(3)]
    data = tmp_path / "b.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in rows))
    out = tmp_path / "p.jsonl"
    partial = out.with_name(out.name + ".partial")
    first = runner.invoke(app, ["run", str(data), *LEAD, "-o", str(out)])
    assert first.exit_code == 0 and "wrote 3 summaries" in first.output
    lines = out.read_text().splitlines()
    partial.write_text("\n".join(lines[:2]) + "\n")  # as an interrupted run leaves it
    out.unlink()
    again = runner.invoke(app, ["run", str(data), *LEAD, "-o", str(out)])
    assert "wrote 3 summaries" in again.output  # the file's rows, not the 1 this run made
    one = runner.invoke(app, ["run", str(example_dir), *LEAD, "-o", str(tmp_path / "one.json")])
    assert "wrote 1 summary " in one.output
    assert plural(1, "article") == "1 article"
    from summarize.cluster import event_id

    assert event_id(1) == "event-000001"


def test_ctrl_c_says_that_rerunning_resumes(runner, tmp_path, monkeypatch):
    """15.10: Ctrl-C exited 130 without saying what was kept."""
    import summarize.pipeline

    def interrupted(*a, **k):
        raise KeyboardInterrupt

    monkeypatch.setattr(summarize.pipeline, "run", interrupted)
    res = runner.invoke(app, ["run", "x.jsonl", *LEAD, "-o", str(tmp_path / "p.jsonl")])
    assert res.exit_code == 130 and "re-run the same command to resume" in res.output


def test_html_input_reads_the_article(runner, tmp_path):
    """15.1: HTML failed on a core install (lxml_html_clean missing) with a message blaming trafilatura."""
    from pathlib import Path

    page = Path(__file__).parents[1] / "fixtures" / "html" / "putin-visit.html"
    res = runner.invoke(app, ["run", str(page), *LEAD])
    assert res.exit_code == 0, res.output
    assert "Vladimir Putin arrived in Pyongyang" in res.stdout and "Subscribe" not in res.stdout


def test_train_checks_model_data_and_devices_before_launching(runner, tmp_path, monkeypatch):
    """15.4: -n 2 launched two processes before finding the model missing; --dry-run accepted it all."""
    from pathlib import Path

    config = Path(__file__).parents[2] / "configs" / "train" / "bart-base" / "multinews.yaml"
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.delenv("ACCELERATE_USE_CPU", raising=False)
    missing = ["--set", f"model={tmp_path / 'no-model'}", "--set", f"train_file={tmp_path / 'no.jsonl'}",
               "--set", "validation_file=null", "--set", "best_metric=null"]
    res = runner.invoke(app, ["train", str(config), *missing, "-n", "2"])
    assert res.exit_code == 2 and "running:" not in res.output
    assert res.output.count("no-model") == 1 and "Traceback" not in res.output
    dry = runner.invoke(app, ["train", str(config), *missing, "-n", "2", "--dry-run"])
    assert dry.exit_code == 2
    assert "would fail" in dry.output and "no-model" in dry.output and "no.jsonl not found" in dry.output
    assert "this machine has 0" in dry.output and "ACCELERATE_USE_CPU=true" in dry.output
    helptext = runner.invoke(app, ["train", "--help"]).output
    assert "max_steps" in helptext and "generation.num_beams" not in helptext


def test_hf_dataset_offline_fails_fast_with_the_fix(runner, monkeypatch):
    """15.6: 23 s of hub retries before an error when the hub is unreachable."""
    import summarize.generation.models as models

    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.setattr(models, "hub_reachable", lambda timeout=3.0: False)
    res = runner.invoke(app, ["run", "hf:nobody/not-a-cached-dataset:validation", *LEAD])
    assert res.exit_code == 2
    assert "The Hugging Face hub cannot be reached, so only the local cache was searched" in res.output
    assert "hf:path/to/validation.jsonl" in res.output
