"""Abstractive generation speed: our engines against what users write, on the same built inputs.

Random-weight models of real shapes (tests/fixtures/checkpoints: bart-base, distilbart-cnn-12-6 on CPU;
bart-large-cnn and PRIMERA on a GPU) with BART's real tokenizer, Multi-News validation clusters cleaned
and built by the pipeline (per_doc_budget, 1,024 tokens). Greedy decoding with fixed output lengths
(min_new_tokens = max_new_tokens), so that random weights time fairly. Systems, run interleaved and
repeated (each round in a rotated order; ratios are taken within a round):

  loop     (a) the per-cluster ``model.generate`` loop a user writes
  trainer  (b) run_summarization.py-style batching: ``Seq2SeqTrainer.predict``, fixed batch, no sorting
  hf       (c) our HF engine: length-sorted token-budget batches (sized from the device's free memory)
  hf-batch-enc (c) the same with the encoder run on the whole padded batch, as before a CPU encoded each
           input alone (a GPU still batches it)
  hf-16k   (c) the same at the budget a CPU had before it was sized from memory (16,384 tokens)
  hf-static (c) the same with generation.static_cache (a fixed-size cache; transformers compiles the decode
           step into CUDA graphs on a GPU, so its first round includes the compilation)
  hf-bf16  (c) the same engine with abstractive.dtype=bfloat16 (a CPU row: on a GPU ``auto`` is bfloat16
           already); on a CPU with AMX, torch's bfloat16 matrix kernels
  ct2-f32  (d) our CTranslate2 engine, float32
  ct2-int8 (d) our CTranslate2 engine, int8
  ct2-int8-examples (d) the same with its batching before CPU_BATCH_TOKENS: every input in one call, which
           CTranslate2 splits into batches of min(max_batch_size, inputs per worker, 16,384 // longest) examples

(a)-(c) in float32 must give identical tokens; where one differs the record shows the logit gap of the two
tokens at that step under (a)'s model: a numerical near-tie when it is within what the model's dtype
resolves (1e-4 in float32; two units in the last place of the larger logit in bfloat16/float16, where
one step at a logit of 3 is 0.0156). For hf-bf16 and (d), whose weights are rounded, token agreement with (a) is reported.

Every system runs with the same torch thread count (``--threads``, recorded per system) and CTranslate2
with as many threads: the engines must not change the process's threads (checked after each run).

    python bench/generation.py                          # CPU: bart-base and distilbart-cnn-12-6 shapes
    python bench/generation.py --shapes bart-base --clusters 16 --rounds 2 --new-tokens 64
    python bench/generation.py --shapes bart-large-cnn PRIMERA-multinews --device cuda   # GPU
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._common import ROOT, SHARED_DATA, write_result  # noqa: E402

CHECKPOINTS = ROOT / "tests" / "fixtures" / "checkpoints"
TOKENIZERS = SHARED_DATA.parent / "tokenizers"
CACHE = ROOT / "bench" / ".cache" / "generation"
SYSTEMS = ("loop", "trainer", "hf", "hf-batch-enc", "hf-16k", "hf-static", "hf-bf16", "ct2-f32", "ct2-int8",
           "ct2-int8-examples")
NEAR_TIE = 1e-4  # float32
# bytes/s of memory bandwidth of the GPUs this bench has met: the decode-step limit below
BANDWIDTH = {"H200": 4.8e12, "H100": 3.35e12, "A100": 2.0e12}


def near_tie(gap: float, logits: tuple[float, float], dtype) -> bool:
    """Whether two tokens' logit gap is within what ``dtype`` resolves: 1e-4 in float32, two units in the
    last place of the larger logit in a 16-bit type.

    Example:
        >>> import torch
        >>> near_tie(0.0156, (3.1, 3.0844), torch.bfloat16), near_tie(0.0156, (3.1, 3.0844), torch.float32)
        (True, False)
    """
    import torch

    if dtype in (torch.bfloat16, torch.float16):
        return gap <= 2 * torch.finfo(dtype).eps * max(abs(x) for x in logits)
    return gap < NEAR_TIE


def checkpoint(shape: str) -> Path:
    """A saved random-weight model of ``shape``'s real configuration with its family's real tokenizer."""
    import torch
    from transformers import AutoConfig, AutoModelForSeq2SeqLM, AutoTokenizer

    out = CACHE / shape
    if (out / "config.json").is_file():
        return out
    data = json.loads((CHECKPOINTS / f"{shape}.json").read_text())
    family = data["model_type"]
    tok = AutoTokenizer.from_pretrained(TOKENIZERS / ("bart" if family in ("bart", "led") else family))
    if family == "led":
        tok.add_special_tokens({"additional_special_tokens": ["<doc-sep>"]})
        tok.model_max_length = 4096
    torch.manual_seed(0)
    model = AutoModelForSeq2SeqLM.from_config(AutoConfig.for_model(**data))
    if data.get("forced_bos_token_id") is not None:
        model.generation_config.forced_bos_token_id = data["forced_bos_token_id"]
    model.save_pretrained(out)
    tok.save_pretrained(out)
    return out


def built_inputs(path: Path, n: int, config) -> tuple[list[str], list[list[int]], object]:
    """The first ``n`` Multi-News validation clusters, cleaned and built exactly as ``summarize run`` does."""
    from summarize.io import load_clusters
    from summarize.pipeline import prepare
    from summarize.summarizers import AbstractiveSummarizer, load_model

    model, tok = load_model(str(path), config.abstractive)
    summarizer = AbstractiveSummarizer(config, model, tok)
    clusters = load_clusters([str(SHARED_DATA / "multinews_validation.jsonl")], config.load)[:n]
    texts = [summarizer.build_input(prepare(c, config))[0].text for c in clusters]
    return [c.id for c in clusters], summarizer.encode(texts), summarizer


def run_loop(model, tok, inputs, kwargs) -> tuple[list[list[int]], list[list[int]]]:
    """(a): one ``generate`` call per cluster, as a user's script does; also returns the raw sequences."""
    import torch

    raw = []
    with torch.inference_mode():
        for ids in inputs:
            x = torch.tensor([ids], device=model.device)
            raw.append(model.generate(input_ids=x, attention_mask=torch.ones_like(x), **kwargs)[0].tolist())
    special = set(tok.all_special_ids)
    return [[t for t in r if t not in special] for r in raw], raw


def run_trainer(model, tok, inputs, kwargs, batch: int) -> list[list[int]]:
    """(b): ``Seq2SeqTrainer.predict`` with ``predict_with_generate``, a fixed batch, no length sorting."""
    import tempfile

    from datasets import Dataset
    from transformers import DataCollatorWithPadding, Seq2SeqTrainer, Seq2SeqTrainingArguments

    args = Seq2SeqTrainingArguments(output_dir=tempfile.mkdtemp(), per_device_eval_batch_size=batch,
                                    predict_with_generate=True, report_to=[], use_cpu=model.device.type == "cpu",
                                    disable_tqdm=True, dataloader_num_workers=0)
    trainer = Seq2SeqTrainer(model=model, args=args, data_collator=DataCollatorWithPadding(tok),  # no labels
                             processing_class=tok)
    out = trainer.predict(Dataset.from_dict({"input_ids": inputs}), **kwargs)
    special = set(tok.all_special_ids) | {-100}
    return [[int(t) for t in row if int(t) not in special] for row in out.predictions]


def divergence(model, raw: list[int], ours: list[int], special: set[int], ids: list[int]) -> dict:
    """Where ``ours`` first differs from (a)'s tokens, and the logit gap of the two tokens there under
    (a)'s model, fed (a)'s prefix."""
    import torch

    content = [i for i, t in enumerate(raw) if t not in special]  # raw positions of (a)'s content tokens
    mine = [t for t in raw if t not in special]
    step = next((j for j, (x, y) in enumerate(zip(mine, ours)) if x != y), min(len(mine), len(ours)))
    if step >= len(content) or step >= len(ours):
        return {"step": step, "a_token": None, "other_token": None, "logit_gap": None, "note": "length differs"}
    pos = content[step]
    with torch.inference_mode():
        x = torch.tensor([ids], device=model.device)
        logits = model(input_ids=x, decoder_input_ids=torch.tensor([raw[:pos]], device=model.device)).logits[0, -1]
    a, b = float(logits[raw[pos]]), float(logits[ours[step]])
    gap = abs(a - b)
    return {"step": step, "a_token": raw[pos], "other_token": ours[step], "logit_gap": gap,
            "near_tie": near_tie(gap, (a, b), logits.dtype), "dtype": str(logits.dtype).replace("torch.", "")}


def agreement(a: list[list[int]], b: list[list[int]]) -> dict:
    """Share of clusters with identical tokens and of tokens matching before the first difference."""
    same, prefix, total = 0, 0, 0
    for x, y in zip(a, b):
        same += x == y
        k = next((j for j, (p, q) in enumerate(zip(x, y)) if p != q), min(len(x), len(y)))
        prefix += k
        total += max(len(x), 1)
    return {"identical_clusters": same, "clusters": len(a), "token_agreement": round(prefix / max(total, 1), 4)}


def ct2_by_examples(engine, inputs: list[list[int]]) -> list[list[int]]:
    """The CTranslate2 engine's batching before CPU_BATCH_TOKENS: one call, split by CTranslate2 into batches
    of a number of examples (within the default budget, and one batch per worker at least)."""
    from summarize.generation.batching import batch_token_budget
    from summarize.generation.ct2 import torch_threads_kept

    gen = engine.gen
    size = max(1, min(gen.max_batch_size, -(-len(inputs) // engine.workers),
                      batch_token_budget(gen.max_batch_tokens) // max(map(len, inputs))))
    with torch_threads_kept():
        results = engine.translate(*engine.prepared(inputs), max_batch_size=size, batch_type="examples")
    return [engine.ids(r) for r in results]


def bench_shape(shape: str, args) -> dict:
    import torch

    from summarize.config import load_config
    from summarize.generation.ct2 import CTranslate2Engine
    from summarize.generation.hf import generate_kwargs
    from summarize.summarizers import AbstractiveSummarizer, load_model

    path = checkpoint(shape)
    overrides = [f"model={path}", f"abstractive.device={args.device}", "generation.num_beams=1",
                 f"generation.min_new_tokens={args.new_tokens}", f"generation.max_new_tokens={args.new_tokens}",
                 f"generation.no_repeat_ngram_size={args.no_repeat}", f"ctranslate2.cache_dir={CACHE / 'ct2'}",
                 f"generation.max_batch_tokens={args.max_batch_tokens or 'null'}", f"ctranslate2.threads={args.threads}"]
    config = load_config(overrides=overrides)
    ids, inputs, ours = built_inputs(path, args.clusters, config)
    model, tok = ours.model, ours.tokenizer
    kwargs = generate_kwargs(config.generation)
    kwargs["suppress_tokens"] = [tok.pad_token_id]  # what the engines do; the loop gets it so outputs can match
    engines = {}
    for name, quant in [(n, q) for n, q in (("ct2-f32", "float32"), ("ct2-int8", "int8"))
                        if n in args.systems or (n == "ct2-int8" and "ct2-int8-examples" in args.systems)]:
        cfg = load_config(overrides=overrides + ["engine=ctranslate2", f"ctranslate2.quantization={quant}"])
        engines[name] = CTranslate2Engine.from_config(cfg, tokenizer=tok, model_config=model.config)  # converts once
    static = None
    if "hf-static" in args.systems:
        static = AbstractiveSummarizer(load_config(overrides=overrides + ["generation.static_cache=true"]), model, tok)
    fixed = AbstractiveSummarizer(load_config(overrides=overrides + ["generation.max_batch_tokens=16384"]), model, tok)
    batch_enc = AbstractiveSummarizer(config, model, tok)
    batch_enc.engine.encode_alone = False
    bf16 = None
    if "hf-bf16" in args.systems:
        cfg = load_config(overrides=overrides + ["abstractive.dtype=bfloat16"])
        bf16 = AbstractiveSummarizer(cfg, *load_model(str(path), cfg.abstractive))
    raws: list[list[list[int]]] = []  # (a)'s raw sequences (start and forced tokens kept), for divergence
    runs = {
        "loop": lambda: (lambda out: raws.append(out[1]) or out[0])(run_loop(model, tok, inputs, kwargs)),
        "trainer": lambda: run_trainer(model, tok, inputs, kwargs, args.trainer_batch),
        "hf": lambda: ours.engine.generate_ids(inputs),
        "hf-static": lambda: static.engine.generate_ids(inputs),
        "hf-bf16": lambda: bf16.engine.generate_ids(inputs),
        "hf-16k": lambda: fixed.engine.generate_ids(inputs),
        "hf-batch-enc": lambda: batch_enc.engine.generate_ids(inputs),
        "ct2-f32": lambda: engines["ct2-f32"].generate_ids(inputs),
        "ct2-int8": lambda: engines["ct2-int8"].generate_ids(inputs),
        "ct2-int8-examples": lambda: ct2_by_examples(engines.get("ct2-int8"), inputs),
    }
    run_loop(model, tok, inputs[:1], kwargs)  # warm-up (allocator, kernels): not timed
    systems = tuple(s for s in SYSTEMS if s in args.systems)
    for _ in range(args.warmup_rounds):  # untimed whole runs of the batched systems (first-batch kernel
        for system in systems:          # choice, a static cache's compilation): timed rounds are then warm
            if system != "loop":
                runs[system]()
    times: dict[str, list[float]] = {s: [] for s in systems}
    threads: dict[str, set[int]] = {s: set() for s in systems}
    outputs: dict[str, list[list[int]]] = {}
    for r in range(args.rounds):
        order = systems[r % len(systems):] + systems[:r % len(systems)]
        if r < args.rounds - args.loop_rounds:
            order = tuple(s for s in order if s != "loop")  # the slow reference: its last rounds only
        for system in order:
            torch.set_num_threads(args.threads)
            start = time.perf_counter()
            out = runs[system]()
            times[system].append(time.perf_counter() - start)
            threads[system].add(torch.get_num_threads())  # what the system left: args.threads unless it changed it
            outputs.setdefault(system, out)
            print(f"  {shape} round {r + 1} {system:<9} {times[system][-1]:7.1f} s", flush=True)
    raw = raws[0] if raws else None  # --loop-rounds 0: no loop; agreement is then taken against hf
    ref = "loop" if raw is not None else "hf" if "hf" in outputs else systems[0]
    special = set(tok.all_special_ids)
    result = {"shape": shape, "clusters": len(inputs), "input_tokens_mean": round(statistics.mean(map(len, inputs)), 1),
              "new_tokens": args.new_tokens, "torch_threads": args.threads, "systems": {}}
    loop_times = [None] * (args.rounds - len(times.get("loop", []))) + times.get("loop", [])
    for system in systems:
        own = [None] * (args.rounds - len(times[system])) + times[system]
        ratios = [a / s for a, s in zip(loop_times, own) if a is not None]
        entry = {"seconds": [round(t, 2) for t in times[system]], "threads_after": sorted(threads[system]),
                 "tokens_per_s": round(len(inputs) * args.new_tokens / statistics.median(times[system]), 1),
                 "clusters_per_s": round(len(inputs) / statistics.median(times[system]), 3),
                 "ratio": round(statistics.median(ratios), 2) if ratios else None,
                 "ratio_per_round": [round(x, 2) for x in ratios], "agreement_with": ref,
                 **agreement(outputs[ref], outputs[system])}
        if system in ("trainer", "hf", "hf-batch-enc", "hf-16k", "hf-static") and raw is not None:
            entry["differences"] = [{"id": ids[i], **divergence(model, raw[i], outputs[system][i], special, inputs[i])}
                                    for i in range(len(inputs)) if outputs[system][i] != outputs["loop"][i]]
            entry["identical_or_near_tie"] = all(d.get("near_tie") for d in entry["differences"])
        result["systems"][system] = entry
    if "ct2-int8" in systems and "ct2-int8-examples" in systems:  # the batch plan against the old batches
        per_round = [e / p for e, p in zip(times["ct2-int8-examples"], times["ct2-int8"])]
        result["ct2_plan_vs_examples"] = {"ratio": round(statistics.median(per_round), 3),
                                          "per_round": [round(x, 3) for x in per_round],
                                          **agreement(outputs["ct2-int8-examples"], outputs["ct2-int8"])}
    trainer = [t / h for t, h in zip(times.get("trainer", []), times.get("hf", []))]  # both, where run
    result["hf_vs_trainer"] = round(statistics.median(trainer), 2) if trainer else None
    result["hf_vs_trainer_per_round"] = [round(x, 2) for x in trainer]
    if "hf-static" in times:
        result["hf_static_vs_trainer"] = round(times["trainer"][-1] / times["hf-static"][-1], 2)  # its warm round
    result["decode_limit_tokens_per_s"] = decode_limit(model, len(inputs), args.device)
    return result


def decode_limit(model, batch: int, device: str) -> float | None:
    """A bandwidth-bound ceiling on greedy decoding (GPU only): every decode step reads the decoder's weights
    (the output projection included) once for a batch of ``batch`` clusters; the key/value cache only adds to
    that, so tokens/s cannot pass ``batch * bandwidth / decoder bytes``."""
    import torch

    if not device.startswith("cuda"):
        return None
    name = torch.cuda.get_device_name(0)
    bw = next((v for k, v in BANDWIDTH.items() if k in name), None)
    decoder = model.get_decoder()
    params = {id(p): p for p in list(decoder.parameters()) + list(model.get_output_embeddings().parameters())}
    size = sum(p.numel() * p.element_size() for p in params.values())
    return round(batch * bw / size, 1) if bw else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shapes", nargs="+", default=["bart-base", "distilbart-cnn-12-6"])
    parser.add_argument("--clusters", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--new-tokens", type=int, default=128)
    parser.add_argument("--no-repeat", type=int, default=3, help="no_repeat_ngram_size (the shipped configs' 3)")
    parser.add_argument("--trainer-batch", type=int, default=8)
    parser.add_argument("--max-batch-tokens", type=int, default=None, help="the engines' token budget "
                        "(default: the engine's own, 16,384 on a CPU, from free memory on a GPU)")
    parser.add_argument("--warmup-rounds", type=int, default=0, help="untimed rounds of every system but the "
                        "loop first")
    parser.add_argument("--loop-rounds", type=int, default=None, help="rounds that run the loop, the last ones "
                        "(default: all); the others' ratios use the loop's rounds only")
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--systems", nargs="+", default=list(SYSTEMS), choices=SYSTEMS,
                        help="loop, trainer and hf are needed for the ratios")
    parser.add_argument("--threads", type=int, default=None, help="torch and CTranslate2 threads of every system "
                        "(default: torch's own count at start)")
    parser.add_argument("--out", default="generation")
    args = parser.parse_args(argv)
    import os

    import torch

    args.threads = args.threads or torch.get_num_threads()
    args.loop_rounds = min(args.rounds if args.loop_rounds is None else args.loop_rounds, args.rounds)
    shapes = [bench_shape(s, args) for s in args.shapes]
    print(f"\n{'shape':<22}{'system':<10}{'clusters/s':>11}{'x loop':>8}{'identical':>11}{'tokens':>8}")
    for res in shapes:
        for system, e in res["systems"].items():
            print(f"{res['shape']:<22}{system:<10}{e['clusters_per_s']:>11.3f}{e['ratio'] or float('nan'):>8.2f}"
                  f"{e['identical_clusters']:>6}/{e['clusters']:<4}{e['token_agreement']:>8.3f}")
    gpu_note = None if args.device != "cpu" else (
        "GPU rows (bart-large-cnn, PRIMERA-multinews) not measured: no GPU machine was lent to this task")
    device = torch.cuda.get_device_name(0) if args.device.startswith("cuda") else "cpu"
    summary = {"device": device, "threads": args.threads, "load_average": [round(x, 2) for x in os.getloadavg()],
               **{r["shape"]: {"hf_vs_loop": r["systems"].get("hf", {}).get("ratio"), "hf_vs_trainer": r["hf_vs_trainer"],
                               "ct2_int8_vs_loop": r["systems"].get("ct2-int8", {}).get("ratio"),
                               **({"hf_bf16_vs_loop": r["systems"]["hf-bf16"]["ratio"]} if "hf-bf16" in r["systems"] else {}),
                               **({"hf_16k_vs_loop": r["systems"]["hf-16k"]["ratio"]} if "hf-16k" in r["systems"] else {}),
                               **({"ct2_int8_examples_vs_loop": r["systems"]["ct2-int8-examples"]["ratio"]}
                                  if "ct2-int8-examples" in r["systems"] else {}),
                               **({"hf_batch_encoder_vs_loop": r["systems"]["hf-batch-enc"]["ratio"]}
                                  if "hf-batch-enc" in r["systems"] else {}),
                               **({"hf_static_vs_loop_warm": (r["systems"]["hf-static"]["ratio_per_round"] or [None])[-1],
                                   "hf_static_vs_trainer_warm": r["hf_static_vs_trainer"]}
                                  if "hf-static" in r["systems"] else {})} for r in shapes}}
    for res in shapes:
        print(f"{res['shape']:<22}hf / trainer {res['hf_vs_trainer'] or float('nan'):.2f} (per round "
              f"{res['hf_vs_trainer_per_round']})"
              + (f"; decode limit {res['decode_limit_tokens_per_s']:.0f} tokens/s" if res["decode_limit_tokens_per_s"] else ""))
        if "ct2_plan_vs_examples" in res:
            c = res["ct2_plan_vs_examples"]
            print(f"{res['shape']:<22}ct2-int8 / ct2-int8-examples {c['ratio']:.2f}x (per round {c['per_round']}; "
                  f"same tokens on {c['identical_clusters']}/{c['clusters']})")
    path = write_result(args.out, {"summary": summary, "settings": vars(args), "shapes": shapes, "gpu": gpu_note})
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
