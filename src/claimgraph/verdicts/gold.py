"""Compare verdicts with the example corpus gold (`example_corpus/gold.json`, its `claims` list).

Gold claims are matched to built claims by text (rapidfuzz token-set ratio), since built claim ids
are hashes the gold cannot know. A gold claim no built claim matches counts as wrong.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz

from claimgraph.errors import ClaimgraphError, Errors
from claimgraph.model import Claim, Verdict

# Token-set ratio at or above which a built claim's text is the gold claim. Paraphrases of the six
# gold claims ("US, Iran cooperate militarily in Iraq") score 80-100; different claims of the same
# story (the Vienna talks vs military cooperation) score under 60.
GOLD_MATCH_MIN = 75.0
GOLD_PATH = Path(__file__).resolve().parents[1] / "example_corpus" / "gold.json"


@dataclass(frozen=True, slots=True)
class GoldRow:
    gold_text: str
    gold_label: str
    claim_id: str | None
    predicted: str | None
    explanation: str | None

    @property
    def correct(self) -> bool:
        return self.predicted == self.gold_label


def compare_with_gold(
    claims: Sequence[Claim], verdicts: Sequence[Verdict], gold_path: str | Path = GOLD_PATH
) -> list[GoldRow]:
    """One row per gold claim: the best-matching built claim's verdict next to the gold verdict."""
    path = Path(gold_path)
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))["claims"]
    except (OSError, ValueError, KeyError) as exc:
        raise ClaimgraphError(Errors.E010, path=path, problem=f"cannot read gold claims ({exc})") from None
    by_id = {v.claim_id: v for v in verdicts}
    rows = []
    for entry in gold:
        scored = [(fuzz.token_set_ratio(entry["text"].lower(), c.text.lower()), c.id) for c in claims]
        best = max(scored, default=(0.0, None))
        verdict = by_id.get(best[1]) if best[0] >= GOLD_MATCH_MIN and best[1] else None
        rows.append(
            GoldRow(
                entry["text"],
                entry["verdict"],
                verdict.claim_id if verdict else None,
                verdict.label.value if verdict else None,
                verdict.explanation if verdict else None,
            )
        )
    return rows
