"""Shared fixtures: the bundled example, ../shared data, and tiny seq2seq models built from configs.

Tiny models are saved with ``save_pretrained`` and loaded back by path through ``load_model``, the
same code a hub name takes.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "putin-north-korea"
SHARED = Path(os.environ.get("SUMMARIZE_SHARED", ROOT.parent / "shared"))

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


@pytest.fixture(scope="session")
def example_dir() -> Path:
    return EXAMPLE


@pytest.fixture(scope="session")
def shared_data() -> Path:
    data = SHARED / "data"
    if not (data / "multinews_validation.jsonl").is_file():
        pytest.skip(f"shared data not found at {data} (set SUMMARIZE_SHARED to the folder holding data/)")
    return data


@pytest.fixture(scope="session")
def tiny_tokenizer_dir(tmp_path_factory) -> Path:
    """A WordPiece tokenizer (vocab 600) trained on the example articles, with <doc-sep>.

    WordPiece (not byte-level BPE) so that a random model's tokens decode to readable word pieces.
    """
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, processors, trainers
    from transformers import PreTrainedTokenizerFast

    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLE.glob("*.txt"))]
    specials = ["<pad>", "<s>", "</s>", "<unk>", "<doc-sep>"]
    tok = Tokenizer(models.WordPiece(unk_token="<unk>"))
    tok.pre_tokenizer = pre_tokenizers.Whitespace()
    tok.decoder = decoders.WordPiece()
    tok.train_from_iterator(texts, trainers.WordPieceTrainer(vocab_size=600, special_tokens=specials))
    tok.post_processor = processors.TemplateProcessing(
        single="<s> $A </s>", special_tokens=[("<s>", tok.token_to_id("<s>")), ("</s>", tok.token_to_id("</s>"))]
    )
    fast = PreTrainedTokenizerFast(
        tokenizer_object=tok, bos_token="<s>", eos_token="</s>", pad_token="<pad>", unk_token="<unk>",
        additional_special_tokens=["<doc-sep>"], model_max_length=256,
    )
    out = tmp_path_factory.mktemp("tokenizer")
    fast.save_pretrained(out)
    return out


def _tiny_config(family: str, vocab: int, ids: dict):
    from transformers import BartConfig, LEDConfig, PegasusConfig, T5Config

    common = dict(vocab_size=vocab, pad_token_id=ids["pad"], eos_token_id=ids["eos"])
    if family == "t5":
        return T5Config(d_model=16, d_kv=8, d_ff=32, num_layers=1, num_decoder_layers=1, num_heads=2,
                        decoder_start_token_id=ids["pad"], **common)
    small = dict(d_model=16, encoder_layers=1, decoder_layers=1, encoder_attention_heads=2, decoder_attention_heads=2,
                 encoder_ffn_dim=32, decoder_ffn_dim=32, bos_token_id=ids["bos"],
                 decoder_start_token_id=ids["eos"] if family != "pegasus" else ids["pad"], **common)
    if family == "bart":
        return BartConfig(max_position_embeddings=256, **small)
    if family == "pegasus":
        return PegasusConfig(max_position_embeddings=256, **small)
    if family == "led":
        return LEDConfig(max_encoder_position_embeddings=512, max_decoder_position_embeddings=128,
                         attention_window=[16], **small)
    raise ValueError(family)


@pytest.fixture(scope="session")
def tiny_model_dir(tmp_path_factory, tiny_tokenizer_dir):
    """Factory: ``tiny_model_dir("bart")`` -> folder with a saved random tiny model and the tokenizer."""
    import torch
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

    cache: dict[str, Path] = {}

    def make(family: str) -> Path:
        if family not in cache:
            tok = AutoTokenizer.from_pretrained(tiny_tokenizer_dir)
            ids = {"pad": tok.pad_token_id, "eos": tok.eos_token_id, "bos": tok.bos_token_id}
            torch.manual_seed(0)
            model = AutoModelForSeq2SeqLM.from_config(_tiny_config(family, len(tok), ids))
            out = tmp_path_factory.mktemp(f"tiny-{family}")
            model.save_pretrained(out)
            tok.save_pretrained(out)
            cache[family] = out
        return cache[family]

    return make


@pytest.fixture(scope="session")
def tiny_nli_dir(tmp_path_factory, tiny_tokenizer_dir):
    """A saved random tiny BERT sequence classifier with MNLI labels (entailment/neutral/contradiction)."""
    import torch
    from transformers import AutoTokenizer, BertConfig, BertForSequenceClassification

    tok = AutoTokenizer.from_pretrained(tiny_tokenizer_dir)
    torch.manual_seed(0)
    config = BertConfig(vocab_size=len(tok), hidden_size=16, num_hidden_layers=1, num_attention_heads=2,
                        intermediate_size=32, max_position_embeddings=512, pad_token_id=tok.pad_token_id,
                        num_labels=3, id2label={0: "ENTAILMENT", 1: "NEUTRAL", 2: "CONTRADICTION"},
                        label2id={"ENTAILMENT": 0, "NEUTRAL": 1, "CONTRADICTION": 2})
    out = tmp_path_factory.mktemp("tiny-nli")
    BertForSequenceClassification(config).save_pretrained(out)
    tok.save_pretrained(out)
    return out


CHECKPOINTS = ROOT / "tests" / "fixtures" / "checkpoints"
TOKENIZER_OF = {"bart": "bart", "pegasus": "pegasus", "t5": "t5", "led": "led"}


def real_config(name: str, layers: int | None = None):
    """The real configuration of checkpoint ``name`` (tests/fixtures/checkpoints/NAME.json); with
    ``layers``, every stack cut to that depth (widths, vocabulary, positions and ids unchanged)."""
    import json

    from transformers import AutoConfig

    data = json.loads((CHECKPOINTS / f"{name}.json").read_text())
    if layers is not None:
        for key in ("encoder_layers", "decoder_layers", "num_layers", "num_decoder_layers"):
            if key in data:
                data[key] = layers
        if "attention_window" in data:
            data["attention_window"] = data["attention_window"][:layers]
    return AutoConfig.for_model(**data)


def real_tokenizer(model_type: str):
    """The family's real tokenizer from ../shared/tokenizers (PRIMERA: BART's plus <doc-sep>, 4,096 tokens)."""
    from transformers import AutoTokenizer

    folder = SHARED / "tokenizers" / TOKENIZER_OF[model_type]
    if not (folder / "tokenizer.json").is_file():
        pytest.skip(f"real tokenizer files not found at {folder} (set SUMMARIZE_SHARED to the folder holding tokenizers/)")
    tok = AutoTokenizer.from_pretrained(folder)
    if model_type == "led":
        tok.add_special_tokens({"additional_special_tokens": ["<doc-sep>"]})
        tok.model_max_length = 4096
    return tok


@pytest.fixture(scope="session")
def real_checkpoint(tmp_path_factory):
    """Factory: ``real_checkpoint("bart-large-cnn", layers=1)`` -> a saved random-weight model of that
    real configuration (optionally cut in depth) with the family's real tokenizer."""
    import torch
    from transformers import AutoModelForSeq2SeqLM

    cache: dict = {}

    def make(name: str, layers: int | None = None) -> Path:
        if (name, layers) not in cache:
            config = real_config(name, layers)
            tok = real_tokenizer(config.model_type)
            torch.manual_seed(0)
            model = AutoModelForSeq2SeqLM.from_config(config)
            forced = json_field(name, "forced_bos_token_id")
            if forced is not None:  # transformers 5 keeps it in the generation config
                model.generation_config.forced_bos_token_id = forced
            out = tmp_path_factory.mktemp(f"{name}-{layers or 'full'}")
            model.save_pretrained(out)
            tok.save_pretrained(out)
            cache[(name, layers)] = out
        return cache[(name, layers)]

    return make


def json_field(name: str, key: str):
    import json

    return json.loads((CHECKPOINTS / f"{name}.json").read_text()).get(key)


def modules_loaded_by(statements: str, prefix: str) -> list[str]:
    """The modules named ``prefix...`` a fresh Python process has loaded after running ``statements``: how a
    test shows that a path does not import a heavy package."""
    import ast
    import subprocess
    import sys

    code = f"import sys\n{statements}\nprint(sorted(m for m in sys.modules if m.startswith({prefix!r})))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    return ast.literal_eval(out.stdout.strip().splitlines()[-1])  # the list printed last

