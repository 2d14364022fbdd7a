"""Draw docs/layers.svg: the package's layers (the order `tests/test_layers.py` enforces), one row
each, lowest at the bottom, with every import between parts as a line.

    python docs/layers_picture.py            # rewrites docs/layers.svg

The layer order and the import scan are read from the test, so the picture cannot drift from what
CI checks. matplotlib writes the SVG (no date in it: the file only changes when the code does).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

DOCS = Path(__file__).resolve().parent
TEST = DOCS.parent / "tests" / "test_layers.py"
BOX_W, BOX_H, ROW_H = 1.5, 0.5, 1.0


def _layers_module():  # a module loaded from a path
    spec = importlib.util.spec_from_file_location("test_layers", TEST)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["test_layers"] = module
    spec.loader.exec_module(module)
    return module


def _label(part: str) -> str:
    return "claimgraph/__init__" if part == "__init__" else part


def draw(out: Path) -> None:
    layers = _layers_module()
    rows = layers.LAYERS
    widest = max(len(parts) for _, parts in rows) * (BOX_W + 0.2)
    width = widest + 2.6
    fig, ax = plt.subplots(figsize=(width * 0.95, len(rows) * ROW_H * 0.95))
    where: dict[str, tuple[float, float]] = {}
    for i, (name, parts) in enumerate(rows):
        y = i * ROW_H
        ax.text(0, y, name, ha="left", va="center", fontsize=9, style="italic", color="#444444")
        left = 2.6 + (widest - len(parts) * (BOX_W + 0.2)) / 2  # rows centred
        for j, part in enumerate(parts):
            x = left + j * (BOX_W + 0.2)
            where[part] = (x + BOX_W / 2, y)
            box = plt.Rectangle((x, y - BOX_H / 2), BOX_W, BOX_H, facecolor="#e8eef7", edgecolor="#335577")
            ax.add_patch(box)
            ax.text(x + BOX_W / 2, y, _label(part), ha="center", va="center", fontsize=8, family="monospace")
    for source, target in sorted(layers.part_imports()):
        (x0, y0), (x1, y1) = where[source], where[target]
        if y0 == y1:
            continue  # same layer: free, and a line would cross the boxes
        ax.annotate(
            "",
            xy=(x1, y1 + BOX_H / 2),
            xytext=(x0, y0 - BOX_H / 2),
            arrowprops={
                "arrowstyle": "->",
                "color": "#7f93a8",
                "lw": 0.5,
                "alpha": 0.45,
                "connectionstyle": "arc3,rad=0.08",
            },
        )
    ax.set_xlim(-0.1, width)
    ax.set_ylim(-ROW_H / 2, len(rows) * ROW_H - ROW_H / 2)
    ax.set_title("claimgraph layers: every arrow is an import, and every arrow points down", fontsize=10)
    ax.axis("off")
    fig.tight_layout()
    plt.rcParams["svg.hashsalt"] = "claimgraph"  # stable ids: the same code gives the same file
    plt.rcParams["svg.fonttype"] = "none"  # text stays text: small, searchable
    fig.savefig(out, format="svg", metadata={"Date": None})
    plt.close(fig)


if __name__ == "__main__":
    draw(DOCS / "layers.svg")
    print(f"wrote {DOCS / 'layers.svg'}")
