#!/usr/bin/env bash
# Reproduces the shipped models and the figures: 5 folds each, model selection on validation folds only.
# Usage: src/kt-training/reproduce.sh [TUTOR_DATA_DIR]   (default ../shared/data beside the checkout)
# CPU only; on 2 shared cores DKT and PSI-KT take well under an hour each, CAKT several hours. Runs under nice.
set -euo pipefail
cd "$(dirname "$0")"
if [[ $# -ge 1 ]]; then export TUTOR_DATA_DIR="$1"; fi
PY=/usr/bin/python3   # Debian's python3 has torch 1.13 and onnx 1.12; a pyenv python3 on PATH may not
MODELS=../TutorApp.KnowledgeTracing/Models
run() { nice -n 10 "$PY" -m kt_training.train --export-dir "$MODELS" "$@"; }
run --model dkt --dataset assist2009
run --model psikt --dataset assist2009
run --model cakt --dataset assist2009
run --model cakt --dataset statics

# The figures in RESULTS.md came from these exact runs (the CPUs were shared, so CAKT got fewer folds):
#   train --model dkt   --dataset assist2009 --export-dir $MODELS                     (5 folds)
#   train --model psikt --dataset assist2009 --export-dir $MODELS                     (5 folds)
#   train --model cakt  --dataset assist2009 --export-dir $MODELS                     (stopped after the folds in its report)
#   train --model cakt  --dataset statics --folds 1 --training '{"max_epochs":5}'    (reports/cakt-statics.json)
#   train --model cakt  --dataset statics --folds 1 --training '{"max_epochs":6,"batch_size":8}' --report reports/cakt-statics-b8.json
#   train --model cakt  --dataset statics --folds 1 --training '{"max_epochs":10,"batch_size":8}' --report reports/cakt-statics-b8e10.json
#   then, for a run stopped early: train --model cakt --dataset assist2009 --export-only --export-dir $MODELS
#   the inference figures (RESULTS.md, README "KT inference"): ./bench.sh /tmp/kt-bench   (C# BenchmarkDotNet, then PyTorch)
