"""Claims, stances and contradictions: the corpus stage over per-document analyses.

Entry points (pure functions over model types; the pipeline wires them to the store):
- `claimgraph.claims.build.build_claims(documents, analyses, *, embedder=None, settings=None) -> list[Claim]`
- `claimgraph.claims.assign.assign_stances(claims, documents, analyses, *, stance_model, ...) -> list[Stance]`
- `claimgraph.claims.check.check(claim, db, *, as_of=None, track=False, settings=None) -> CheckResult`
- `claimgraph.claims.contradictions.find_contradictions(claims, analyses) -> list[Contradiction]`

Scoring them against the example corpus gold is evaluation: `claimgraph.eval.stances`.
"""
