"""Every threshold of the claim layer (claims/, verdicts/) in one object a user can override.

Each field names the data and split it was calibrated on. Pass a `Settings` (or one section) to
`claimgraph.check`, `analyze` and the corpus steps; `Settings()` is the shipped calibration.

    from claimgraph.settings import Settings, StanceSettings
    settings = Settings(stance=StanceSettings(min_side_probability=0.7))
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

# --- claim building (claims/build.py) -------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BuildSettings:
    """How facts become claims (claims/build.py, claims/embed.py)."""

    # Clustering similarity = (1 - lexical_weight) * cosine(embedding, cluster centroid)
    #                         + lexical_weight * Jaccard(content words, cluster leader).
    # Set on 12 invented pairs (6 paraphrases of one claim, 6 same-story different claims; the
    # example corpus's story, docs/claims.md): MiniLM paraphrases 0.39-0.67, different claims
    # 0.13-0.59; at 0.50, 5 of 6 paraphrases join and 1 of 6 different pairs does. Lexical
    # fallback: paraphrases 0.10-0.45, different 0.00-0.46; at 0.35, 4 of 6 join, 1 of 6 different.
    lexical_weight: float = 0.3
    cluster_threshold_minilm: float = 0.50
    cluster_threshold_lexical: float = 0.35
    # Blocking: a sentence is compared only with clusters whose sentences share content words with
    # it (MinHash LSH at this Jaccard, `blocking_permutations` hashes) or whose centroid is among
    # its `blocking_neighbours` nearest of the most recent `blocking_window` clusters (paraphrases
    # that share no word). Set on the example corpus (all 25 claims as without blocking) and
    # checked on FNC-1 hold-out stories and PolNeAR dev (benchmarks/claim_hygiene.py).
    blocking_jaccard: float = 0.1
    blocking_permutations: int = 64
    blocking_window: int = 512
    blocking_neighbours: int = 8
    # A rebuild's word bucket holding more than this many cluster leaders is skipped from then on
    # (None: never), bounding a sentence's comparisons at 15 buckets x cap + the neighbours. On the
    # real articles (38,385 sentences; benchmarks/cluster_cap.py --real) 256 cut the clustering's
    # CPU by 40% and left the pairs of sentences from two articles on one Emergent rumour as they
    # were (33,147 vs 33,193; precision 0.765 both); 64 cut 66% but lost 4.5% of those pairs.
    # Chosen on those data (Emergent's dev split, FNC-1 train bodies); no held-out check.
    cluster_bucket_cap: int | None = 256
    # A free-text cluster becomes its own claim only when this many documents carry it (example
    # corpus: a one-document cluster was never a claim two outlets argue about) ...
    min_cluster_documents: int = 2
    # ... and has this many different wordings: a syndicated copy repeats its original word for word.
    min_cluster_wordings: int = 2
    # A cluster joins a triple claim when at least this share of its sentences fit the triple
    # (example corpus; not re-measured on held-out data).
    join_share: float = 0.5
    # Statement contents and claim texts with fewer content words say nothing ("intelligence",
    # "the record"); example corpus, and PolNeAR dev where 3-word contents were fragments.
    min_assertion_words: int = 4
    # A cluster of denials only ("The suggestion that … have been apprehended at the border is
    # categorically false") gives its denials to the free-text claim whose centroid is this close
    # (cosine). FNC-1 train-split bodies of the three benchmark stories (benchmarks/claim_hygiene.py
    # --only fnc1-train-stories): of 8 such clusters, at 0.65 3 of 4 joins are the claim they deny
    # ("there is no such deal" -> the deal); at 0.50, 5 of 8.
    denial_join_similarity: float = 0.65
    # Two free-text claims whose texts share this share of content words (Jaccard) are one claim
    # (benchmarks/claim_hygiene.py's near-duplicate test; FNC-1 hold-out stories, PolNeAR dev).
    merge_jaccard: float = 0.8
    # A rebuild's claims step on more English documents than `batched_rebuild_above` clusters them
    # `rebuild_batch_documents` at a time through the claim index (`claims/batched_build.py`:
    # documents held bounded by a batch, clusters found through the index's buckets rather than
    # in memory); at or below it, the one-pass build (`claims/build.py`). None (the default): never
    # batched; `analyze --low-memory` sets 0. Opt-in, not a default above a size (docs/benchmarks.md,
    # "Batched claims rebuild (issue 11, batch15)"): 1.6-2.7x the one-pass step's CPU on generated
    # stores, and at 10,000 generated or 7,150 real documents claims outside the incremental tolerance.
    batched_rebuild_above: int | None = None
    rebuild_batch_documents: int = 250
    # An incremental run grows a stored claim whose members span this many documents, or a triple
    # claim of an (actor, relation) pair whose triple facts do, by what joins it, and never reads
    # its members' documents again (`claims/settled.py`); below it, a claim the new facts join is
    # rebuilt from all its members' documents. None: every claim rebuilt (exact, cost growing with
    # the store where stories recur). Measured in docs/benchmarks.md, "Settled claims".
    settled_documents: int | None = 50

    def cluster_threshold(self, embedder_kind: str) -> float:
        """The join threshold for an embedder kind ("minilm", "lexical"; others use MiniLM's)."""
        if embedder_kind == "lexical":
            return self.cluster_threshold_lexical
        return self.cluster_threshold_minilm


# --- retrieval and stances (claims/retrieval.py, claims/assign.py, claims/check.py) ----------


@dataclass(frozen=True, slots=True)
class StanceSettings:
    """Which passages a claim is judged on, and how the stance model's answer becomes a stance."""

    # A claim longer than this is not one proposition: `check` refuses it with a clear message.
    max_claim_chars: int = 1000
    # BM25 passages read per claim, and documents judged per claim (best score first). Bounds the
    # cost of `check` whatever the store's size: the stance model runs on at most this many bodies.
    max_passages: int = 3000
    max_documents: int = 200
    # A document is a candidate when one passage holds this share of the claim's content words
    # (claims of 1-2 content words need all of them); the stance model's relatedness stage then
    # decides. Calibrated on FNC-1 dev bodies (training/fnc1_split.json "dev", 120 headlines,
    # benchmarks/check_vs_model.py --split dev): FNC score 0.887 at 0 (any shared word, BM25 top
    # `max_documents`), 0.877 at 0.15, 0.832 at 0.25, 0.719 at 0.34; the model alone 0.893.
    min_passage_coverage: float = 0.0
    # Candidate documents are ranked by their best passage's BM25 times (the share of the claim's
    # content words that their retrieved passages cover together) ** this (0: BM25 alone); the
    # product is `Candidate.score`, stored and compared at admission (claims/retrieval.py
    # `document_score`). Tuned on FNC-1 train headlines among 50,000 generated documents
    # (benchmarks/rank_recall.py: gold-related bodies in the first 200, 0.839 at 0, 0.867 at 0.5,
    # 0.868 at 1, 0.864 at 2); FNC-1 dev (check_vs_model.py, 150 headlines): FNC score 0.885 at 0
    # and 1 on the dev bodies alone, 0.890 -> 0.889 among 1,000 generated documents, 0.886 -> 0.891
    # among 10,000, 0.754 -> 0.807 among 50,000, 0.679 -> 0.706 among 100,000 (docs/benchmarks.md,
    # "Candidate ranking at scale").
    document_coverage_exponent: float = 1.0
    # At the caps, an incremental run admits a new document when its score beats the claim's
    # weakest stored candidate, scoring only the new passages (claims/update.py `_admit`); old
    # documents keep the scores of their last retrieval. True: retrieve such a claim again over
    # the whole index on every run, as a rebuild would (exact, one full search per claim reached).
    # Measured on 1,000 FNC-1 documents +10: 97.8% of claims with the exact stances, every verdict
    # label the same, the stance step 23.1 -> 13.7 s CPU (docs/benchmarks.md, "Tolerant admission").
    exact_caps: bool = False
    # Admission's drift is bounded: a claim at the caps is retrieved again in full (its scores
    # recomputed with the index's statistics of now) once the passage index has grown by this
    # share since its last full retrieval. Each claim is then searched in full about once per
    # 25% of growth: O(claims × log(growth)) searches over a store's life instead of one per run.
    refresh_growth: float = 0.25
    # A quoted statement is judged when its content holds this share of the claim's words.
    min_statement_coverage: float = 0.34
    # Evidence sentences kept per stance.
    max_evidence: int = 4
    # The stance model's input checks (claims/stance.py `input_problem`); a pair failing one is
    # unrelated, with the reason. A body needs this many words to carry a stance (FNC-1's shortest
    # real bodies have ~20).
    min_body_words: int = 3
    # English check on texts of this many words or more, by the share of English stopwords:
    # FNC-1 train bodies of 20+ words have a 1st percentile of 0.32 (2 of 1,634 fall under 0.12),
    # ARC bodies 0.34 (1 of 4,448); French and German news paragraphs we wrote score 0.02-0.06.
    english_check_min_words: int = 20
    min_english_stopword_ratio: float = 0.12
    # Texts whose letters are mostly outside ASCII (Cyrillic, Arabic, CJK, ...) are not English.
    min_ascii_letter_ratio: float = 0.5


# --- contradictions (claims/contradictions.py) -------------------------------------------------


@dataclass(frozen=True, slots=True)
class ContradictionSettings:
    """How many contradictions a claim lists, and how many members per side are compared.

    Caps, not calibrated thresholds: they bound the cost and the reading, not what counts as a
    contradiction."""

    # Five pairs are what a reader looks at per claim; the rest repeat the same disagreement.
    max_per_claim: int = 5
    # Members per side compared (20 x 20 = 400 pairs per claim at most): enough to find every
    # distinct holder's disagreement in a story; the cap keeps a claim carried by thousands of
    # documents linear.
    max_per_side: int = 20


# --- verdicts (verdicts/) --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class VerdictSettings:
    """How stances become a verdict (verdicts/model.py, verdicts/__init__.py, verdicts/truth.py)."""

    # Verdict model weights (JSON written by training/train_verdict.py); None: the shipped model,
    # trained on ../shared/data/emergent_veracity/train.csv (all 190 claims; C and features chosen
    # by 5-fold cross-validation by claim on the same file, see docs/verdicts.md).
    model_path: str | None = None
    # corroborated / denied only when the model's P(true) / P(false) reaches this; below it the
    # claim reads as unknown (disputed / single-source / unverified). 0: the most probable class,
    # which is what the cross-validated figures in docs/benchmarks.md measure.
    min_decisive_probability: float = 0.0
    # Truth discovery (source reliabilities, verdicts/truth.py), set on the synthetic benchmark
    # (benchmarks/truth_discovery.py): an outlet nobody vouches for is right this often, and the
    # prior counts as this many votes (2-8 gave the same ranks).
    default_prior: float = 0.7
    prior_strength: float = 4.0
    # A voice known only from reproduced (quoted/comment) text counts this much in truth
    # discovery; 0.3-0.7 left the example-corpus gold unchanged (smoke test, not a calibration).
    second_hand_weight: float = 0.5


# --- all of them -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Settings:
    build: BuildSettings = field(default_factory=BuildSettings)
    stance: StanceSettings = field(default_factory=StanceSettings)
    contradiction: ContradictionSettings = field(default_factory=ContradictionSettings)
    verdict: VerdictSettings = field(default_factory=VerdictSettings)


DEFAULT_SETTINGS = Settings()


def low_memory_settings(settings: Settings = DEFAULT_SETTINGS) -> Settings:
    """These settings with every rebuild's claims step batched (`analyze --low-memory`)."""
    return replace(settings, build=replace(settings.build, batched_rebuild_above=0))
