"""Speed of the scikit-learn peer on our splits, for bench/mlkit.bench.ts to print beside ours.

usage (from the repository root, after `npm run datasets`; needs scikit-learn):
    python3 bench/peer/peer_bench.py [--repeats 3] [--calls 2000]
Prints one JSON object: training seconds (first run, and median of the repeats after it; vectorizer + model, on train),
predict-one latency in ms (vec.transform + predict_proba for one message, in process) for the
median-length test message and averaged over every test message.
"""
import argparse
import json
import statistics
import time

from peer_metrics import load, train


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--calls", type=int, default=2000)
    args = ap.parse_args()
    xtr, ytr, _ = load("train")
    xte, _, _ = load("test")
    times = []
    for _ in range(args.repeats + 1):  # the first run is reported apart, as bench/mlkit.bench.ts does
        t0 = time.perf_counter()
        vec, clf = train(xtr, ytr)
        times.append(time.perf_counter() - t0)
    median_text = sorted(xte, key=len)[len(xte) // 2]
    predict = lambda t: clf.predict_proba(vec.transform([t]))[0, 1]
    for t in xte[:50]:
        predict(t)  # warm-up
    t0 = time.perf_counter()
    for _ in range(args.calls):
        predict(median_text)
    one_ms = (time.perf_counter() - t0) / args.calls * 1000
    t0 = time.perf_counter()
    for t in xte:
        predict(t)
    all_ms = (time.perf_counter() - t0) / len(xte) * 1000
    print(json.dumps(dict(train_seconds=statistics.median(times[1:]), train_seconds_first=times[0], train_seconds_all=times,
                          predict_one_ms_median_message=one_ms, predict_one_ms_mean_over_test=all_ms,
                          median_message_chars=len(median_text))))


if __name__ == "__main__":
    main()
