"""A deterministic force-directed layout (Fruchterman–Reingold) for the relation graph.

Written here rather than borrowed so the picture is the same on every machine and needs no
graph library: the same graph always gets the same coordinates.
"""

from __future__ import annotations

import numpy as np

ITERATIONS = 300  # positions stop moving visibly after ~200 steps for the ≤ 40 nodes we draw
START_TEMPERATURE = 0.1  # largest step, as a fraction of the unit square; cools linearly to 0
MIN_DISTANCE = 1e-3  # keeps coincident nodes from dividing by zero


def force_layout(n: int, edges: list[tuple[int, int, float]]) -> np.ndarray:
    """(n, 2) positions in the unit square; nodes start on a circle so the result is deterministic."""
    if n == 0:
        return np.zeros((0, 2))
    if n == 1:
        return np.array([[0.5, 0.5]])
    angles = 2 * np.pi * np.arange(n) / n
    pos = np.column_stack([np.cos(angles), np.sin(angles)]) * 0.5
    k = np.sqrt(1.0 / n)
    weights = np.zeros((n, n))
    for i, j, w in edges:
        if i != j:
            weights[i, j] += w
            weights[j, i] += w
    weights = np.log1p(weights)  # one heavy edge should not collapse its two ends together
    for step in range(ITERATIONS):
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.maximum(np.linalg.norm(delta, axis=2), MIN_DISTANCE)
        force = (k * k / dist**2 - weights * dist / k)[:, :, None] * delta
        disp = force.sum(axis=1)
        length = np.maximum(np.linalg.norm(disp, axis=1), MIN_DISTANCE)[:, None]
        temperature = START_TEMPERATURE * (1 - step / ITERATIONS)
        pos += disp / length * np.minimum(length, temperature)
    span = np.maximum(pos.max(axis=0) - pos.min(axis=0), MIN_DISTANCE)
    return (pos - pos.min(axis=0)) / span
