"""Writes the research notebooks (source cells only); `execute.py` runs them and saves their outputs.

Kept as code so a change to a notebook is a reviewable diff: edit here, run both scripts.
"""

from pathlib import Path

import nbformat as nbf

HERE = Path(__file__).resolve().parents[1]
QUIET = '''import os
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")  # no weight-loading progress bars in the outputs
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
import warnings
warnings.filterwarnings("ignore", category=FutureWarning)
warnings.filterwarnings("ignore", message="IProgress not found")  # tqdm in a kernel without ipywidgets
import matplotlib.pyplot as plt
import pandas as pd
pd.set_option("display.max_colwidth", 90)
import summarize as sm'''


def md(text):
    return nbf.v4.new_markdown_cell(text.strip())


def code(text):
    return nbf.v4.new_code_cell(text.strip())


NOTEBOOKS = {
    "01_quick_tour": [
        md("""# Quick tour of `summarize`

Load the bundled example (five articles on Putin's visit to North Korea), summarize it offline, trace each
sentence to its sources (as a table), list where the sources disagree, score the summary against its
sources and group a mixed pile of articles into events. All logic lives in the library; this notebook
only calls it."""),
        code(QUIET + '''

articles = sm.load_articles(["../examples/putin-north-korea"])
config = sm.load_config(overrides=["summarizer=extractive", "max_words=150"])
summary = sm.summarize(articles, config)
print(summary.text)'''),
        md("Every summary sentence with the articles it draws on and its best source sentence:"),
        code('''table = pd.DataFrame([
    {"sentence": s.text, "sources": ", ".join(s.sources),
     "best evidence": f"[{s.evidence[0].article_id} #{s.evidence[0].sentence_index}, sim {s.evidence[0].score:.2f}] "
                      f"{s.evidence[0].text}"}
    for s in summary.sentences
])
table'''),
        md("Where the sources differ (figures stated differently by different outlets), shown, not judged:"),
        code('''from summarize.clean import clean_cluster
from summarize.text.conflicts import find_discrepancies

cluster = clean_cluster(sm.load_clusters(["../examples/putin-north-korea"])[0])
pd.DataFrame([{"kind": d.kind, "about": d.key, "value": s.value, "articles": ", ".join(s.article_ids),
               "context": ", ".join(s.qualifiers + s.time_frames)}
              for d in find_discrepancies(cluster.articles) for s in d.sides])'''),
        md("Score the summary against its sources: each sentence gets a label (supported / unsupported / "
           "conflicting) with the evidence; `summarize evaluate` writes the same as `metrics.json` and an HTML report."),
        code('''from summarize.evaluation import evaluate
from summarize.embed import get_embedder

ev = evaluate({"example": summary.text}, sources={"example": cluster.articles}, embedder=get_embedder("tfidf"))
print({k: round(v, 3) for k, v in ev.corpus.items()}, ev.labels)
pd.DataFrame([{"label": s["label"], "score": round(s["score"], 2), "sentence": s["text"]}
              for s in ev.details["example"]["sentences"]])'''),
        code('''from summarize.cluster import cluster_articles

result = cluster_articles(articles)
pd.DataFrame([{"event": c.id, "label": c.label, "articles": len(c.articles)} for c in result.clusters])'''),
    ],
    "02_compare_systems": [
        md("""# Compare two systems on Multi-News

Summarize a slice of the shared Multi-News validation sample with two offline systems (`lead` and
`extractive`), score both against the references (ROUGE) and the sources (factual consistency), test
whether the difference is more than noise (paired bootstrap), plot the per-cluster scores and read the
examples where the systems differ most. Swap in `summarizer=abstractive` and `model=PATH` to compare a
fine-tuned model.

The data lives in `../../shared/data` (set `SUMMARIZE_SHARED` to the folder holding `data/` if it is elsewhere)."""),
        code(QUIET + '''
from pathlib import Path

shared = Path(os.environ.get("SUMMARIZE_SHARED", "../../shared")) / "data" / "multinews_validation.jsonl"
if not shared.is_file():
    raise FileNotFoundError(f"{shared} not found: set SUMMARIZE_SHARED to the folder holding data/")
clusters = sm.load_clusters([str(shared)])[:12]
print(len(clusters), "clusters,", sum(len(c.articles) for c in clusters), "articles")'''),
        code('''systems = {}
with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # cleaning notes (scraping notices dropped) are not the point here
    for name in ("lead", "extractive"):
        config = sm.load_config(overrides=[f"summarizer={name}", "max_words=200"])
        systems[name] = {s.cluster_id: s for s in sm.summarize_clusters(clusters, config)}
print({name: round(sum(s.word_count for s in out.values()) / len(out)) for name, out in systems.items()}, "words")'''),
        md("ROUGE against each cluster's reference, factual consistency against its (cleaned) articles. The same "
           "scores as `summarize evaluate preds.jsonl -r refs.jsonl`."),
        code('''from summarize.clean import clean_cluster
from summarize.embed import get_embedder
from summarize.evaluation import evaluate

references = {c.id: [c.reference] for c in clusters}
embedder = get_embedder("minilm")
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    sources = {c.id: clean_cluster(c).articles for c in clusters}
    evals = {name: evaluate({i: s.text for i, s in out.items()}, references, sources, embedder=embedder)
             for name, out in systems.items()}
keys = ["rouge1", "rouge2", "rougeLsum", "factuality"]
pd.DataFrame({name: {k: f"{100 * ev.corpus[k]:.2f} [{100 * ev.ci95[k][0]:.2f}, {100 * ev.ci95[k][1]:.2f}]"
                     for k in keys} for name, ev in evals.items()}).T'''),
        md("Is `extractive` better than `lead` on these clusters, or is it noise? The paired bootstrap resamples "
           "the clusters (each scored by both systems) and counts how often the difference vanishes."),
        code('''from summarize.metrics import paired_bootstrap

per = {name: {row["id"]: row for row in ev.per_example} for name, ev in evals.items()}
ids = sorted(per["lead"])
pvalues = {k: paired_bootstrap([per["extractive"][i][k] for i in ids], [per["lead"][i][k] for i in ids])
           for k in ("rouge1", "rouge2", "rougeLsum", "factuality")}
print({k: round(p, 3) for k, p in pvalues.items()}, "(one-sided p: extractive not better than lead)")'''),
        md("Each cluster as a point: lead's score on x, extractive's on y; above the diagonal, extractive wins."),
        code('''fig, axes = plt.subplots(1, 2, figsize=(10, 4.5))
for ax, key in zip(axes, ("rougeLsum", "factuality")):
    x = [100 * per["lead"][i][key] for i in ids]
    y = [100 * per["extractive"][i][key] for i in ids]
    ax.scatter(x, y)
    lo, hi = min(x + y) - 2, max(x + y) + 2
    ax.plot([lo, hi], [lo, hi], color="grey", linestyle="--", linewidth=1)
    ax.set(xlabel=f"lead {key}", ylabel=f"extractive {key}", title=f"{key}: paired bootstrap p " + (f"= {pvalues[key]:.3f}" if pvalues[key] >= 0.001 else "< 0.001"))
fig.tight_layout()
plt.close(fig)  # shown once, as the cell's value
fig'''),
        md("Where the two systems differ most (ROUGE-Lsum): the reference's first words, then each system's, to "
           "read what the score rewards."),
        code('''gaps = sorted(ids, key=lambda i: per["extractive"][i]["rougeLsum"] - per["lead"][i]["rougeLsum"])
for i in (gaps[0], gaps[-1]):
    print(f"== {i}: extractive {per['extractive'][i]['rougeLsum']:.3f} vs lead {per['lead'][i]['rougeLsum']:.3f}")
    print("reference: ", " ".join(references[i][0].split()[:40]), "...")
    for name in systems:
        print(f"{name + ':':<11}", " ".join(systems[name][i].text.split()[:40]), "...")'''),
    ],
    "03_cluster_events": [
        md("""# Events in a pile of articles: the pooled Multi-News validation set

Pool the articles of the 250 Multi-News validation clusters (each cluster is one gold event), let
`summarize` group them into events without knowing the clusters, score the grouping (B-cubed, ARI,
NMI), draw the articles' embeddings in 2-D coloured by the event found, and read the gold event the
grouping splits worst. `bench/clustering.py` is the full benchmark."""),
        code(QUIET + '''
from pathlib import Path

shared = Path(os.environ.get("SUMMARIZE_SHARED", "../../shared")) / "data" / "multinews_validation.jsonl"
if not shared.is_file():
    raise FileNotFoundError(f"{shared} not found: set SUMMARIZE_SHARED to the folder holding data/")
gold_clusters = sm.load_clusters([str(shared)])
articles = [a for c in gold_clusters for a in c.articles]
gold = {a.id: c.id for c in gold_clusters for a in c.articles}
print(len(articles), "articles in", len(gold_clusters), "gold events")'''),
        code('''from summarize.cluster import cluster_articles, cluster_scores

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # scraping notices rejected by cleaning are listed in result.rejected
    result = cluster_articles(articles)
found = result.labels()
scores = cluster_scores(found, gold)  # every article, as bench/clustering.py and the README score it
kept_only = cluster_scores(found, {k: v for k, v in gold.items() if k in found})
print(len(result.clusters), "events found,", len(result.rejected), "articles rejected (junk after cleaning).")
print(f"B-cubed F1 {scores['bcubed_f1']:.3f} over all {len(gold)} articles (a rejected article counts as an event "
      f"of its own: the README's figure); {kept_only['bcubed_f1']:.3f} over the {len(found)} kept ones")
pd.DataFrame({"all articles": scores, "kept articles": kept_only}).round(3)'''),
        md("The map: each article's MiniLM embedding (title and lead, as clustering embeds it) projected to 2-D "
           "with PCA; the 12 largest events found are coloured, the rest grey."),
        code('''from sklearn.decomposition import PCA
from summarize.embed import get_embedder

kept = [a for a in articles if a.id in found]
vectors = get_embedder("minilm").encode([" ".join(((a.title or "") + " " + a.text).split()[:64]) for a in kept])
xy = PCA(n_components=2, random_state=0).fit_transform(vectors)
largest = [c.id for c in result.clusters[:12]]
fig, ax = plt.subplots(figsize=(9, 7))
rest = [i for i, a in enumerate(kept) if found[a.id] not in largest]
ax.scatter(xy[rest, 0], xy[rest, 1], s=8, color="lightgrey", label="other events")
for n, event in enumerate(largest):
    idx = [i for i, a in enumerate(kept) if found[a.id] == event]
    ax.scatter(xy[idx, 0], xy[idx, 1], s=24, color=plt.cm.tab20(n), label=f"{event} ({len(idx)})")
ax.set(title=f"{len(kept)} articles, {len(result.clusters)} events found; B-cubed F1 {scores['bcubed_f1']:.3f}",
       xlabel="PC 1", ylabel="PC 2")
ax.legend(fontsize=7, loc="best")
plt.close(fig)
fig'''),
        md("The gold event split across the most events found, with each article's event and opening words:"),
        code('''from collections import defaultdict

pieces = defaultdict(set)
for article_id, event in found.items():
    pieces[gold[article_id]].add(event)
worst = max(pieces, key=lambda g: (len(pieces[g]), g))
by_id = {a.id: a for a in articles}
print(f"gold event {worst}: split into {len(pieces[worst])} events")
pd.DataFrame([{"article": a, "event found": found[a], "opening": " ".join(by_id[a].text.split()[:25])}
              for a in sorted(found) if gold[a] == worst])'''),
    ],
    "04_finetune_tiny": [
        md("""# Fine-tuning, end to end, on a tiny model

`training/finetune.py` is the recipe `summarize train` runs. Here it trains a tiny BART (built from a
config, random weights, a word-piece tokenizer trained on the bundled example) on 24 examples made from
the bundled articles, on the CPU in seconds, and we plot its loss curve from `metrics.json`. The same
YAML drives a real run: the last cell shows the commands for one GPU and for four."""),
        code(QUIET + '''
import json
import tempfile
from pathlib import Path

import torch
from tokenizers import Tokenizer, decoders, models, pre_tokenizers, processors, trainers
from transformers import AutoModelForSeq2SeqLM, BartConfig, PreTrainedTokenizerFast

work = Path(tempfile.mkdtemp(prefix="finetune-tour-"))
texts = [p.read_text(encoding="utf-8") for p in sorted(Path("../examples/putin-north-korea").glob("0*.txt"))]
tok = Tokenizer(models.WordPiece(unk_token="<unk>"))
tok.pre_tokenizer, tok.decoder = pre_tokenizers.Whitespace(), decoders.WordPiece()
tok.train_from_iterator(texts, trainers.WordPieceTrainer(vocab_size=800, special_tokens=["<pad>", "<s>", "</s>", "<unk>"]))
tok.post_processor = processors.TemplateProcessing(
    single="<s> $A </s>", special_tokens=[("<s>", tok.token_to_id("<s>")), ("</s>", tok.token_to_id("</s>"))])
tokenizer = PreTrainedTokenizerFast(tokenizer_object=tok, bos_token="<s>", eos_token="</s>", pad_token="<pad>",
                                    unk_token="<unk>", model_max_length=256)
torch.manual_seed(0)
model = AutoModelForSeq2SeqLM.from_config(BartConfig(
    vocab_size=len(tokenizer), d_model=32, encoder_layers=1, decoder_layers=1, encoder_attention_heads=2,
    decoder_attention_heads=2, encoder_ffn_dim=64, decoder_ffn_dim=64, max_position_embeddings=256,
    pad_token_id=tokenizer.pad_token_id, bos_token_id=tokenizer.bos_token_id, eos_token_id=tokenizer.eos_token_id,
    decoder_start_token_id=tokenizer.eos_token_id))
model.save_pretrained(work / "tiny-bart")
tokenizer.save_pretrained(work / "tiny-bart")
print("tiny model:", sum(p.numel() for p in model.parameters()), "parameters")'''),
        md("Training data in the shared schema: each example is two of the articles' paragraphs and, as its "
           "reference, the first sentence of the first one."),
        code('''from summarize.text.sentences import split_sentences

paragraphs = [p for t in texts for p in t.split("\\n\\n") if len(p.split()) > 25]
rows = [{"id": f"ex{i}", "documents": [paragraphs[i], paragraphs[(i + 7) % len(paragraphs)]],
         "summary": split_sentences(paragraphs[i])[0]} for i in range(24)]
(work / "train.jsonl").write_text("".join(json.dumps(r) + "\\n" for r in rows))
(work / "valid.jsonl").write_text("".join(json.dumps(r) + "\\n" for r in rows[:4]))
len(rows), rows[0]["summary"]'''),
        code('''from summarize import recipes
from summarize.config.train import load_train_config

config = Path("../configs/train/bart-base/multinews.yaml").resolve()
overrides = [f"model={work / 'tiny-bart'}", f"train_file={work / 'train.jsonl'}",
             f"validation_file={work / 'valid.jsonl'}", f"output_dir={work / 'run'}", "max_steps=60",
             "batch_size=4", "learning_rate=0.003", "log_every=5", "eval_every=30", "save_every=30",
             "warmup_steps=0", "abstractive.max_input_tokens=128", "max_target_tokens=32",
             "generation.num_beams=1", "generation.max_new_tokens=24", "preprocess_workers=1",
             ]  # the YAML names the hub dataset's 'document' column; the shared schema's 'documents' is read too
problems = recipes.preflight(load_train_config(config, overrides))  # what `summarize train` checks first
assert not problems, problems
code = recipes.run_recipe(config, overrides)
assert code == 0, "the recipe failed: see its message above"
print("exit code", code, "| files:", sorted(p.name for p in (work / "run").iterdir()))'''),
        code('''log = [json.loads(line) for line in (work / "run" / "metrics.jsonl").read_text().splitlines()]
losses = [(row["step"], row["loss"]) for row in log if "loss" in row]
evals = [(row["step"], row["validation_rougeLsum"]) for row in log if "validation_rougeLsum" in row]
fig, ax = plt.subplots(figsize=(7, 4))
ax.plot(*zip(*losses), marker="o", label="training loss")
ax.set(xlabel="optimizer step", ylabel="cross-entropy", title="tiny BART on 24 examples (CPU)")
ax.legend()
plt.close(fig)
fig'''),
        md("The fine-tuned model runs through `summarize run` like any checkpoint:"),
        code('''with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    out = sm.summarize(sm.load_articles(["../examples/putin-north-korea"]), sm.load_config(overrides=[
        f"model={work / 'run' / 'final'}", "abstractive.device=cpu", "generation.num_beams=1",
        "generation.min_new_tokens=12", "generation.max_new_tokens=24", "abstractive.max_input_tokens=128"]))
print(out.run.method, "|", out.text[:200])  # a 64k-parameter model after 60 steps on 24 examples: words, not sense'''),
        md("The same YAML on GPUs: one GPU with bf16, or data-parallel on four (the command `summarize train` "
           "runs; add `--dry-run` to check first). The schedule scales with the process count and each "
           "process saves its own RNG state, so a resumed 4-GPU run ends with the weights of an uninterrupted one."),
        code('''import shlex

one_gpu = recipes.launch_command(config, ["output_dir=runs/bart-base-multinews"],
                                 accelerate_config=Path("../configs/accelerate/1gpu-bf16.yaml"), python="python")
four_gpus = recipes.launch_command(config, ["output_dir=runs/bart-base-multinews"], num_processes=4, python="python")
repo = str(Path.cwd().parent) + "/"  # paths as they read from the repository root, not this machine's
print("summarize train", config.name, "--accelerate-config configs/accelerate/1gpu-bf16.yaml\\n  runs:",
      shlex.join(one_gpu).replace(repo, "").replace("../", ""))
print("summarize train", config.name, "-n 4\\n  runs:", shlex.join(four_gpus).replace(repo, ""))'''),
    ],
}


def main() -> None:
    for name, cells in NOTEBOOKS.items():
        nb = nbf.v4.new_notebook()
        nb.cells = cells
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        nbf.write(nb, HERE / f"{name}.ipynb")
        print("wrote", HERE / f"{name}.ipynb")


if __name__ == "__main__":
    main()
