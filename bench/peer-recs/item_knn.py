"""An independent item-kNN peer for the recommender benchmark (numpy + scipy only).

usage: python3 bench/peer-recs/item_knn.py EXPORT_DIR [--k 10] [--neighbours 50]

EXPORT_DIR holds train.csv and test.csv (header `user,item`, one interaction per line), written
by bench/recsys.bench.ts from the cleaned shop log: train = January-May, test = June.
The method, written from its definition rather than from mlkit's code: items are similar when
the same users touch them (cosine of binary user columns); each item keeps its `neighbours`
most similar items; a user's score for an item is the summed similarity from the items in their
history; the top k unseen items are recommended, and popular items (distinct users) fill the
rest. Ties go to the lower item id. Scoring is the peer's own too: relevant = the user's test
items not in their history; recall@k = hits / |relevant|; NDCG@k with linear gains.
Prints one JSON object: fit seconds, users scored, per-user recall and NDCG (ascending user id)
and the lists.
"""
import argparse
import csv
import json
import os
import time

import numpy as np
import scipy.sparse as sp


def read_pairs(path):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    return np.array([int(r["user"]) for r in rows]), np.array([int(r["item"]) for r in rows])


def fit(users, items, neighbours):
    user_ids, u = np.unique(users, return_inverse=True)
    item_ids, i = np.unique(items, return_inverse=True)
    x = sp.csr_matrix((np.ones(len(u)), (u, i)), shape=(len(user_ids), len(item_ids)))
    x.data[:] = 1.0  # repeated pairs count once: an item is in a history or not
    co = (x.T @ x).toarray()
    counts = np.diag(co).copy()
    np.fill_diagonal(co, 0.0)
    norms = np.sqrt(counts)
    sim = co / np.outer(norms, norms)
    top = np.zeros_like(sim)
    for j in range(sim.shape[0]):
        cand = np.flatnonzero(co[j] > 0)
        order = cand[np.lexsort((cand, -sim[j, cand]))][:neighbours]
        top[j, order] = sim[j, order]
    popular = np.lexsort((item_ids, -counts))
    return dict(x=x, user_ids=user_ids, item_ids=item_ids, top=top, popular=popular)


def recommend(model, user, history, k):
    item_ids = model["item_ids"]
    row = np.searchsorted(model["user_ids"], user)
    known = row < len(model["user_ids"]) and model["user_ids"][row] == user
    chosen = []
    if known:
        scores = model["x"][row] @ model["top"]
        scores = np.asarray(scores).ravel()
        seen = np.isin(item_ids, list(history))
        cand = np.flatnonzero((scores > 0) & ~seen)
        order = cand[np.lexsort((cand, -scores[cand]))][:k]
        chosen = [int(item_ids[j]) for j in order]
    for j in model["popular"]:
        if len(chosen) >= k:
            break
        item = int(item_ids[j])
        if item not in history and item not in chosen:
            chosen.append(item)
    return chosen


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("export_dir")
    ap.add_argument("--k", type=int, default=10)
    ap.add_argument("--neighbours", type=int, default=50)
    args = ap.parse_args()
    tr_u, tr_i = read_pairs(os.path.join(args.export_dir, "train.csv"))
    te_u, te_i = read_pairs(os.path.join(args.export_dir, "test.csv"))
    t0 = time.perf_counter()
    model = fit(tr_u, tr_i, args.neighbours)
    fit_seconds = time.perf_counter() - t0
    history = {}
    for u, i in zip(tr_u.tolist(), tr_i.tolist()):
        history.setdefault(u, set()).add(i)
    relevant = {}
    for u, i in zip(te_u.tolist(), te_i.tolist()):
        if i not in history.get(u, ()):
            relevant.setdefault(u, set()).add(i)
    users = sorted(relevant)
    recall, ndcg, lists = [], [], []
    for u in users:
        ranked = recommend(model, u, history.get(u, set()), args.k)
        rel = relevant[u]
        gains = [1.0 if item in rel else 0.0 for item in ranked[: args.k]]
        dcg = sum(g / np.log2(r + 2) for r, g in enumerate(gains))
        ideal = sum(1.0 / np.log2(r + 2) for r in range(min(len(rel), args.k)))
        recall.append(sum(gains) / len(rel))
        ndcg.append(dcg / ideal)
        lists.append(ranked)
    print(json.dumps(dict(fit_seconds=fit_seconds, users=users, recall=recall, ndcg=ndcg, lists=lists)))


if __name__ == "__main__":
    main()
