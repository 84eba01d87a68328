"""The scikit-learn peer's quality on OUR splits, for the quality test to beat.

The peer is the seed's model (peer `spam_model.train`): TfidfVectorizer(sublinear_tf=True,
min_df=2, max_features=20000) + LogisticRegression(C=10, max_iter=1000). It is trained on our
train split (the `text` field), its threshold is chosen on our validation split by the same
rule as ours (maximise F1; the cut sits midway between the chosen score and the next lower
one), and it is scored on our test split.

usage (from the repository root, after `npm run datasets`; needs scikit-learn):
    python3 bench/peer/peer_metrics.py [--out mlkit/fixtures/peer-metrics.json]
"""
import argparse
import hashlib
import json
import os
import time

import numpy as np
import sklearn
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, f1_score, precision_score, recall_score, roc_auc_score

SPLITS = os.path.join("datasets", "build", "spam")


def load(split):
    path = os.path.join(SPLITS, split + ".jsonl")
    with open(path, "rb") as f:
        raw = f.read()
    rows = [json.loads(line) for line in raw.decode("utf-8").splitlines() if line.strip()]
    return [r["text"] for r in rows], np.array([1 if r["label"] == "spam" else 0 for r in rows]), hashlib.sha256(raw).hexdigest()


def train(texts, labels):
    """Exactly the peer's spam_model.train."""
    vec = TfidfVectorizer(sublinear_tf=True, min_df=2, max_features=20000)
    clf = LogisticRegression(max_iter=1000, C=10).fit(vec.fit_transform(texts), labels)
    return vec, clf


def threshold_for_f1(y, s):
    """mlkit's thresholdForF1: best F1 over distinct scores (highest wins ties), midpoint cut."""
    order = np.argsort(-s, kind="mergesort")
    ys, ss = y[order], s[order]
    last = np.r_[np.where(np.diff(ss) != 0)[0], len(ss) - 1]
    tps = np.cumsum(ys)[last]
    fps = (last + 1) - tps
    f1 = np.where(tps > 0, 2 * tps / (2 * tps + fps + (ys.sum() - tps)), 0.0)
    best = int(np.argmax(f1))
    thresholds = ss[last]
    return float((thresholds[best] + thresholds[best + 1]) / 2 if best + 1 < len(thresholds) else thresholds[best]), float(f1[best])


def report(y, p, threshold):
    yhat = (p >= threshold).astype(int)
    return dict(n=int(len(y)), f1=f1_score(y, yhat), precision=precision_score(y, yhat), recall=recall_score(y, yhat),
                accuracy=float((yhat == y).mean()), roc_auc=roc_auc_score(y, p), average_precision=average_precision_score(y, p))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.path.join("mlkit", "fixtures", "peer-metrics.json"))
    args = ap.parse_args()
    (xtr, ytr, htr), (xva, yva, hva), (xte, yte, hte) = load("train"), load("validation"), load("test")
    t0 = time.perf_counter()
    vec, clf = train(xtr, ytr)
    train_s = time.perf_counter() - t0
    pva = clf.predict_proba(vec.transform(xva))[:, 1]
    threshold, _ = threshold_for_f1(yva, pva)
    pte = clf.predict_proba(vec.transform(xte))[:, 1]
    out = dict(
        about="scikit-learn peer (TfidfVectorizer(sublinear_tf=True, min_df=2, max_features=20000) + "
              "LogisticRegression(C=10)) trained on our train split, threshold maximising F1 on validation. "
              "Made by bench/peer/peer_metrics.py; rerun it after the dataset changes.",
        made_with=dict(sklearn=sklearn.__version__, numpy=np.__version__),
        data_sha256=dict(train=htr, validation=hva, test=hte),
        threshold=threshold, train_seconds=round(train_s, 3),
        validation=report(yva, pva, threshold), test=report(yte, pte, threshold),
    )
    with open(args.out, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
