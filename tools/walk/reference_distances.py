#!/usr/bin/env python3
"""Independent shortest walking distances on the 宇部市 test network, for the C++ tests.

Reads tests/fixtures/walk/ube-walk-{nodes,edges}.csv (OSMnx edge list: u, v, length_m; two rows
per two-way street), treats every edge as walkable both ways, and writes, for a few source
nodes, every node within 1,000 m with its distance (Dijkstra with heapq; a node exactly at the
limit counts). Standard library only; deterministic.

    python3 tools/walk/reference_distances.py > tests/fixtures/walk/ube-reference-1000m.csv
"""
import csv
import heapq
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "walk"
SOURCES = [324886414, 324888592]  # the first two nodes of the file, and three spread ones below
LIMIT = 1000.0


def main() -> None:
    nodes = []
    with (HERE / "ube-walk-nodes.csv").open(newline="") as f:
        for row in csv.DictReader(f):
            nodes.append(int(row["node_id"]))
    adjacency = defaultdict(list)
    with (HERE / "ube-walk-edges.csv").open(newline="") as f:
        for row in csv.DictReader(f):
            u, v, length = int(row["u"]), int(row["v"]), float(row["length_m"])
            if u == v:
                continue
            adjacency[u].append((v, length))
            adjacency[v].append((u, length))
    sources = SOURCES + [nodes[len(nodes) // 4], nodes[len(nodes) // 2], nodes[3 * len(nodes) // 4]]
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["source", "target", "distance_m"])
    for s in sources:
        dist = {s: 0.0}
        heap = [(0.0, s)]
        done = set()
        while heap:
            d, v = heapq.heappop(heap)
            if v in done:
                continue
            done.add(v)
            for w, length in adjacency[v]:
                nd = d + length
                if nd <= LIMIT and nd < dist.get(w, float("inf")):
                    dist[w] = nd
                    heapq.heappush(heap, (nd, w))
        for t in sorted(dist):
            out.writerow([s, t, repr(dist[t])])


if __name__ == "__main__":
    main()
