"""Cost of merging generated people across documents (`nlp.actors.merge_actor_ids`) as people grow.

Issue 11: the merge once compared every surname with every earlier one. Invented people
(random surnames of 4-11 letters, some respelt by one letter so fuzzy merges happen, three
first names) at doubling sizes; prints CPU seconds per size and the fitted exponent (1 is
linear). Run: `python benchmarks/surname_merge.py [--sizes 2000 4000 8000 16000]`.
"""

from __future__ import annotations

import argparse
import math
import random
import time

from claimgraph.model import Actor
from claimgraph.nlp.actors import merge_actor_ids

LETTERS = "aeioubdklmnrst"


def people(n: int, rng: random.Random) -> list[Actor]:
    out = []
    for i in range(n):
        surname = "".join(rng.choice(LETTERS) for _ in range(rng.randint(4, 11)))
        if out and rng.random() < 0.2:  # a respelling of an earlier surname
            earlier = list(out[rng.randrange(len(out))].name.split()[-1].lower())
            earlier[rng.randrange(len(earlier))] = rng.choice(LETTERS)
            surname = "".join(earlier)
        first = rng.choice(["John", "J.", "Mary"])
        out.append(Actor(f"person:{i}", f"{first} {surname.title()}", "person"))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 4000, 8000, 16000])
    args = parser.parse_args()
    rng = random.Random(1)
    times = []
    for n in args.sizes:
        group = people(n, rng)
        start = time.process_time()
        mapping = merge_actor_ids([group])
        times.append(time.process_time() - start)
        merged = sum(source != target for source, target in mapping.items())
        print(f"{n:7d} people  {times[-1]:6.2f} s CPU  {merged} merged")
    exponent = math.log(times[-1] / times[0]) / math.log(args.sizes[-1] / args.sizes[0])
    print(f"fitted exponent {args.sizes[0]}->{args.sizes[-1]}: {exponent:.2f}")


if __name__ == "__main__":
    main()
