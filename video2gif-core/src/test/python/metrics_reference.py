#!/usr/bin/env python3
"""Writes reference nMSD/AP values for MetricsReferenceTest, computed with numpy.

The precision-recall curve follows scikit-learn's precision_recall_curve algorithm (scikit-learn itself is not
installed here): sort by score descending, one point per distinct score, precision = tp / (tp + fp),
recall = tp / positives, stop once full recall is reached, reverse, append (precision 1, recall 0).
AP and nMSD then follow the authors' packaged evaluation (v2g_evaluation): running-max precision from the
lowest threshold, mean where the float32 recall changes; nMSD with numpy's linear percentile.

Run:  python3 metrics_reference.py > ../resources/metrics/reference.json
The Java tests only read the committed output; they never need Python.
"""
import json
import sys

import numpy as np


def pr_curve(labels, scores):
    order = np.argsort(scores, kind="mergesort")[::-1]
    s = scores[order]
    y = labels[order]
    distinct = np.where(np.diff(s))[0]
    idx = np.r_[distinct, y.size - 1]
    tps = np.cumsum(y)[idx]
    fps = 1 + idx - tps
    precision = tps / (tps + fps)
    recall = tps / tps[-1]
    last = tps.searchsorted(tps[-1])
    sl = slice(last, None, -1)
    return np.r_[precision[sl], 1], np.r_[recall[sl], 0]


def ap(labels, scores):
    if len(set(labels.tolist())) == 1:
        if labels[0] == 0:
            raise ValueError("all negative")
        return 1.0
    precision, recall = pr_curve(labels, scores)
    recall = recall.astype(np.float32)
    for i in range(1, len(precision)):
        precision[i] = max(precision[i - 1], precision[i])
    return float(np.mean(precision[np.where(np.diff(recall))]))


def nmsd(gts, scores, alpha=0.5):
    out = []
    for y in gts:
        gif_scores = scores[np.where(y > 0)[0]]
        m = len(gif_scores) * alpha
        thr = np.percentile(gif_scores, 100 * (1 - alpha))
        duration = np.sum(scores >= thr)
        out.append((duration - m) / (float(len(scores)) - m))
    return float(np.mean(out)), float(np.min(out))


def main():
    rng = np.random.default_rng(20160627)
    videos = []
    for k in range(60):
        n = int(rng.integers(5, 400))
        levels = int(rng.choice([2, 3, 5, 20, 0]))
        if levels == 0:
            scores = rng.normal(size=n)
        else:
            scores = rng.integers(0, levels, size=n) / float(levels)
        gifs = []
        for _ in range(int(rng.integers(1, 4))):
            length = int(rng.integers(1, max(2, n // 3)))
            start = int(rng.integers(0, n - 1))
            end = start + length + (int(rng.integers(0, 5)) if rng.random() < 0.2 else 0)  # sometimes past the end
            gifs.append([start, end])
        gts = []
        for start, end in gifs:
            y = np.zeros(n)
            y[start:end] = 1
            gts.append(y)
        if any(np.all(y == 1) for y in gts):
            continue
        labels = np.array(gts).max(axis=0).astype(int)
        mean, best = nmsd(gts, scores)
        videos.append({"id": "v%d" % k, "frames": n, "gifs": gifs, "scores": scores.tolist(),
                       "expected": {"nmsd": mean, "nmsdBest": best, "ap": ap(labels, scores)}})
    percentiles = []
    for k in range(40):
        vals = rng.normal(size=int(rng.integers(1, 30))) * 10.0 ** int(rng.integers(-3, 4))
        q = float(rng.choice([50.0, 0.0, 100.0, 25.0, 75.0, float(rng.uniform(0, 100))]))
        percentiles.append({"values": vals.tolist(), "q": q, "expected": float(np.percentile(vals, q))})
    json.dump({"generator": "metrics_reference.py, numpy " + np.__version__, "videos": videos,
               "percentiles": percentiles}, sys.stdout)


if __name__ == "__main__":
    main()
