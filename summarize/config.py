"""Configuration dataclasses, one per stage, plus ``RunConfig`` that holds them.

YAML keys match the field names one-to-one; unknown keys are errors that list the valid ones.
``--set key=value`` overrides use dotted paths (``generation.num_beams=2``) or, for the common
top-level keys, the bare name (``summarizer=extractive``, ``model=PATH``).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from summarize.config_schema import from_dict, set_dotted
from summarize.errors import ConfigError
from summarize.furniture import RULES as FURNITURE_RULES

DEFAULT_MODEL = "allenai/PRIMERA-multinews"


@dataclass
class LoadConfig:
    """How input files map onto articles (column names for JSONL/CSV/datasets)."""

    text_field: str = "text"
    """Column holding an article's text (JSONL/CSV of articles)."""
    id_field: str = "id"
    """Column holding an article's or cluster's id; row number when absent."""
    title_field: str = "title"
    source_field: str = "source"
    url_field: str = "url"
    date_field: str = "published_at"
    documents_field: str = "documents"
    """Column holding a cluster's list of documents (shared schema) or a `|||||`-joined string."""
    summary_field: str = "summary"
    """Column holding a gold summary, kept as the cluster's reference."""
    doc_separator: str = "|||||"
    """Separator inside a joined documents string (Multi-News style)."""
    split: str = "validation"
    """Split read from a Hugging Face dataset."""


@dataclass
class CleanConfig:
    """Boilerplate removal, normalisation and de-duplication."""

    default_patterns: bool = True
    """Use the built-in boilerplate patterns (ads, 'Also Read' teasers, share buttons, credits)."""
    extra_patterns: list[str] = field(default_factory=list)
    """More regular expressions; a paragraph matching one (case-insensitive, from its start) is dropped."""
    near_duplicate_threshold: float = 0.8
    """Jaccard similarity of word 5-gram shingles above which a later article is a duplicate."""
    dedupe_sentences: bool = True
    """Drop a sentence repeated inside one article."""
    min_article_words: int = 5
    """Articles with fewer words after cleaning are dropped with a warning."""
    furniture: list[str] = field(default_factory=lambda: list(FURNITURE_RULES))
    """Page-furniture rules in force (summarize/furniture.py): headline, dateline, byline, caption, credit, link,
    publisher_voice, media_reference; ``[]`` for none. Each removal is recorded in the article's metadata
    (``furniture_removed``: what and why)."""
    extra_furniture: list[str] = field(default_factory=list)
    """More regular expressions (case-insensitive, searched in each sentence); a matching sentence is removed."""
    max_article_chars: int = 2_000_000
    """Longer articles are cut to this many characters (at a space), with a warning: one huge input cannot
    stall a batch. Every stage's cost per article is linear in its length up to here (bench/input_scale.py)."""

    def __post_init__(self) -> None:
        if not 0.0 < self.near_duplicate_threshold <= 1.0:
            raise ConfigError("clean.near_duplicate_threshold must be in (0, 1]")
        if self.min_article_words < 0:
            raise ConfigError("clean.min_article_words must be >= 0")
        from summarize.furniture import FurnitureFilter

        FurnitureFilter(self.furniture, self.extra_furniture)  # unknown rules and bad patterns fail here
        if self.max_article_chars < 1000:
            raise ConfigError("clean.max_article_chars must be >= 1000")
        for pattern in self.extra_patterns:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ConfigError(f"clean.extra_patterns: invalid regular expression {pattern!r}: {exc}") from None


MAX_BEAMS = 64  # beyond this, beam search costs memory for no gain a summary shows
MAX_NEW_TOKENS = 16384


@dataclass
class GenerationConfig:
    """Decoding settings, the same for every engine (``hf``: ``model.generate``; ``ctranslate2``)."""

    num_beams: int = 4
    max_new_tokens: int = 256
    min_new_tokens: int = 0
    no_repeat_ngram_size: int = 3
    length_penalty: float = 1.0
    do_sample: bool = False
    """Sample instead of searching (seeded by ``seed``: a re-run gives the same text)."""
    temperature: float = 1.0
    top_k: int = 50
    top_p: float = 1.0
    seed: int = 0
    max_batch_tokens: int | None = None
    """Token budget of one generation batch: inputs are sorted by length and grouped so that the longest
    input x the batch size x beams stays within it (padding only within a batch). Null: 16,384 on a CPU;
    on a GPU, what half of its free memory holds for this model (``summarize.generation.batching``)."""
    max_batch_size: int = 64
    """Most clusters in one generation batch."""
    static_cache: bool = False
    """``hf`` engine: a fixed-size decoder cache (transformers' ``cache_implementation="static"``), with which
    transformers compiles the decode step into CUDA graphs on a GPU (BART, PEGASUS, T5; not LED). Same
    tokens; pays a compilation per batch shape, so it suits long runs."""
    window: int = 64
    """Clusters cleaned, built and generated together (batched across clusters); a batch output is
    written after each window, so an interrupted run loses at most one window."""

    def __post_init__(self) -> None:
        if not 1 <= self.num_beams <= MAX_BEAMS:
            raise ConfigError(f"generation.num_beams must be in [1, {MAX_BEAMS}], got {self.num_beams}")
        if not 1 <= self.max_new_tokens <= MAX_NEW_TOKENS or not 0 <= self.min_new_tokens <= self.max_new_tokens:
            raise ConfigError(f"generation: need 0 <= min_new_tokens <= max_new_tokens <= {MAX_NEW_TOKENS} and "
                              f"max_new_tokens >= 1, got {self.min_new_tokens} and {self.max_new_tokens}")
        if self.no_repeat_ngram_size < 0 or not 0 < self.length_penalty < 100:
            raise ConfigError("generation: need no_repeat_ngram_size >= 0 and 0 < length_penalty < 100")
        if (self.max_batch_tokens is not None and self.max_batch_tokens < 1) or self.max_batch_size < 1 or self.window < 1:
            raise ConfigError("generation: max_batch_tokens (or null), max_batch_size and window must be >= 1")
        if self.temperature <= 0 or not 0 < self.top_p <= 1 or self.top_k < 0:
            raise ConfigError("generation: need temperature > 0, 0 < top_p <= 1, top_k >= 0")


CT2_QUANTIZATIONS = ("auto", "int8", "int8_float16", "int8_float32", "int8_bfloat16", "float16", "bfloat16", "float32")


@dataclass
class CTranslate2Config:
    """The ``ctranslate2`` engine: the checkpoint converted once, cached by its content hash and quantization."""

    quantization: str = "auto"
    """auto (int8 on cpu, int8_float16 on cuda) | int8 | int8_float16 | int8_float32 | float16 | bfloat16 | float32"""
    cache_dir: str = "~/.cache/summarize/ctranslate2"
    """Where converted models are kept: one folder per checkpoint hash and quantization."""
    threads: int = 0
    """CPU threads (0: every core); on a CPU each thread decodes its own batch."""

    def __post_init__(self) -> None:
        if self.quantization not in CT2_QUANTIZATIONS:
            raise ConfigError(f"ctranslate2.quantization must be one of {'|'.join(CT2_QUANTIZATIONS)}, "
                              f"got {self.quantization!r}")
        if self.threads < 0:
            raise ConfigError("ctranslate2.threads must be >= 0")


RUN_PLACEMENT = ("runner", "ray")  # where a run happens, not what it writes


@dataclass
class RayConfig:
    """``runner: ray``: the batch runs as a Ray Data pipeline (summarize/ray_runner.py)."""

    address: str | None = None
    """A running cluster (``ray://host:10001`` or ``auto``); null starts a local one for the run."""
    workers: int = 2
    """Actors that hold the summarizer (and embedder) and write up windows of clusters."""
    num_gpus: float | None = None
    """GPUs per actor; null: 1 where the cluster has GPUs, else 0."""
    cpus_per_worker: float = 1.0

    def __post_init__(self) -> None:
        if self.workers < 1 or self.cpus_per_worker <= 0 or (self.num_gpus is not None and self.num_gpus < 0):
            raise ConfigError("ray: workers >= 1, cpus_per_worker > 0, num_gpus >= 0")


@dataclass
class AttributionConfig:
    """Tracing each summary sentence to its source sentences: one stage, the same for every summarizer."""

    embedder: str = "minilm"
    """minilm (offline all-MiniLM-L6-v2) | tfidf | any sentence-transformers model name or path."""
    threshold: float = 0.6
    """Cosine at which a source sentence counts as evidence (the best match always does)."""
    min_overlap: float = 0.12
    """Content-word (stem) Jaccard overlap a source sentence must also reach to cite its article: a similar
    topic is not support. Set on the dev half of tests/fixtures/citation_labels.jsonl (85 hand-labelled
    citations): precision 0.77 -> 0.85 there, 0.58 -> 0.70 on the other half (recall 0.84). 0: cosine only."""
    max_evidence: int = 3

    def __post_init__(self) -> None:
        if not -1.0 <= self.threshold <= 1.0 or self.max_evidence < 1 or not 0.0 <= self.min_overlap <= 1.0:
            raise ConfigError("attribution: need -1 <= threshold <= 1, 0 <= min_overlap <= 1 and max_evidence >= 1")


@dataclass
class ReadabilityConfig:
    """What makes a summary read well and say where its sources differ (summarize/polish/), each part
    switchable. The one threshold was set on the dev half of tests/fixtures/paraphrase_pairs.jsonl
    (hand-labelled pairs; bench/readability.py reports the test half)."""

    redundancy: bool = True
    """Two sentences that state the same fact are one: the summary keeps the most specific version and
    cites every article that states it."""
    paraphrase_threshold: float = 0.85
    """Same fact when embedding cosine + Jaccard overlap of content-word stems reaches this, and no number
    differs between them (0.85: cosine 0.70 needs 15% of the content words shared)."""
    resolve_references: bool = True
    """Rewrite a pronoun opener whose referent is not the previous sentence's subject ("He" -> "Putin") and a
    bare surname at its first mention ("Putin" -> "Russian President Vladimir Putin"), recorded as edits."""
    order: str = "timeline"
    """timeline (by the articles' publication times where every cited article has one, else source order) |
    source (sentence position, then article order)."""
    discrepancies: bool = True
    """Find where the sources differ (figures, office holders) and carry it in the output."""
    annotate_discrepancies: bool = True
    """In text and Markdown, follow a sentence that states one side of a discrepancy with the other sides."""

    def __post_init__(self) -> None:
        if self.order not in ("timeline", "source"):
            raise ConfigError(f"readability.order must be 'timeline' or 'source', got {self.order!r}")
        if not 0.0 < self.paraphrase_threshold <= 2.0:
            raise ConfigError("readability.paraphrase_threshold must be in (0, 2]")


@dataclass
class AbstractiveConfig:
    """Settings of the seq2seq summarizer (the model name is ``RunConfig.model``)."""

    device: str = "auto"
    """auto (cuda if available, else cpu) | cpu | cuda | cuda:N | mps"""
    dtype: str = "auto"
    """auto (bfloat16 on cuda, float32 on cpu) | float32 | bfloat16 | float16"""
    max_input_tokens: int | None = None
    """Input budget in tokens; default: the model's context length."""
    input_builder: str = "per_doc_budget"
    """How documents become one input: per_doc_budget (every document keeps a share) | concat."""
    doc_separator: str | None = None
    """Separator between documents; default by model family (`<doc-sep>` for LED/PRIMERA)."""
    prefix: str | None = None
    """Text put before the input; default by family (`summarize: ` for T5)."""
    trust_remote_code: bool = False

    def __post_init__(self) -> None:
        if self.dtype not in ("auto", "float32", "bfloat16", "float16"):
            raise ConfigError(f"abstractive.dtype must be auto|float32|bfloat16|float16, got {self.dtype!r}")
        if self.max_input_tokens is not None and not 16 <= self.max_input_tokens <= 1_000_000:
            raise ConfigError("abstractive.max_input_tokens must be in [16, 1000000]")


@dataclass
class ExtractiveConfig:
    """Settings of the extractive (centroid + cross-document support + MMR) summarizer.

    Weights were tuned on a held-out fifth of the Multi-News validation sample
    (bench/tune_extractive.py, bench/results/extractive_tuning.json), never on the test part.
    """

    embedder: str = "minilm"
    """minilm (offline all-MiniLM-L6-v2) | tfidf | any sentence-transformers model name or path."""
    centroid_weight: float = 0.5
    support_weight: float = 1.0
    """Weight of cross-document agreement (sentences many sources say)."""
    position_weight: float = 0.6
    mmr_lambda: float = 0.6
    """Relevance vs. novelty in MMR selection (1.0 = no redundancy penalty)."""
    redundancy_threshold: float = 0.75
    """Candidates this similar to a chosen sentence are skipped."""
    anaphora_penalty: float = 0.0
    """Score subtracted from sentences opening with a pronoun or connective ("He", "But", "Such"):
    out of their context they read as dangling."""
    min_sentence_words: int = 10
    max_sentence_words: int = 60
    max_sentences_per_document: int = 15
    """Sentences of each document that are embedded and scored (its first ones: news puts the essentials
    first). 15 was the best of 10/12/15/20/25/30/400 on the dev fifth of the Multi-News validation sample
    (ROUGE-1 44.52 against 44.48 for 400) and costs 0.09 ROUGE-1 on the other four fifths (45.94 against
    46.03) while embedding a third of the sentences (bench/extractive_sentences.py)."""

    def __post_init__(self) -> None:
        if not 0.0 <= self.mmr_lambda <= 1.0:
            raise ConfigError("extractive.mmr_lambda must be in [0, 1]")
        if not 0.0 < self.redundancy_threshold <= 1.0:
            raise ConfigError(f"extractive.redundancy_threshold must be in (0, 1], got {self.redundancy_threshold}")
        weights = (self.centroid_weight, self.support_weight, self.position_weight, self.anaphora_penalty)
        if any(not 0.0 <= w <= 100.0 for w in weights):
            raise ConfigError("extractive: centroid_weight, support_weight, position_weight and anaphora_penalty "
                              "must be in [0, 100]")
        if self.min_sentence_words < 1 or self.max_sentences_per_document < 1:
            raise ConfigError("extractive: min_sentence_words and max_sentences_per_document must be >= 1")
        if self.min_sentence_words > self.max_sentence_words:
            raise ConfigError("extractive.min_sentence_words must be <= max_sentence_words")


CLUSTER_SIGNALS = {"emb": 1.0, "lex": 1.0, "ent": 1.0}


@dataclass
class ClusterConfig:
    """Grouping articles into events (``summarize cluster``, or ``summarize run`` with ``enabled``)."""

    enabled: bool = False
    """In `summarize run`: cluster loose articles into events and summarize each event."""
    method: str = "agglomerative"
    """agglomerative (average linkage, distance threshold) | hdbscan | online (streams)."""
    threshold: float = 0.72
    """Event similarity (0-1) at which articles join: the average-linkage cut and the online join
    level. Chosen on the dev fifth of the pooled Multi-News benchmark (bench/clustering.py)."""
    signal_weights: dict[str, float] = field(default_factory=lambda: dict(CLUSTER_SIGNALS))
    """Weight of each signal in the event similarity: emb (embedding of the title and lead), lex (TF-IDF
    of the whole text), ent (TF-IDF of names). A key left out keeps weight 1; emb: 0 embeds nothing (no
    model needed). bench/clustering.py --ablation compares them."""
    linkage: str = "average"
    """Agglomerative linkage: average | complete | single | weighted."""
    embedder: str = "minilm"
    """minilm (offline all-MiniLM-L6-v2) | tfidf | any sentence-transformers model name or path."""
    embed_words: int = 64
    """Words of each article (after its title) that are embedded."""
    cache_dir: str | None = "~/.cache/summarize/embeddings"
    """On-disk embedding cache (keyed by model and text hash); null turns it off."""
    min_words: int = 20
    """Articles with fewer words after cleaning are rejected (reported, not forced into an event)."""
    window_days: float | None = 3.0
    """Online: an article joins only clusters with a member this close in time (when dates are known)."""
    min_cluster_size: int = 2
    """HDBSCAN's smallest cluster; smaller groups become singletons."""
    block_size: int = 2048
    """Rows per block when building the similarity matrix (memory vs. speed)."""
    index: str = "auto"
    """exact (every pair compared: n x n similarity, memory grows with n^2; the reference) | ann (a
    nearest-neighbour index proposes candidate pairs, the three signals are computed for those only, and
    average linkage runs on that sparse graph: memory linear in n) | auto (ann from ``ann_above`` articles).
    HDBSCAN always compares every pair."""
    ann_above: int = 5000
    """With index=auto: the article count from which the ann path is taken (bench/scale.py)."""
    ann_backend: str = "faiss"
    """The nearest-neighbour index: faiss (HNSW, faiss-cpu) | usearch (HNSW); `pip install "summarize[scale]"`."""
    neighbours: int = 50
    """ann: candidate pairs per article (its nearest by embedding; rare shared names add more, and the
    groups that can become events get every pair: summarize/cluster/graph.py)."""
    background_sample: int = 1000
    """ann: articles each article's similarity background is estimated against (a fixed random sample;
    all of them when there are fewer)."""

    def __post_init__(self) -> None:
        if self.index not in ("auto", "exact", "ann"):
            raise ConfigError(f"cluster.index must be auto|exact|ann, got {self.index!r}")
        if self.ann_backend not in ("faiss", "usearch"):
            raise ConfigError(f"cluster.ann_backend must be faiss|usearch, got {self.ann_backend!r}")
        if self.neighbours < 1 or self.background_sample < 10 or self.ann_above < 2:
            raise ConfigError("cluster: neighbours >= 1, background_sample >= 10, ann_above >= 2")
        if self.method not in ("agglomerative", "hdbscan", "online"):
            raise ConfigError(f"cluster.method must be agglomerative|hdbscan|online, got {self.method!r}")
        if not 0.0 < self.threshold < 1.0:
            raise ConfigError("cluster.threshold must be in (0, 1)")
        if self.min_cluster_size < 2 or self.embed_words < 1 or self.block_size < 1:
            raise ConfigError("cluster: min_cluster_size >= 2, embed_words >= 1, block_size >= 1")
        unknown = sorted(set(self.signal_weights) - set(CLUSTER_SIGNALS))
        if unknown:
            raise ConfigError(f"cluster.signal_weights: unknown signal {unknown[0]!r} (signals: emb, lex, ent)")
        self.signal_weights = {**CLUSTER_SIGNALS, **{k: float(v) for k, v in self.signal_weights.items()}}
        if any(w < 0 for w in self.signal_weights.values()) or not sum(self.signal_weights.values()) > 0:
            raise ConfigError("cluster.signal_weights: weights must be >= 0 with at least one > 0")
        if self.linkage not in ("average", "complete", "single", "weighted"):
            raise ConfigError(f"cluster.linkage must be average|complete|single|weighted, got {self.linkage!r}")


@dataclass
class RunConfig:
    """Everything ``summarize run`` needs; one YAML file in ``configs/run/`` per variant."""

    summarizer: str = "abstractive"
    """abstractive | extractive | lead (see `summarize ls`)."""
    engine: str = "hf"
    """What runs the abstractive model: hf (transformers) | ctranslate2 (BART, PEGASUS, T5; see `summarize ls`)."""
    model: str = DEFAULT_MODEL
    """Hub name or local path of any AutoModelForSeq2SeqLM checkpoint."""
    fallback: str = "auto"
    """When the model cannot be loaded: auto (fall back to extractive, with a warning, only for the default
    model; a model you named is an error) | extractive (always fall back, with a warning) | error."""
    max_words: int = 200
    """Word budget of extractive and lead summaries."""
    runner: str = "local"
    """local (this process, or -n processes) | ray (a Ray Data pipeline on a local or remote Ray cluster:
    `pip install "summarize[ray]"`; settings in ``ray``)."""
    load: LoadConfig = field(default_factory=LoadConfig)
    clean: CleanConfig = field(default_factory=CleanConfig)
    generation: GenerationConfig = field(default_factory=GenerationConfig)
    abstractive: AbstractiveConfig = field(default_factory=AbstractiveConfig)
    extractive: ExtractiveConfig = field(default_factory=ExtractiveConfig)
    cluster: ClusterConfig = field(default_factory=ClusterConfig)
    ctranslate2: CTranslate2Config = field(default_factory=CTranslate2Config)
    attribution: AttributionConfig = field(default_factory=AttributionConfig)
    readability: ReadabilityConfig = field(default_factory=ReadabilityConfig)
    ray: RayConfig = field(default_factory=RayConfig)

    def __post_init__(self) -> None:
        if self.runner not in ("local", "ray"):
            raise ConfigError(f"runner must be 'local' or 'ray', got {self.runner!r}")
        if self.fallback not in ("auto", "extractive", "error"):
            raise ConfigError(f"fallback must be 'auto', 'extractive' or 'error', got {self.fallback!r}")
        if not 1 <= self.max_words <= 100_000:
            raise ConfigError(f"max_words must be in [1, 100000], got {self.max_words}")

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def hash(self) -> str:
        """A short stable hash of every setting that shapes the output, recorded in outputs: where the run
        happens (``runner``, ``ray``) is left out, so a Ray run and a local one write the same rows.

        Example:
            >>> RunConfig().hash() == RunConfig().hash() == RunConfig(runner="ray").hash()
            True
        """
        settings = {k: v for k, v in self.to_dict().items() if k not in RUN_PLACEMENT}
        blob = json.dumps(settings, sort_keys=True).encode()
        return hashlib.sha256(blob).hexdigest()[:12]


def load_config(path: str | Path | None = None, overrides: list[str] | tuple[str, ...] = ()) -> RunConfig:
    """Read a YAML file (or the defaults) and apply ``key=value`` overrides.

    Example:
        >>> load_config(overrides=["summarizer=extractive", "generation.num_beams=2"]).generation.num_beams
        2
    """
    data, where = read_yaml(path, overrides)
    return check_names(from_dict(RunConfig, data, where=where), where)


def config_from_dict(data: dict[str, Any]) -> RunConfig:
    """A ``RunConfig`` from its ``to_dict()`` form (how a config travels to another process).

    Example:
        >>> config_from_dict(RunConfig(max_words=90).to_dict()).max_words
        90
    """
    return check_names(from_dict(RunConfig, data, where="config"))


def check_names(config: RunConfig, where: str = "config") -> RunConfig:
    """``config`` when every registry name in it (summarizer, engine, input builder) is registered;
    else a ``ConfigError`` naming the key and listing the valid names.

    Example:
        >>> check_names(RunConfig(engine="bar"))
        Traceback (most recent call last):
        ...
        summarize.errors.ConfigError: config: engine: unknown engine 'bar'; choose one of: ctranslate2, hf
    """
    from summarize.registry import ENGINES, INPUT_BUILDERS, SUMMARIZERS  # declared names: no implementation imported

    for key, registry, name in (("summarizer", SUMMARIZERS, config.summarizer), ("engine", ENGINES, config.engine),
                                ("abstractive.input_builder", INPUT_BUILDERS, config.abstractive.input_builder)):
        try:
            registry.check(name)
        except ConfigError as exc:
            raise ConfigError(f"{where}: {key}: {exc}") from None
    return config


def refuse_aliases(text: str, where: str | Path) -> None:
    """A config may not use YAML aliases (``*name``): a few hundred bytes of nested aliases expand to
    gigabytes (the "billion laughs"), and no config needs them.

    Example:
        >>> refuse_aliases("a: &x [1]\\nb: *x\\n", "c.yaml")
        Traceback (most recent call last):
        ...
        summarize.errors.ConfigError: c.yaml: YAML aliases (*x) are not allowed in configs; write the value out
    """
    import yaml

    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.AliasEvent):
            raise ConfigError(f"{where}: YAML aliases (*{event.anchor}) are not allowed in configs; write the value out")


def read_yaml(path: str | Path | None, overrides: list[str] | tuple[str, ...] = ()) -> tuple[dict[str, Any], str]:
    """The mapping in a YAML file (empty without one) with ``key=value`` overrides applied, and the name
    errors should give (the file, else "config")."""
    import yaml

    data: dict[str, Any] = {}
    where = "config"
    if path is not None:
        p = Path(path)
        where = str(p)
        if not p.is_file():
            raise ConfigError(f"config file not found: {p}")
        text = p.read_text(encoding="utf-8")
        try:
            refuse_aliases(text, p)
            loaded = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise ConfigError(f"{p}: invalid YAML: {exc}") from exc
        if loaded is not None and not isinstance(loaded, dict):
            raise ConfigError(f"{p}: the top level must be a mapping of config keys")
        data = loaded or {}
    for item in overrides:
        if "=" not in item:
            raise ConfigError(f"--set expects key=value, got {item!r}")
        key, raw = item.split("=", 1)
        if raw.strip():
            refuse_aliases(raw, f"--set {key.strip()}")
        set_dotted(data, key.strip(), yaml.safe_load(raw) if raw.strip() else "")
    return data, where
