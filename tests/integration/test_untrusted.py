"""Untrusted files and faults (issue 19): each item below failed on the earlier main."""

from __future__ import annotations

import errno
import json
import re

import pytest
from typer.testing import CliRunner

from summarize import ConfigError, InputError, load_config
from summarize.cli import app

LEAD = ["--set", "summarizer=lead"]


@pytest.fixture()
def runner():
    return CliRunner()


def test_yaml_aliases_are_refused_and_errors_quote_little(runner, tmp_path):
    """19.3: 500 bytes of nested aliases took 288 s and 18.5 GB in `summarize validate`."""
    bomb = tmp_path / "bomb.yaml"
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"] + [
        f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)] + ["max_words: *a8"]
    bomb.write_text("\n".join(lines) + "\n")
    res = runner.invoke(app, ["validate", str(bomb)])
    assert res.exit_code == 2 and "YAML aliases (*a0) are not allowed" in res.output
    huge = tmp_path / "huge.yaml"
    huge.write_text("max_words: [" + ", ".join(["1"] * 50000) + "]\n")
    res = runner.invoke(app, ["validate", str(huge)])
    assert res.exit_code == 2 and "max_words must be an integer" in res.output and len(res.output) < 600


def test_an_output_that_is_an_input_is_refused(runner, tmp_path):
    """19.4: `run same.jsonl -o same.jsonl` destroyed the input."""
    data = tmp_path / "same.jsonl"
    data.write_text(json.dumps({"id": "c", "documents": ["The council approved the budget on Monday after a debate."]}) + "\n")
    before = data.read_bytes()
    res = runner.invoke(app, ["run", str(data), *LEAD, "-o", str(data)])
    assert res.exit_code == 2 and "is one of the inputs" in res.output and data.read_bytes() == before
    res = runner.invoke(app, ["run", str(tmp_path), *LEAD, "-o", str(tmp_path / "out.txt")])
    assert res.exit_code == 2 and "inside the input folder" in res.output


def test_train_refuses_an_output_dir_with_an_earlier_run(tmp_path):
    """19.4: training into an existing output_dir mixed both runs' metrics.jsonl and checkpoints."""
    from summarize.config.train import load_train_config

    (tmp_path / "run").mkdir()
    (tmp_path / "run" / "metrics.jsonl").write_text('{"step": 5, "loss": 3.0}\n')
    train = tmp_path / "train.jsonl"
    train.write_text("{}\n")
    base = [f"model={tmp_path}", f"train_file={train}", f"output_dir={tmp_path / 'run'}"]
    with pytest.raises(ConfigError, match=r"holds an earlier run \(metrics.jsonl\).*resume=latest.*overwrite=true"):
        load_train_config(overrides=base).check_ready()
    load_train_config(overrides=base + ["overwrite=true"]).check_ready()
    load_train_config(overrides=base + ["resume=latest"]).check_ready()


@pytest.mark.parametrize("override,message", [
    ("generation.num_beams=1000000000", "generation.num_beams must be in [1, 64]"),
    ("generation.max_new_tokens=99999999999", "max_new_tokens <= 16384"),
    ("extractive.redundancy_threshold=-5", "extractive.redundancy_threshold must be in (0, 1]"),
    ("max_words=0", "max_words must be in [1, 100000]"),
])
def test_settings_out_of_range_fail_at_load(override, message):
    """19.5: these passed `validate` and crashed later (8 GB, a traceback, an empty summary with exit 0)."""
    with pytest.raises(ConfigError) as exc:
        load_config(overrides=[override])
    assert message in str(exc.value)


def test_unwritable_output_fails_before_the_work(runner, example_dir, tmp_path, monkeypatch):
    """19.6: -o on a read-only or full filesystem gave an OSError traceback after all the work was done."""
    import summarize.pipeline

    blocker = tmp_path / "a-file"
    blocker.write_text("")
    started = []
    monkeypatch.setattr(summarize.pipeline, "load_clusters", lambda *a, **k: started.append(1) or [])
    res = runner.invoke(app, ["run", str(example_dir), *LEAD, "-o", str(blocker / "out.json")])
    assert res.exit_code == 2 and "cannot write" in res.output and not started and "Traceback" not in res.output


def test_a_full_disk_keeps_the_previous_output(tmp_path, monkeypatch):
    import os

    from summarize.io.atomic import atomic_write_text

    out = tmp_path / "out.txt"
    out.write_text("previous")

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(InputError, match="cannot write .*No space left on device.*previous out.txt, if any, is kept"):
        atomic_write_text(out, "new")
    assert out.read_text() == "previous" and [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_an_unusable_embedding_cache_warns_once_and_goes_on(tmp_path):
    """19.6: a full or read-only cache directory aborted the run with a sqlite traceback."""
    import sqlite3

    import numpy as np

    from summarize import SummarizeWarning
    from summarize.embed_cache import CachedEmbedder

    class Fixed:
        name = "fixed"

        def encode(self, texts):
            return np.ones((len(texts), 3), dtype=np.float32)

    blocker = tmp_path / "not-a-dir"
    blocker.write_text("")
    with pytest.warns(SummarizeWarning, match="embedding cache .* unusable"):
        cache = CachedEmbedder(Fixed(), blocker / "cache")
    assert cache.encode(["a", "b"]).shape == (2, 3)
    ok = CachedEmbedder(Fixed(), tmp_path / "cache")

    class Full:
        def execute(self, *a):
            return []

        def executemany(self, *a):
            raise sqlite3.OperationalError("database or disk is full")

        def close(self):
            pass

    ok._db = Full()
    with pytest.warns(SummarizeWarning, match="disk is full"):
        assert ok.encode(["c"]).shape == (1, 3)
    assert ok._db is None and ok.encode(["d"]).shape == (1, 3)  # no second warning, no crash


def test_falsy_ids_are_ids_and_duplicates_are_errors(tmp_path):
    """19.11: {"id": 0} became 'id0-1' and duplicate ids in evaluate kept the last row silently."""
    from summarize.evaluation import read_prediction_file, read_references
    from summarize.io import load_clusters

    data = tmp_path / "d.jsonl"
    data.write_text("".join(json.dumps({"id": i, "documents": ["Some text of the story here."]}) + "\n" for i in (0, False)))
    assert [c.id for c in load_clusters([str(data)])] == ["0", "false"]
    preds = tmp_path / "p.jsonl"
    preds.write_text('{"id": 0, "summary": "a"}\n{"id": "x", "summary": "b"}\n{"id": 0, "summary": "c"}\n')
    with pytest.raises(InputError, match=r"id '0' appears twice, on lines 1 and 3"):
        read_prediction_file(preds)
    ok = tmp_path / "ok.jsonl"
    ok.write_text('{"id": 0, "summary": "a"}\n')
    assert read_prediction_file(ok)[0] == {"0": "a"}
    refs = tmp_path / "r.jsonl"
    refs.write_text('{"id": "a", "summary": "x"}\n{"id": "a", "summary": "y"}\n')
    with pytest.raises(InputError, match=r"id 'a' appears twice, on lines 1 and 2"):
        read_references(refs)


@pytest.mark.parametrize("reader, row, message", [
    ("predictions", {"id": "a", "summary": 5}, "'summary' must be a string, got int"),
    ("predictions", {"summary": "x"}, "every row needs an 'id' \\(keys: summary\\)"),
    ("predictions", {"id": "a", "text": "x"}, "no 'summary' field \\(keys: id, text\\)"),
    ("references", {"id": "a", "reference": "x"}, "no 'references' or 'summary' field \\(keys: id, reference\\)"),
    ("references", {"id": "a", "references": []}, "'references' must be a string or a non-empty list of strings"),
])
def test_an_evaluation_row_error_says_what_is_wrong(tmp_path, reader, row, message):
    """Every malformed row got "needs 'id' and a 'summary' string, got keys ['id', 'summary']": a summary of
    the wrong type was reported as if it were missing."""
    from summarize.evaluation import read_prediction_file, read_references

    path = tmp_path / "rows.jsonl"
    path.write_text(json.dumps(row) + "\n")
    with pytest.raises(InputError, match=f"rows.jsonl:1: {message}"):
        (read_prediction_file if reader == "predictions" else read_references)(path)


def test_a_duplicate_cluster_id_in_the_input_is_named_with_both_places(tmp_path):
    """A second cluster with an id already read was 'duplicate cluster id 'a' in the input', naming neither
    file nor line: in a batch of thousands of rows, or over two files, the user had to search for it."""
    from summarize.io import load_clusters

    first, second = tmp_path / "mon.jsonl", tmp_path / "tue.jsonl"
    first.write_text(json.dumps({"id": "a", "documents": ["Some text of the story here."]}) + "\n"
                     + json.dumps({"id": "b", "documents": ["Other text of another story."]}) + "\n")
    second.write_text(json.dumps({"id": "c", "documents": ["A third story."]}) + "\n"
                      + json.dumps({"id": "b", "documents": ["The same id again."]}) + "\n")
    with pytest.raises(InputError, match=rf"^{re.escape(str(second))}:2: duplicate cluster id 'b' \(first at "
                                         rf"{re.escape(str(first))}:2\)"):
        load_clusters([str(first), str(second)])


def test_markdown_output_escapes_html_from_articles():
    """19.12: raw HTML from article text passed into Markdown, and an id with '-->' broke out of the comment."""
    from summarize.io.render import render
    from summarize.types import RunInfo, Summary, SummarySentence

    s = Summary("c", "x", [SummarySentence("Click <img src=x onerror=alert(1)> now.", sources=["a-->b<script>"])],
                RunInfo("lead"))
    md = render([s], "md")
    assert "<img" not in md and "<script>" not in md and "&lt;img src=x onerror=alert(1)&gt;" in md
    comment = md.split("<!--", 1)[1].split("-->", 1)[0]
    assert "a- -&gt;b" in comment and md.count("-->") == 1


def test_markdown_output_writes_an_ampersand_as_the_article_does():
    """The BBC events output read "Chart-topping R&amp;B star Usher" and "Marsh &amp; McLennan" (102 times):
    an ampersand that starts no entity renders as itself, so it is left as written; one that starts an entity
    ("&lt;") is escaped, so that the article's text, not a character, is shown."""
    from summarize.io.render import render
    from summarize.types import RunInfo, Summary, SummarySentence

    s = Summary("c", "x", [SummarySentence("Chart-topping R&B star Usher joined Marsh & McLennan; &lt;b&gt; &#60;i.",
                                           sources=["a"])], RunInfo("lead"))
    md = render([s], "md")
    assert "Chart-topping R&B star Usher joined Marsh & McLennan; &amp;lt;b&amp;gt; &amp;#60;i." in md, md


def _articles(path, prefix, topic):
    rows = [{"id": f"{prefix}{i}", "text": f"{topic} report {i}: officials said on Monday that the {topic} talks "
             f"would continue next week after a long meeting in the capital, with more details expected soon."}
            for i in range(3)]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


def test_two_runs_on_one_state_keep_both_runs_articles(tmp_path):
    """19.2: `cluster a --state s & cluster b --state s` kept none of a's articles (last writer wins)."""
    import os
    import subprocess
    import sys

    state = tmp_path / "s.state"
    a = _articles(tmp_path / "a.jsonl", "a", "budget")
    b = _articles(tmp_path / "b.jsonl", "b", "football")
    env = dict(os.environ, HF_HUB_OFFLINE="1")
    cmd = [sys.executable, "-m", "summarize.cli", "cluster", "--state", str(state), "--set", "cluster.signal_weights={emb: 0}"]
    procs = [subprocess.Popen(cmd + [str(p)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
             for p in (a, b)]
    errs = [p.communicate(timeout=300)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], errs
    from summarize.cluster.stream import StreamClusterer

    ids = {x.id for x in StreamClusterer.load(state).articles}
    assert ids == {"a0", "a1", "a2", "b0", "b1", "b2"}


def test_a_held_state_lock_makes_the_next_run_wait_and_say_so(tmp_path):
    import fcntl
    import threading

    from summarize import SummarizeWarning
    from summarize.cluster.state_file import state_lock

    state = tmp_path / "s.state"
    holder = open(str(state) + ".lock", "a+")
    fcntl.flock(holder, fcntl.LOCK_EX)
    entered = threading.Event()

    def second():
        with pytest.warns(SummarizeWarning, match="being updated by another run; waiting"):
            with state_lock(state):
                entered.set()

    t = threading.Thread(target=second)
    t.start()
    assert not entered.wait(1.0)  # blocked while the lock is held
    fcntl.flock(holder, fcntl.LOCK_UN)
    holder.close()
    t.join(10)
    assert entered.is_set()


TEXT = "Le café du village a rouvert lundi. Une naïve déjà-vu : les habitants étaient ravis de le revoir."


def test_western_encodings_boms_and_control_bytes(runner, tmp_path):
    """19.8: cp1252 decoded as cp1250/cp775 mojibake silently; UTF-16 with a BOM skipped as binary; NUL bytes
    after the first 8 KB reached the article text."""
    from summarize import SummarizeWarning
    from summarize.io import load_articles

    cp = tmp_path / "cp1252.txt"
    cp.write_bytes(TEXT.encode("cp1252"))
    with pytest.warns(SummarizeWarning, match=r"cp1252.txt: not valid UTF-8; decoded as cp1252"):
        assert load_articles([str(cp)])[0].text == TEXT
    u16 = tmp_path / "utf16.txt"
    u16.write_bytes(TEXT.encode("utf-16"))  # with its BOM
    assert load_articles([str(u16)])[0].text == TEXT
    nul = tmp_path / "nul.txt"
    nul.write_bytes((TEXT + " ") .encode() * 120 + b"\x00\x00tail" + b" end.")
    with pytest.warns(SummarizeWarning, match="removed 2 control characters"):
        text = load_articles([str(nul)])[0].text
    assert "\x00" not in text and "tail end." in text


def test_latin1_on_stdin_with_an_output_file(runner, tmp_path):
    """19.8: Latin-1 on stdin with -o crashed with UnicodeEncodeError."""
    out = tmp_path / "out.json"
    res = runner.invoke(app, ["run", "-", *LEAD, "-o", str(out)], input=TEXT.encode("latin-1"))
    assert res.exit_code == 0, res.output
    assert json.loads(out.read_text(encoding="utf-8"))["summary"].startswith("Le café du village")


NON_LATIN = {
    "zh": ["俄罗斯总统普京周三凌晨抵达平壤，开始对朝鲜进行为期两天的国事访问。朝鲜领导人金正恩在机场迎接了他。",
           "两国领导人在会谈后签署了全面战略伙伴关系协定。协定包括在一方遭受侵略时相互提供援助的条款。",
           "美国和韩国指责朝鲜向俄罗斯提供炮弹和导弹，用于乌克兰战争。莫斯科和平壤均否认这些指控。"],
    "ja": ["ロシアのプーチン大統領は水曜日の未明に平壌に到着し、北朝鮮への二日間の国賓訪問を始めた。金正恩氏が空港で出迎えた。",
           "両首脳は会談の後、包括的戦略パートナーシップ協定に署名した。協定には一方が侵略された場合の相互援助の条項が含まれる。",
           "米国と韓国は北朝鮮がロシアに砲弾やミサイルを供給していると非難している。両国はこの指摘を否定している。"],
    "ar": ["وصل الرئيس الروسي فلاديمير بوتين إلى بيونغ يانغ فجر الأربعاء في زيارة دولة تستمر يومين إلى كوريا الشمالية، "
           "وكان الزعيم الكوري الشمالي كيم جونغ أون في استقباله في المطار.",
           "ووقع الزعيمان بعد المحادثات اتفاقية شراكة استراتيجية شاملة تتضمن بندا للمساعدة المتبادلة في حال تعرض أحد "
           "الطرفين لعدوان خارجي.",
           "وتتهم الولايات المتحدة وكوريا الجنوبية بيونغ يانغ بتزويد روسيا بقذائف مدفعية وصواريخ لاستخدامها في الحرب "
           "في أوكرانيا، وهو ما ينفيه البلدان."],
    "ru": ["Президент России Владимир Путин прибыл в Пхеньян рано утром в среду с двухдневным государственным визитом в "
           "КНДР. В аэропорту его встретил северокорейский лидер Ким Чен Ын.",
           "После переговоров лидеры двух стран подписали договор о всеобъемлющем стратегическом партнерстве, который "
           "предусматривает взаимную помощь в случае агрессии против одной из сторон.",
           "США и Южная Корея обвиняют Пхеньян в поставках России артиллерийских снарядов и ракет для войны на Украине, "
           "однако обе страны отрицают эти обвинения."],
}


@pytest.mark.parametrize("lang", list(NON_LATIN))
def test_non_latin_articles_end_to_end(lang, tmp_path):
    """19.9: CJK text counted as one word, so Chinese and Japanese articles were dropped by cleaning and
    rejected by clustering."""
    from summarize.cluster import cluster_articles
    from summarize.config import ClusterConfig
    from summarize.metrics import rouge
    from summarize.pipeline import summarize as summarize_articles
    from summarize.text.sentences import count_words, split_sentences
    from summarize.types import Article

    paragraphs = NON_LATIN[lang]
    articles = [Article(f"{lang}-{i}", "\n\n".join(paragraphs[i:] + paragraphs[:i]), title=None) for i in range(3)]
    assert all(count_words(a.text) >= 40 for a in articles)
    assert len(split_sentences(paragraphs[0])) == 2  # the script's own sentence ends
    result = cluster_articles(articles, ClusterConfig(signal_weights={"emb": 0}))
    assert not result.rejected and sum(len(c.articles) for c in result.clusters) == 3
    summary = summarize_articles(articles, load_config(overrides=["summarizer=extractive", "max_words=120",
                                                                   "extractive.embedder=tfidf", "attribution.embedder=tfidf"]))
    assert summary.sentences and all(s.sources for s in summary.sentences)
    assert split_sentences(summary.sentences[0].text)[0][:6] in " ".join(paragraphs)
    reference = paragraphs[0]
    scored = rouge(summary.text, reference, unicode=True)
    assert scored["rouge1"] > 0.3 and rouge(summary.text, reference)["rouge1"] == 0.0  # rouge-score drops them


def test_globs_follow_no_symlink_twice(tmp_path):
    """19.10: 'loop/**/*.txt' through two symlinks hung; through one it gave 41 copies of a file."""
    import os

    from summarize.io import load_articles

    root = tmp_path / "loop"
    (root / "a" / "b").mkdir(parents=True)
    (root / "a" / "b" / "story.txt").write_text("The council approved the budget on Monday after a long debate.")
    (root / "top.txt").write_text("Officials said the talks would continue next week in the capital city.")
    os.symlink(root, root / "a" / "up")  # two ways back to the top: a loop
    os.symlink(root / "a", root / "a" / "b" / "side")
    arts = load_articles([str(root / "**" / "*.txt")])
    assert sorted(a.text[:12] for a in arts) == ["Officials sa", "The council "]


def test_long_paragraphs_split_in_linear_windows_and_huge_articles_are_cut():
    """19.10: an 800 KB single-paragraph document took 87 s (pysbd is quadratic in a paragraph's length)."""
    from summarize import SummarizeWarning
    from summarize.clean import clean_article
    from summarize.config import CleanConfig
    from summarize.text.sentences import WINDOW, split_sentences, windows
    from summarize.types import Article

    paragraph = " ".join(f"Sentence number {i} says the budget passed on Monday." for i in range(2000))
    pieces = windows(paragraph)
    assert len(pieces) > 10 and max(map(len, pieces)) <= WINDOW and " ".join(pieces) == paragraph
    assert all(p.endswith("Monday.") for p in pieces)  # cut at sentence ends, never inside one
    assert len(split_sentences(paragraph)) == 2000
    with pytest.warns(SummarizeWarning, match=r"article big: 108,889 characters, cut to the first 49,9\d\d"):
        cut = clean_article(Article("big", paragraph), CleanConfig(max_article_chars=50_000))
    assert len(cut.text) <= 50_000


FUZZ_RUNNER = r'''
import json, resource, sys
resource.setrlimit(resource.RLIMIT_AS, (4 * 2**30, 4 * 2**30))  # an allocation beyond this is a failure
from summarize.cluster.stream import StreamClusterer
from summarize.config import ClusterConfig
from summarize.errors import SummarizeError
from summarize.types import Article
run = ClusterConfig(method="online", signal_weights={"emb": 0}, cache_dir=None)
extra = [Article(f"new-{i}", "The budget council vote was reported again on Tuesday as officials said the talks "
                 "would continue into next week with more details expected from the capital soon.") for i in range(2)]
out = {}
for path in sys.argv[1:]:
    try:
        stream = StreamClusterer.load(path, config=run)
        stream.add(extra)  # a state that loads must also be usable, not crash later
        out[path] = "ok"
    except SummarizeError as exc:
        out[path] = "error: " + str(exc)
    except Exception as exc:
        out[path] = f"crash: {exc.__class__.__name__}: {exc}"
print(json.dumps(out))
'''


def _state_file(tmp_path):
    from summarize.cluster.stream import StreamClusterer
    from summarize.config import ClusterConfig
    from summarize.types import Article

    topics = ["budget council vote", "football cup final", "storm flood rescue"]
    arts = [Article(f"{t.split()[0]}-{i}", f"The {t} was reported on Monday {i} as officials said the {t} would "
                    f"continue into next week with more details on the {t} expected from the capital soon.")
            for t in topics for i in range(3)]
    s = StreamClusterer(ClusterConfig(method="online", signal_weights={"emb": 0}, cache_dir=None))
    s.add(arts)
    return s.save(tmp_path / "base.state")


def _save(path, arrays, header):
    import numpy as np

    with open(path, "wb") as fh:  # a handle: np.savez would add ".npz" to the name
        np.savez(fh, **arrays, header=np.frombuffer(json.dumps(header).encode(), dtype=np.uint8))


def _mutations(base):
    """(case name, the field its error must name, arrays, header) for every array and header field."""
    import numpy as np

    with np.load(base) as d:
        arrays = {k: d[k] for k in d.files}
    header = json.loads(arrays.pop("header").tobytes())
    for key, a in arrays.items():
        variants = {"wrong-dtype": np.array(["x"] * a.size).reshape(a.shape), "wrong-shape": a.reshape(-1)[:-1]}
        if a.dtype.kind in "iu":
            variants["out-of-range"] = a + 10**6
            variants["negative"] = a - 10**6
            variants["huge"] = np.full_like(a, 10**9)
        else:
            variants["nan"] = np.where(np.arange(a.size).reshape(a.shape) == 0, np.nan, a).astype(a.dtype)
            variants["inf"] = np.where(np.arange(a.size).reshape(a.shape) == 0, np.inf, a).astype(a.dtype)
            variants["absurd"] = np.where(np.arange(a.size).reshape(a.shape) == 0, 3e38, a).astype(a.dtype)  # 26.6
        for name, v in variants.items():
            if (key, name) == ("times", "nan"):  # an article without a date: valid
                continue
            yield f"{key}-{name}", key, {**arrays, key: v}, header
        yield f"{key}-missing", key, {k: v for k, v in arrays.items() if k != key}, header
    dup = dict(header, articles=header["articles"] + [header["articles"][0]])
    yield "articles-duplicate", "articles", arrays, dup
    yield "articles-not-a-list", "articles", arrays, dict(header, articles="x")
    yield "article-id-falsy", "articles[0]", arrays, dict(header, articles=[dict(header["articles"][0], id="")] + header["articles"][1:])
    yield "config-threshold", "threshold", arrays, dict(header, config=dict(header["config"], threshold=5))
    yield "config-not-a-dict", "config", arrays, dict(header, config=[1])
    yield "rejected-bad", "rejected", arrays, dict(header, rejected=[1, 2])
    yield "embedded-with-not-a-string", "embedded_with", arrays, dict(header, embedded_with={"model": 1})
    vocab = header["vectorizers"]["vocabularies"]
    bad_vocab = dict(header["vectorizers"], vocabularies=dict(vocab, lex=vocab["lex"][:-1] + [vocab["lex"][0]]))
    yield "vocabulary-duplicate", "vectorizers.vocabularies.lex", arrays, dict(header, vectorizers=bad_vocab)
    yield "embedder-redirect", "embedded with", arrays, dict(header, config=dict(header["config"], embedder="/etc/evil"))
    wide = np.hstack([arrays["emb"], np.zeros((len(arrays["emb"]), 2), arrays["emb"].dtype)])
    yield "emb-other-width", "emb", {**arrays, "emb": wide}, header  # 26.6: another embedder's vectors


def test_fuzzed_state_files_end_in_clear_errors(tmp_path):
    """19.1: out-of-range sparse indices segfaulted, labels=1e9 allocated 17 GB, NaN and duplicate ids were
    accepted, the header could redirect the embedder: every mutation is now a clear error naming the file
    and the field, never a crash or an allocation beyond 2 GB (the runner's address space is capped)."""
    import subprocess
    import sys
    import zipfile
    from pathlib import Path

    import numpy as np

    base = _state_file(tmp_path)
    cases = {}
    for k, (case, field, arrays, header) in enumerate(_mutations(base)):
        path = tmp_path / f"{k:03d}-{case}.state"
        _save(path, arrays, header)
        cases[str(path)] = field
    huge = tmp_path / "huge-declared.state"  # an array header declaring 80 GB with no data behind it
    with zipfile.ZipFile(base) as src, zipfile.ZipFile(huge, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "labels.npy":
                head = {"descr": "<i8", "fortran_order": False, "shape": (10**10,)}
                buf = __import__("io").BytesIO()
                np.lib.format.write_array_header_2_0(buf, head)
                data = buf.getvalue()  # the magic and the header; no data behind them
            dst.writestr(info, data)
    cases[str(huge)] = "labels"
    deep = tmp_path / "deep-header.state"  # 26.6: a header nested 200,000 deep (RecursionError)
    with np.load(base) as d:
        arrays = {k: d[k] for k in d.files if k != "header"}
    with open(deep, "wb") as fh:
        np.savez(fh, **arrays, header=np.frombuffer(("[" * 200_000 + "]" * 200_000).encode(), dtype=np.uint8))
    cases[str(deep)] = "nested too deeply"
    proc = subprocess.run([sys.executable, "-c", FUZZ_RUNNER, *cases], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    results = json.loads(proc.stdout.strip().splitlines()[-1])
    assert len(results) == len(cases) > 100
    wrong = {Path(p).name: results[p][:300] for p, field in cases.items()
             if not (results[p].startswith("error: ") and p in results[p] and field in results[p])}
    assert not wrong, wrong


def test_a_state_never_takes_paths_from_its_header(tmp_path):
    import numpy as np

    from summarize.cluster.stream import StreamClusterer
    from summarize.config import ClusterConfig

    base = _state_file(tmp_path)
    with np.load(base) as d:
        arrays = {k: d[k] for k in d.files}
    header = json.loads(arrays.pop("header").tobytes())
    header["config"]["cache_dir"] = str(tmp_path / "written-by-the-file")
    evil = tmp_path / "evil.state"
    _save(evil, arrays, header)
    stream = StreamClusterer.load(evil, config=ClusterConfig(method="online", signal_weights={"emb": 0}, cache_dir=None))
    assert stream.config.cache_dir is None
