#!/usr/bin/env bash
# Every GPU measurement of issue 25 in one run, from the project root of the device machine's copy
# (bench/gpu/prepare.sh first, here), in order of need, each part under its own time limit:
#   1. generation, bart-large-cnn shape: the per-cluster loop (last round only), Seq2SeqTrainer.predict
#      batching, the hf engine (batches sized from free memory)
#   2. training, bart-large-cnn shape: a profile of the timed steps of the recipe and of Seq2SeqTrainer, then
#      the recipe, the recipe with compile=true and Seq2SeqTrainer on the same batches
#   3. generation, PRIMERA shape: loop, Trainer, hf
#   4. training, PRIMERA shape: recipe against Seq2SeqTrainer (batch 4: 4,096-token inputs)
#   5. generation, bart-large-cnn: Trainer, hf and hf with generation.static_cache (compiled decode; a run
#      of its own, last, so that a long compilation costs no other row)
# Files back: run.log (every log), two profiles, five result files.
# CTranslate2 rows join when its CUDA build loads. Results go to $OUT (the device tool's folder) or bench/results.
#   bash bench/gpu/run.sh                     # the whole run (under 10 minutes on one H200)
#   SMOKE=1 bash bench/gpu/run.sh             # tiny settings on a CPU: checks the script, not the GPU
set -uo pipefail
cd "$(dirname "$0")/../.."
OUT=${OUT:-bench/results}
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
    DEV=cpu GEN="--clusters 2 --rounds 2 --new-tokens 8" TRAIN="--steps 3 --warmup 1 --examples 8 --max-input 128 --rounds 1"
    BART=bart-base PRIMERA=bart-base VARIANT="foreach:optimizer=adamw_foreach"
else
    DEV=cuda GEN="--clusters 24 --rounds 2 --new-tokens 128" TRAIN="--steps 30 --warmup 10 --batch-size 8 --examples 240 --rounds 1"
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
gen "$BART" "${GEN1_S:-110}" "generation_gpu_$BART" "--loop-rounds 1 --systems $SYSTEMS"
train "$BART" "${TRAIN1_S:-200}" "--profile recipe trainer --variant $VARIANT"
gen "$PRIMERA" "${GEN2_S:-100}" "generation_gpu_$PRIMERA" "--loop-rounds 1 --systems $SYSTEMS"
train "$PRIMERA" "${TRAIN2_S:-90}" "--batch-size ${PRIMERA_BATCH:-4}"
gen "$BART" "${GEN3_S:-120}" "generation_gpu_${BART}_static" "--loop-rounds 0 --systems trainer hf hf-static"
echo all-done
