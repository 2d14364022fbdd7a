"""Numbered error messages, in one place (spaCy-style), and the one exception type that carries them.

Messages name the thing that is wrong (a file, a database, an id) so the command line can print
one clear line and exit without a traceback. Ingest problems are not raised: they are
`claimgraph.model.IngestError` values; these are for problems that stop a command.
"""

from __future__ import annotations

from enum import StrEnum


class Errors(StrEnum):
    """Message templates; format them with `str.format` keyword arguments."""

    E001 = "[E001] {db}: cannot open the store: {problem}"
    E002 = "[E002] {db}: not a claimgraph store or corrupt ({problem})"
    E003 = "[E003] {db}: written by a newer claimgraph (unknown migrations: {names}); upgrade claimgraph"
    E004 = "[E004] no document with id {doc_id!r} in {db}"
    E005 = "[E005] id prefix {doc_id!r} is ambiguous in {db}: matches {matches}"
    E006 = "[E006] {path}: no such file or directory"
    E007 = "[E007] unknown export format {fmt!r}; choose one of {choices}"
    E008 = "[E008] {path}: cannot write: {problem}"
    E009 = "[E009] example corpus not found at {path}; is claimgraph installed with its package data?"
    E010 = "[E010] {path}: {problem}"
    E011 = "[E011] {count} ingest error(s) and --strict was given"
    E012 = "[E012] {db}: store is busy or locked by another process ({problem})"
    E013 = "[E013] unknown {what} {value!r}; choose one of {choices}"
    E014 = "[E014] {what} is not available: {problem}"
    E015 = "[E015] {problem} (or run with --no-nlp)"
    E016 = "[E016] no claim with id {claim_id!r} in {db}; `claimgraph claims` lists them"
    E017 = "[E017] claim id prefix {claim_id!r} is ambiguous in {db}: matches {matches}"
    E018 = "[E018] cannot check this claim: {problem}"
    E019 = "[E019] --as-of {value!r} is not a date; give YYYY-MM-DD"
    E030 = "[E030] {path}: is the store {db}; writing there would destroy it (choose another -o)"
    E040 = "[E040] {db}: the store is read-only ({problem}); read commands work, writing needs write access"
    E041 = "[E041] {db}: not a claimgraph store ({problem}); claimgraph leaves it unchanged"
    E042 = "[E042] {db}: the database driver {driver!r} is not installed; pip install {package}"
    E043 = "[E043] {db}: database error: {problem}; the transaction was rolled back"
    E044 = "[E044] {db}: written by an older claimgraph (missing {names}) and read-only, so not upgraded"
    E050 = "[E050] {path}: {problem}"  # an evaluation split file that cannot be used
    # E060-E069: store health (`claimgraph doctor`) and running out of disk
    E060 = "[E060] {db}: the database file is damaged: {problem}"
    E061 = "[E061] {db}: {count} row(s) of {table} point to a missing {parent} row (foreign key)"
    E062 = "[E062] {db}: {count} row(s) of {table} name a missing {parent} ({column})"
    E063 = "[E063] {db}: schema: {problem}"
    E064 = (
        "[E064] {path}: out of disk space or over the file size limit while writing ({problem}); "
        "the last unfinished batch was not kept: free space and run again"
    )
    E070 = "[E070] {path}: cannot read the verdict model: {problem}"
    E071 = "[E071] {path}: not a verdict model of this claimgraph ({problem}); see training/train_verdict.py"
    E072 = "[E072] {path}: {problem}"
    # E110-E114: the action taxonomy (data/actions.json), the NLP layer's and the models' word lists
    E110 = "[E110] {path}: cannot read the action taxonomy: {problem}"
    E111 = "[E111] {path}: action {action!r}: {problem}"
    E112 = "[E112] {path}: cannot read the attribution cue lexicon: {problem}"
    E113 = "[E113] {path}: cannot read the event word lists: {problem}"
    E114 = "[E114] {path}: cannot read the models' cue word lists: {problem}"
    # E125-E129: the NLP layer's spaCy pattern files
    E125 = "[E125] {path}, line {line}: cannot read the spaCy pattern file: {problem}"
    # E115-E119: list queries (`claimgraph.queries`) and the export schema
    E115 = "[E115] limit {value!r}: give 0 or more (or no limit)"
    # E105-E109: the Ray engine
    E105 = "[E105] the Ray engine needs Ray ({problem}): pip install 'claimgraph[ray]', or use --engine local"
    E106 = (
        "[E106] a Ray worker failed ({problem}); the batches analysed before it are stored whole: "
        "run the same command again to resume"
    )
    E107 = "[E107] cannot start Ray workers on the cluster {address}: {problem}"
    # E120-E124: Ray workers writing to PostgreSQL
    E120 = (
        "[E120] a Ray worker could not store its results ({problem}); every document stored is whole: "
        "make sure every Ray node can reach the store, then run the same command again to resume"
    )

    # E095-E099: database servers (PostgreSQL)
    E095 = (
        "[E095] {db}: lost the connection to the database ({problem}); the transaction was rolled back "
        "and nothing of it was written; retry when the database is reachable again"
    )
    # E080-E089: the web application and REST API (`claimgraph serve`)
    E080 = (
        "[E080] refusing to serve on {host}: a non-loopback address needs --token "
        "(every request must then carry it)"
    )
    E081 = "[E081] --token is too short ({length} characters); give at least {minimum}"
    E082 = "[E082] cannot listen on {host}:{port}: {problem}"
    E083 = "[E083] request body too large: over {limit} bytes"
    E084 = "[E084] authentication required: send the header 'Authorization: Bearer <token>'"
    E085 = "[E085] invalid cursor: {problem}; start again without one"
    E086 = "[E086] no {what} with id {value!r}"
    E087 = "[E087] cannot add the documents: {problem}"
    E088 = "[E088] bad request: {problem}"


class ClaimgraphError(Exception):
    """An error that stops a command; its message is one line that names the culprit."""

    def __init__(self, template: Errors, **fields: object) -> None:
        self.code = template.name
        super().__init__(template.value.format(**fields))
