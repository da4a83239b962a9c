#!/usr/bin/env bash
# Every GPU measurement of issue 25, from the project root of the device machine's copy (bench/gpu/prepare.sh
# first, here), in parts, each under its own time limit, each writing its own result file:
#   1. generation, bart-large-cnn shape: the per-cluster loop, Seq2SeqTrainer.predict batching and the hf
#      engine (batches sized from free memory); one untimed round of each batched system first
#   2. training, bart-large-cnn shape: the recipe against Seq2SeqTrainer on the same batches
#   3. generation, PRIMERA shape: as 1
#   4. training, PRIMERA shape: as 2 without the profile (batch 4: 4,096-token inputs)
#   5. generation, bart-large-cnn: the loop, Trainer, hf and hf with generation.static_cache (compiled decode;
#      the loop tells its differing tokens' bf16 ties from faults, which the 2026-12-04 run could not)
#   6. training, bart-large-cnn: the recipe with compile=true against the Trainer (the compilation is slow)
#   7. training, bart-large-cnn: a torch.profiler table of the timed steps of the recipe and of Seq2SeqTrainer
#      (each a run of its own: on 2026-12-04 the profiles and part 2 shared one 150 s limit and the throughput
#      runs after them were cut off)
# CTranslate2 rows join when its CUDA build loads. Results go to $OUT (the device tool's folder) or bench/results;
# every log goes to $OUT/run.log (the device tool brings back 8 files at most).
# Parts run in the order PARTS names them; each writes its file when it ends, so a call cut off by its time
# limit still brings back the parts before. A session has 15 minutes of device time, start-up included: the
# training parts first (their 1.5x goal is the one never measured on the current recipe), then generation.
#   PARTS="2 4 1 3" bash bench/gpu/run.sh     # limits 150+100+170+150 s (2026-12-04: 1 took 136 s, 3 ~100 s)
#   PARTS="5 6 7" bash bench/gpu/run.sh       # static cache, torch.compile, profiles, if the budget allows
#   SMOKE=1 bash bench/gpu/run.sh             # tiny settings on a CPU: checks the script, not the GPU
#                                             # (its files go to a temporary folder unless OUT is set)
set -uo pipefail
cd "$(dirname "$0")/../.."
if [ -n "${SMOKE:-}" ] && [ -z "${OUT:-}" ]; then OUT=$(mktemp -d); fi  # never mixed with measured results
OUT=${OUT:-bench/results}
echo "results in $OUT"
mkdir -p "$OUT"
if [ -d bench/.cache/gpu/whl ] && ! python3 -c "import datasets, pysbd, evaluate" 2>/dev/null; then
    python3 -m pip install -q --no-index --no-deps --no-compile --target /tmp/site bench/.cache/gpu/whl/*.whl || exit 1
    export PYTHONPATH=/tmp/site:$PWD
fi
export PYTHONPATH=${PYTHONPATH:-$PWD} HF_HUB_OFFLINE=1 TOKENIZERS_PARALLELISM=false PYTHONUNBUFFERED=1
[ -d bench/.cache/gpu/shared ] && export SUMMARIZE_SHARED=${SUMMARIZE_SHARED:-$PWD/bench/.cache/gpu/shared}
export SUMMARIZE_RESULTS=$OUT
(nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv || true) > "$OUT/run.log" 2>&1
python3 -c "import torch, transformers, accelerate; print(torch.__version__, transformers.__version__, accelerate.__version__)" \
    | tee -a "$OUT/run.log"
if [ -n "${SMOKE:-}" ]; then
    DEV=cpu GEN="--clusters 2 --rounds 1 --warmup-rounds 1 --new-tokens 8" TRAIN="--steps 3 --warmup 1 --examples 8 --max-input 128 --rounds 1"
    BART=bart-base PRIMERA=bart-base VARIANT="foreach:optimizer=adamw_foreach"
else
    DEV=cuda GEN="--clusters 24 --rounds 1 --warmup-rounds 1 --new-tokens 128" TRAIN="--steps 30 --warmup 10 --batch-size 8 --examples 240 --rounds 1"
    BART=bart-large-cnn PRIMERA=PRIMERA-multinews VARIANT="compile:compile=true"
fi
SYSTEMS="loop trainer hf"
if [ "$DEV" = cuda ] && python3 -c "import ctranslate2, sys; sys.exit(ctranslate2.get_cuda_device_count() == 0)" 2>/dev/null; then
    SYSTEMS="$SYSTEMS ct2-f32 ct2-int8"
else
    echo "CTranslate2 on CUDA not usable here: its rows are left out" | tee -a "$OUT/run.log"
fi
quiet() { grep -v "Loading weights\|Writing model\|seem to have been set\|^step \|USDT"; }
gen() {  # shape, seconds, result name, bench arguments (every log goes to one file: 8 files come back at most)
    echo "=== generation $1 $4" >> "$OUT/run.log"
    timeout "$2" python3 bench/generation.py --device "$DEV" $GEN --shapes "$1" --out "$3" $4 2>&1 | quiet \
        | tee -a "$OUT/run.log" | tail -9
}
train() {  # shape, seconds, extra arguments
    echo "=== training $1 $3" >> "$OUT/run.log"
    timeout "$2" python3 bench/train_throughput.py --device "$DEV" $TRAIN --shapes "$1" --out "train_throughput_gpu_$1" \
        --profile-dir "$OUT" $3 2>&1 | quiet | tee -a "$OUT/run.log" | tail -8
}
for p in ${PARTS:-2 4 1 3 5 6 7}; do  # in the order given: each part's file is written when it ends
    case $p in
        1) gen "$BART" "${GEN1_S:-170}" "generation_gpu_$BART" "--systems $SYSTEMS" ;;
        2) train "$BART" "${TRAIN1_S:-150}" "" ;;
        3) gen "$PRIMERA" "${GEN2_S:-150}" "generation_gpu_$PRIMERA" "--systems $SYSTEMS" ;;
        4) train "$PRIMERA" "${TRAIN2_S:-100}" "--batch-size ${PRIMERA_BATCH:-4}" ;;
        5) gen "$BART" "${GEN3_S:-200}" "generation_gpu_${BART}_static" "--systems loop trainer hf hf-static" ;;
        6) train "$BART" "${TRAIN3_S:-300}" "--variant $VARIANT --out train_throughput_gpu_${BART}_compile" ;;
        7) train "$BART" "${TRAIN4_S:-150}" "--profile recipe trainer --out train_throughput_gpu_${BART}_profiled" ;;
        *) echo "unknown part $p (1-7)" | tee -a "$OUT/run.log"; exit 2 ;;
    esac
done
echo all-done
