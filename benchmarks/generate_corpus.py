"""A large, realistic news corpus for scale benchmarks: real sentences, recurring claims, many outlets.

    python benchmarks/generate_corpus.py 10000 /tmp/corpus-10k.jsonl [--seed 11] [--data ../shared/data]

Real article text is recombined, never committed: every run reads the shared data sets at run time
(FNC-1 and ARC bodies, PolNeAR train texts, the article-extraction benchmark's gold bodies; see
each folder's README) and writes JSONL (`id`, `title`, `text`, `outlet`, `author`, `published`,
`url`) to the path given.

Shape. Each source article seeds a *story*. A story gets a Zipf-like share of the documents (a few
stories are covered by hundreds of documents, most by a handful), its own cast of actors drawn from
generated names, and a date window. Its *claims* are a few of the article's sentences; each document
on the story repeats two to four of them, attributed ("X said ...", "according to X", a quote, a
denial) to one of the story's actors, among filler sentences from the same article in a new order,
under a generated outlet, byline and date. So claims recur across many documents and outlets, with
agreeing and denying voices, which is what makes the corpus stage's claims, stances and verdicts
work (and what made it quadratic). Deterministic for a seed: the same arguments write the same bytes.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import random
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
MIN_SENTENCE, MAX_SENTENCE = 40, 320  # characters: drop fragments and run-ons
MIN_SENTENCES = 5  # an article with fewer usable sentences seeds no story
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"“‘A-Z0-9])|(?<=[.!?][\"”’])\s+(?=[\"“‘A-Z0-9])")
ZIPF_S = 1.0  # story popularity: share of story k ~ 1 / k^s

FIRST = (
    "Amira Ali Ana Boris Carlos Chen Daniel Elena Farid Fatima Grace Hassan Ines Ivan James Jin Karim "
    "Laila Lucas Maria Mehmet Nadia Olga Omar Pablo Priya Rafael Sara Sofia Tariq Tomas Wei Yusuf Zara"
).split()
LAST = (
    "Abadi Alvarez Bakr Brandt Castillo Chowdhury Dubois Erdem Fischer Garcia Haddad Ivanova Jensen Kaya "
    "Kowalski Larsen Mendes Moreau Nakamura Novak Okafor Petrov Quinn Rahman Rossi Schmidt Silva Tanaka "
    "Torres Usman Varga Weber Yilmaz Zhou"
).split()
ROLES = (
    "a government spokesman",
    "the foreign minister",
    "a senior official",
    "the interior minister",
    "an opposition leader",
    "a military spokesman",
    "the mayor",
    "a police spokeswoman",
    "an aid agency director",
    "a company spokesman",
    "an independent analyst",
    "the ambassador",
)
PLACES = (
    "Harbor Lagos Baltic Cedar Northern Capital Eastbank Valley Coastal Summit Prairie Riverside Atlas "
    "Granite Meridian Pacific Highland Delta Crescent Lakeshore"
).split()
PAPERS = "Times Herald Ledger Post Tribune Dispatch Chronicle Wire Observer Gazette Courier Monitor".split()
SAY = ("said", "told reporters", "said in a statement", "told the press", "wrote on social media")
DENY = ("denied", "rejected reports", "dismissed claims")


@dataclass(frozen=True, slots=True)
class Story:
    """One source article recombined: its claims, its filler sentences, its actors and time window."""

    title: str
    claims: tuple[str, ...]
    filler: tuple[str, ...]
    actors: tuple[tuple[str, str], ...]  # (name, role)
    start: date


def sentences(text: str) -> list[str]:
    """Sentences of a body by punctuation (no model: the generator must be fast at 100k documents)."""
    found = []
    for paragraph in text.split("\n"):
        for sentence in SENTENCE_END.split(paragraph.strip()):
            sentence = " ".join(sentence.split())
            if MIN_SENTENCE <= len(sentence) <= MAX_SENTENCE and sentence[-1] in '.!?"”':
                found.append(sentence)
    return found


def csv_bodies(path: Path) -> Iterator[str]:
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            yield row["articleBody"]


def source_articles(data: Path) -> list[list[str]]:
    """Sentences of every usable source article, in a fixed order; fails loudly when data is missing."""
    wanted = [
        data / "fnc1" / "train_bodies.csv",
        data / "arc_stance" / "arc_bodies.csv",
        data / "polnear" / "train" / "text",
        data / "article_extraction_benchmark" / "ground-truth.json",
    ]
    missing = [str(p) for p in wanted if not p.exists()]
    if missing:
        raise SystemExit(f"error: shared data not found: {', '.join(missing)} (give --data)")
    bodies = [*csv_bodies(wanted[0]), *csv_bodies(wanted[1])]
    bodies += [p.read_text(encoding="utf-8") for p in sorted(wanted[2].glob("*.txt"))]
    gold = json.loads(wanted[3].read_text(encoding="utf-8"))
    bodies += [gold[key]["articleBody"] for key in sorted(gold)]
    seen: set[str] = set()
    articles = []
    for body in bodies:
        found = [s for s in sentences(body) if s not in seen]
        seen.update(found)
        if len(found) >= MIN_SENTENCES:
            articles.append(found)
    return articles


def make_story(article: list[str], rng: random.Random, origin: date) -> Story:
    claims_n = min(len(article) // 3, rng.randint(2, 6))
    picked = rng.sample(range(len(article)), claims_n)
    claims = tuple(article[i] for i in picked)
    filler = tuple(s for i, s in enumerate(article) if i not in set(picked))
    cast = tuple(
        (f"{rng.choice(FIRST)} {rng.choice(LAST)}", rng.choice(ROLES)) for _ in range(rng.randint(2, 5))
    )
    words = article[0].rstrip('.!?"”').split()
    return Story(" ".join(words[:12]), claims, filler, cast, origin + timedelta(days=rng.randrange(730)))


def attributed(claim: str, actor: tuple[str, str], rng: random.Random) -> str:
    """The claim in one actor's voice: reported, quoted, sourced or denied."""
    name, role = actor
    bare = claim.rstrip('.!?"”').strip('"“”')
    lowered = bare[0].lower() + bare[1:] if bare[:2].istitle() or bare[1:2].islower() else bare
    match rng.randrange(5):
        case 0:
            return f"{name}, {role}, {rng.choice(SAY)} that {lowered}."
        case 1:
            return f"“{bare},” {name} said."
        case 2:
            return f"According to {name}, {role}, {lowered}."
        case 3:
            return f"{name} {rng.choice(DENY)} that {lowered}."
        case _:
            return f"{bare}, {name} {rng.choice(SAY)}."


def zipf_choice(rng: random.Random, weights: list[float], total: float) -> int:
    """An index drawn with probability weights[i] / total (cumulative weights, binary search)."""
    target = rng.random() * total
    lo, hi = 0, len(weights) - 1
    while lo < hi:
        mid = (lo + hi) // 2
        if weights[mid] < target:
            lo = mid + 1
        else:
            hi = mid
    return lo


def generate(count: int, seed: int, data: Path) -> Iterator[dict[str, str]]:
    """`count` documents as JSONL records (see the module docstring for their shape)."""
    rng = random.Random(seed)
    articles = source_articles(data)
    rng.shuffle(articles)
    origin = date(2015, 1, 1)
    stories = [make_story(a, rng, origin) for a in articles]
    cumulative, running = [], 0.0
    for rank in range(1, len(stories) + 1):
        running += 1 / rank**ZIPF_S
        cumulative.append(running)
    outlets = [f"The {p} {n}" for p in PLACES for n in PAPERS]
    for number in range(count):
        story = stories[zipf_choice(rng, cumulative, running)]
        body = rng.sample(story.filler, min(len(story.filler), rng.randint(6, 16)))
        for claim in rng.sample(story.claims, min(len(story.claims), rng.randint(2, 4))):
            body.insert(rng.randrange(len(body) + 1), attributed(claim, rng.choice(story.actors), rng))
        outlet = rng.choice(outlets)
        day = story.start + timedelta(days=int(rng.expovariate(1 / 20)))
        paragraphs = [" ".join(body[i : i + 3]) for i in range(0, len(body), 3)]
        yield {
            "id": f"gen-{seed}-{number}",
            "title": story.title if rng.random() < 0.5 else f"{story.title} ({outlet})",
            "text": "\n\n".join(paragraphs),
            "outlet": outlet,
            "author": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
            "published": day.isoformat(),
            "url": f"https://{outlet.lower().replace(' ', '')}.example/{day:%Y/%m/%d}/{number}",
        }


def following(size: int, added: int, seed: int, data: Path) -> list[str]:
    """Records `size` to `size + added - 1` of the corpus as JSONL lines: the documents that come
    after a stored `size`-document store of the same seed (the same stories go on)."""
    records = itertools.islice(generate(size + added, seed, data), size, None)
    return [json.dumps(r, ensure_ascii=False) + "\n" for r in records]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int, help="documents to write (e.g. 10000, 50000, 100000)")
    parser.add_argument("out", type=Path, help="JSONL file to write")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder")
    args = parser.parse_args()
    with args.out.open("w", encoding="utf-8") as f:
        for record in generate(args.count, args.seed, args.data):
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"{args.count} documents written to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
