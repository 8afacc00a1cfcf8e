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
run --model cakt --dataset statics --training '{"max_epochs":10}'

# The figures in RESULTS.md came from these runs; CAKT's folds ran as separate processes so that they could share the
# two CPUs, and their reports were combined with python -m kt_training.merge TARGET.json FOLD.json ...:
#   train --model dkt   --dataset assist2009 --export-dir $MODELS                               (5 folds)
#   train --model psikt --dataset assist2009 --export-dir $MODELS                               (5 folds)
#   train --model cakt  --dataset assist2009 --folds N                                          (N = 1..5)
#     then train --model cakt --dataset assist2009 --export-only --export-dir $MODELS
#   train --model cakt  --dataset statics --folds N --training '{"max_epochs":10}'             (N = 1..5)
# Earlier CAKT runs, kept for comparison: reports/cakt-assist2009-b32.json (batch 32, folds 1-2),
#   reports/cakt-statics-b32e5.json (batch 32, 5 epochs, fold 1), reports/cakt-statics-b8e6.json (batch 8, 6 epochs, fold 1).
# The inference figures (RESULTS.md, README "KT inference"): ./bench.sh /tmp/kt-bench   (C# BenchmarkDotNet, then PyTorch)
