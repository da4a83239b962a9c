"""Where CTranslate2's CPU time goes, next to torch's: encoder against decoder, for the inputs and settings
of ``bench/generation.py`` (bart-base shape, random weights, 16 Multi-News clusters built by the pipeline,
~770 tokens each, greedy, 128 new tokens, no_repeat_ngram_size 3).

For each system the time of a 1-token decode (the encoder, plus one step) and of the full 128 tokens, in
interleaved rounds:

  torch fp32   the model the per-cluster loop runs (``generate`` per cluster, as bench/generation.py's loop)
  ct2 int8     our engine's translator and batches (one worker per core, one thread each; ``engine.plan``)
  ct2 int8 tokens  the same translator with batches by a token budget (``batch_type="tokens"``)

and, in child processes with ``MKL_VERBOSE=1`` on one thread over 8 inputs, oneMKL's calls summed by kind
(float32 attention GEMMs, int8 linear layers, the int8 output projection over the vocabulary) for the
encoder (a 1-token run) and for one decoding step (a 33-token run less that, / 32); the rest is CTranslate2's
own kernels (softmax, layer norm, GELU, quantisation, logits processors). Next to them, what one step reads
of the encoder's float32 keys and values in cross-attention, against the decoder's int8 weights.

With ``--knobs``, CTranslate2's own settings instead, each in a fresh process (its environment variables are
read once), two interleaved rounds (``--only``: the settings whose names start so): batches of 1, 2, 4, 8
and 16 examples (before CPU_BATCH_TOKENS, the engine's choice for 16 inputs on 2 workers was 8, for 64 it was
16), batches by a token budget, oneDNN instead of oneMKL (``CT2_USE_MKL=0``), AVX-512 kernels
(``CT2_FORCE_CPU_ISA=AVX512``; it picks AVX2 on this CPU), oneMKL's packed int8 weights
(``CT2_USE_EXPERIMENTAL_PACKED_GEMM=1``; off by default) and workers pinned to cores
(``CT2_TRANSLATORS_CORE_OFFSET=0``).

    python bench/ct2_cpu_split.py            # after bench/generation.py has built the model and its CT2 copy
    python bench/ct2_cpu_split.py --knobs --out ct2_cpu_knobs
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._common import write_result  # noqa: E402

CHILD = r'''
import json, sys, time, ctranslate2
tokens, steps, pad = json.load(open(sys.argv[2]))[:8], int(sys.argv[3]), sys.argv[4]
tr = ctranslate2.Translator(sys.argv[1], device="cpu", compute_type="int8", inter_threads=1, intra_threads=1)
t = time.perf_counter()
tr.translate_batch(tokens, beam_size=1, max_decoding_length=steps, min_decoding_length=steps, max_batch_size=8,
                   no_repeat_ngram_size=3, suppress_sequences=[[pad]])
print("SECONDS", time.perf_counter() - t)
'''
DECODE_STEPS = 33  # the child's second run: the encoder, then 33 steps; the difference / 32 is one step


KNOB_CHILD = r'''
import json, sys, time, ctranslate2
model, tokens_file, batch, batch_type, pad = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]
tokens = json.load(open(tokens_file))
tr = ctranslate2.Translator(model, device="cpu", compute_type="int8", inter_threads=2, intra_threads=1)
def run(n):
    t = time.perf_counter()
    tr.translate_batch(tokens, beam_size=1, max_decoding_length=n, min_decoding_length=n, no_repeat_ngram_size=3,
                       suppress_sequences=[[pad]], max_batch_size=batch, batch_type=batch_type)
    return time.perf_counter() - t
run(1)
print("KNOB", json.dumps({"encoder_and_first_step_s": run(1), "full_128_tokens_s": run(128)}))
'''
KNOBS = {  # name: (max_batch_size, batch_type, environment)
    "16 examples": (16, "examples", {}),
    "8 examples": (8, "examples", {}), "4 examples": (4, "examples", {}),
    "2 examples": (2, "examples", {}), "1 example": (1, "examples", {}),
    "2,048 tokens": (2048, "tokens", {}), "4,096 tokens": (4096, "tokens", {}), "6,144 tokens": (6144, "tokens", {}),
    "8,192 tokens": (8192, "tokens", {}),
    "8 examples, oneDNN (CT2_USE_MKL=0)": (8, "examples", {"CT2_USE_MKL": "0"}),
    "8 examples, AVX-512 (CT2_FORCE_CPU_ISA)": (8, "examples", {"CT2_FORCE_CPU_ISA": "AVX512"}),
    "8 examples, packed weights (CT2_USE_EXPERIMENTAL_PACKED_GEMM=1)": (8, "examples",
                                                                         {"CT2_USE_EXPERIMENTAL_PACKED_GEMM": "1"}),
    "8 examples, workers pinned to cores (CT2_TRANSLATORS_CORE_OFFSET=0)": (8, "examples",
                                                                            {"CT2_TRANSLATORS_CORE_OFFSET": "0"}),
}


def knobs(model_dir: str, tokens_file: str, pad: str, rounds: int, only: list[str] | None = None) -> dict:
    """Seconds of each of CTranslate2's settings in ``KNOBS`` (2 workers of one thread, int8), each run in a
    fresh process, rounds interleaved in rotated order; ``only``: the settings whose names start so."""
    names = [k for k in KNOBS if not only or any(k.startswith(o) for o in only)]
    times: dict[str, list[dict]] = {k: [] for k in names}
    for r in range(rounds):
        for name in names[r % len(names):] + names[: r % len(names)]:
            batch, kind, env = KNOBS[name]
            res = subprocess.run([sys.executable, "-c", KNOB_CHILD, model_dir, tokens_file, str(batch), kind, pad],
                                 capture_output=True, text=True, env={**os.environ, **env}, check=True)
            times[name].append(json.loads(re.search(r"^KNOB (.*)$", res.stdout, re.M)[1]))
            print(f"  round {r + 1} {name:<42} encoder+1 {times[name][-1]['encoder_and_first_step_s']:6.2f} s   "
                  f"128 tokens {times[name][-1]['full_128_tokens_s']:6.2f} s", flush=True)
    return {name: {key: round(statistics.median(t[key] for t in runs), 2) for key in runs[0]}
            | {"rounds": [{k: round(v, 2) for k, v in t.items()} for t in runs]} for name, runs in times.items()}


def mkl_calls(model_dir: str, tokens_file: str, pad: str, steps: int, vocab: int) -> tuple[float, dict]:
    """One child run (8 inputs, one thread, ``steps`` tokens) under ``MKL_VERBOSE=1``: its seconds and oneMKL's
    seconds by kind (float32 attention GEMMs, int8 linear layers, the int8 output projection over the
    vocabulary, weight packing)."""
    res = subprocess.run([sys.executable, "-c", CHILD, model_dir, tokens_file, str(steps), pad],
                         capture_output=True, text=True, env={**os.environ, "MKL_VERBOSE": "1", "OMP_NUM_THREADS": "1"})
    total = collections.Counter()
    for line in res.stdout.splitlines():
        m = re.match(r"MKL_VERBOSE (\w+)\((.*?)\) ([\d.]+)(us|ms|s)\b", line)
        if not m:
            continue
        seconds = float(m[3]) * {"us": 1e-6, "ms": 1e-3, "s": 1.0}[m[4]]
        if m[1].startswith("SGEMM"):
            kind = "float32 attention GEMMs"
        elif "PACK" in m[1]:
            kind = "int8 packing"
        else:
            kind = "int8 output projection" if str(vocab) in m[2].split(",") else "int8 linear layers"
        total[kind] += seconds
    return float(re.search(r"SECONDS ([\d.]+)", res.stdout)[1]), dict(total)


def mkl_split(model_dir: str, tokens_file: str, pad: str, vocab: int, padded: int) -> dict:
    """Where CTranslate2's time goes on one thread for 8 inputs: the encoder (a 1-token run) and one decoding
    step (a 33-token run less the 1-token run, / 32), each split into oneMKL's calls by kind and the rest
    (CTranslate2's own kernels: softmax, layer norm, GELU, quantisation, the logits processors)."""
    (enc, enc_mkl), (full, full_mkl) = (mkl_calls(model_dir, tokens_file, pad, n, vocab) for n in (1, DECODE_STEPS))
    step = {k: (full_mkl.get(k, 0.0) - enc_mkl.get(k, 0.0)) / (DECODE_STEPS - 1) for k in full_mkl}
    step_s = (full - enc) / (DECODE_STEPS - 1)
    return {"encoder_seconds_1_thread_8_inputs": round(enc, 3),
            "encoder_mkl_seconds": {k: round(v, 3) for k, v in sorted(enc_mkl.items(), key=lambda kv: -kv[1])},
            "encoder_outside_mkl_seconds": round(enc - sum(enc_mkl.values()), 3),
            "decode_step_ms": round(1e3 * step_s, 2),
            "decode_step_mkl_ms": {k: round(1e3 * v, 2) for k, v in sorted(step.items(), key=lambda kv: -kv[1])},
            "decode_step_outside_mkl_ms": round(1e3 * (step_s - sum(step.values())), 2),
            "padded_source_tokens": padded}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--clusters", type=int, default=16)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--knobs", action="store_true", help="CTranslate2's batch and backend settings instead")
    ap.add_argument("--only", nargs="+", default=None, help="with --knobs: the settings whose names start so")
    ap.add_argument("--out", default="ct2_cpu_split")
    args = ap.parse_args(argv)
    import torch

    from bench.generation import CACHE, built_inputs, checkpoint, run_loop
    from summarize.config import load_config
    from summarize.generation.ct2 import CTranslate2Engine
    from summarize.generation.hf import generate_kwargs

    path = checkpoint("bart-base")
    overrides = [f"model={path}", "generation.num_beams=1", "generation.no_repeat_ngram_size=3",
                 f"ctranslate2.cache_dir={CACHE / 'ct2'}", "engine=ctranslate2", "ctranslate2.quantization=int8"]
    config = load_config(overrides=overrides)
    _, inputs, ours = built_inputs(path, args.clusters, config)
    model, tok = ours.model, ours.tokenizer
    engine = CTranslate2Engine.from_config(config, tokenizer=tok, model_config=model.config)
    tokens = [tok.convert_ids_to_tokens(list(x)) for x in inputs]
    if args.knobs:
        import ctranslate2

        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
            json.dump(tokens, fh)
        rows = knobs(str(engine.model_dir), fh.name, tok.pad_token, args.rounds, args.only)
        os.unlink(fh.name)
        print(f"\n{'setting':<44}{'encoder+1 s':>12}{'128 tokens s':>14}")
        for k, v in rows.items():
            print(f"{k:<44}{v['encoder_and_first_step_s']:>12.2f}{v['full_128_tokens_s']:>14.2f}")
        path = write_result(args.out, {
            "summary": {"device": "cpu", "ctranslate2": ctranslate2.__version__, "workers": 2,
                        "load_average": [round(x, 2) for x in os.getloadavg()],
                        "supported_compute_types": sorted(ctranslate2.get_supported_compute_types("cpu")), **rows},
            "clusters": args.clusters, "input_tokens_mean": round(sum(map(len, inputs)) / len(inputs), 1)})
        print(f"wrote {path}")
        return 0

    def torch_run(n: int) -> None:
        kw = {**generate_kwargs(config.generation), "min_new_tokens": n, "max_new_tokens": n,
              "suppress_tokens": [tok.pad_token_id]}
        run_loop(model, tok, inputs, kw)

    def ct2_run(n: int, by_tokens: bool) -> None:
        kw = dict(beam_size=1, max_decoding_length=n, min_decoding_length=n, no_repeat_ngram_size=3,
                  suppress_sequences=[[tok.pad_token]])
        if by_tokens:
            engine.translator.translate_batch(tokens, max_batch_size=4 * max(map(len, tokens)), batch_type="tokens",
                                              **kw)
            return
        pending = [engine.translator.translate_batch([tokens[i] for i in b], asynchronous=True, **kw)
                   for b in engine.plan(inputs)]  # the engine's batches, queued at once as it does
        [r.result() for results in pending for r in results]

    systems = {"torch fp32 (loop)": lambda n: torch_run(n), "ct2 int8": lambda n: ct2_run(n, False),
               "ct2 int8 tokens": lambda n: ct2_run(n, True)}
    ct2_run(1, False)  # warm-up: not timed
    times: dict[str, dict[int, list[float]]] = {k: {1: [], 128: []} for k in systems}
    names = list(systems)
    for r in range(args.rounds):
        for name in names[r % len(names):] + names[: r % len(names)]:
            for n in (1, 128):
                start = time.perf_counter()
                systems[name](n)
                times[name][n].append(time.perf_counter() - start)
            print(f"  round {r + 1} {name:<20} encoder+1 {times[name][1][-1]:6.2f} s   128 tokens "
                  f"{times[name][128][-1]:6.2f} s", flush=True)
    rows = {k: {"encoder_and_first_step_s": round(statistics.median(v[1]), 2),
                "full_128_tokens_s": round(statistics.median(v[128]), 2),
                "decode_s": round(statistics.median(v[128]) - statistics.median(v[1]), 2)} for k, v in times.items()}
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
        json.dump(tokens, fh)
    cfg = model.config
    padded = max(map(len, inputs[:8]))
    split = mkl_split(str(engine.model_dir), fh.name, tok.pad_token, cfg.vocab_size, padded)
    # what one decoding step reads of the encoder's keys and values (float32, every decoder layer, 8 inputs
    # padded to the longest): the cross-attention's share of memory traffic, next to the int8 weights
    split["cross_attention_cache_mib_per_step"] = round(2 * cfg.decoder_layers * 8 * padded * cfg.d_model * 4 / 2**20)
    split["decoder_int8_weights_mib"] = round(sum(p.numel() for p in model.get_decoder().parameters()) / 2**20)
    os.unlink(fh.name)
    print(f"\n{'system':<22}{'encoder+1 s':>12}{'128 tokens s':>14}{'decode s':>10}")
    for k, v in rows.items():
        print(f"{k:<22}{v['encoder_and_first_step_s']:>12.2f}{v['full_128_tokens_s']:>14.2f}{v['decode_s']:>10.2f}")
    print(f"CTranslate2, 8 inputs, 1 thread: encoder {split['encoder_seconds_1_thread_8_inputs']:.2f} s, oneMKL "
          f"{split['encoder_mkl_seconds']}, outside oneMKL {split['encoder_outside_mkl_seconds']:.2f} s; one decoding "
          f"step {split['decode_step_ms']:.1f} ms, oneMKL {split['decode_step_mkl_ms']} ms, outside oneMKL "
          f"{split['decode_step_outside_mkl_ms']:.1f} ms; cross-attention cache "
          f"{split['cross_attention_cache_mib_per_step']} MiB a step against {split['decoder_int8_weights_mib']} MiB "
          "of int8 decoder weights")
    import ctranslate2

    path = write_result(args.out, {
        "summary": {"device": "cpu", "threads": torch.get_num_threads(), "ctranslate2": ctranslate2.__version__,
                    "load_average": [round(x, 2) for x in os.getloadavg()], **rows, "ct2_mkl_1_thread_8_inputs": split},
        "clusters": args.clusters, "input_tokens_mean": round(sum(map(len, inputs)) / len(inputs), 1),
        "seconds": {k: {str(n): [round(x, 2) for x in v] for n, v in d.items()} for k, d in times.items()}})
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
