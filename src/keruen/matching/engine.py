"""Ranked partner suggestions for a whole directory.

How it scales: nothing loops over all pairs in Python. Each code signal is a *channel*, an
inverted index from a token (an HS code at some level, a value-chain link, a G2B topic, ...) to
the organizations holding it on the other end. For a block of readers the channels are expanded
with numpy into (reader, partner, evidence) rows, the rows are grouped per pair, and only pairs
that share at least one signal are scored, plus each reader's nearest text neighbours (a dense
block of dot products, BLAS) and the organizers' pinned and boosted pairs. Reasons are then built
in Python for the top-k pairs only.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import mmap
import multiprocessing as mp
import os
from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, TypeVar

import numpy as np
from numpy.typing import NDArray

from keruen.matching import scoring
from keruen.matching.features import (
    FAMILIES,
    SECTOR_TOKENS,
    OrgFeatures,
    airport,
    body_tokens,
    corridor_carrier,
    document,
    extract,
    feeds,
    hs_tokens,
    moves_heavy,
    receives,
    seeks_reefer,
    value_chain,
)
from keruen.matching.hs_text import HeadingLexicon, default_heading_lexicon
from keruen.matching.reasons import build_reasons
from keruen.matching.scoring import (
    CHAIN,
    HS,
    LANGUAGE,
    PROFILE,
    TEXT,
    TOPIC,
)
from keruen.matching.text import NgramTextSimilarity, TextSimilarity, default_text_similarity
from keruen.matching.types import OrganizationProfile, PairRules, Reason, Suggestion

IntArray = NDArray[np.int64]
TokenT = TypeVar("TokenT", bound=Hashable)
FloatArray = NDArray[np.float64]


_BLOCK_CELLS = 16_000_000  # readers × organizations per block (text similarity block, float32)


def _block_rows(n: int) -> int:
    """Readers per block of a directory of `n` (also the rows of `_text_scale`'s products)."""
    return max(1, min(n, _BLOCK_CELLS // max(1, n)))


@dataclass(frozen=True, slots=True)
class _Channel:
    """An inverted index: reader tokens → organizations holding the matching token."""

    part: int
    reader_indptr: IntArray
    reader_tokens: IntArray
    reader_weight: FloatArray
    post_indptr: IntArray
    post_orgs: IntArray
    post_weight: FloatArray
    strength: FloatArray  # per token

    @staticmethod
    def build(
        part: int,
        readers: Sequence[Mapping[TokenT, float]],
        holders: Sequence[Mapping[TokenT, float]],
        strength: Mapping[TokenT, float] | float,
    ) -> _Channel:
        vocabulary: dict[TokenT, int] = {}
        for bag in (*readers, *holders):
            for token in bag:
                vocabulary.setdefault(token, len(vocabulary))
        r_indptr = np.zeros(len(readers) + 1, dtype=np.int64)
        r_tokens: list[int] = []
        r_weight: list[float] = []
        for row, bag in enumerate(readers):
            r_tokens.extend(vocabulary[t] for t in bag)
            r_weight.extend(bag.values())
            r_indptr[row + 1] = len(r_tokens)
        postings: list[list[tuple[int, float]]] = [[] for _ in vocabulary]
        for org, bag in enumerate(holders):
            for token, weight in bag.items():
                postings[vocabulary[token]].append((org, weight))
        p_indptr = np.zeros(len(vocabulary) + 1, dtype=np.int64)
        np.cumsum([len(p) for p in postings], out=p_indptr[1:])
        flat = [entry for posting in postings for entry in posting]
        tokens_by_id = list(vocabulary)
        if isinstance(strength, Mapping):
            strengths = np.array([strength[t] for t in tokens_by_id], dtype=np.float64)
        else:
            strengths = np.full(len(vocabulary), float(strength), dtype=np.float64)
        return _Channel(
            part=part,
            reader_indptr=r_indptr,
            reader_tokens=np.array(r_tokens, dtype=np.int64),
            reader_weight=np.array(r_weight, dtype=np.float64),
            post_indptr=p_indptr,
            post_orgs=np.array([o for o, _ in flat], dtype=np.int64),
            post_weight=np.array([w for _, w in flat], dtype=np.float64),
            strength=strengths,
        )

    def expand(self, start: int, stop: int) -> tuple[IntArray, IntArray, FloatArray]:
        """(reader, partner, log(1 - c)) for every piece of evidence of readers [start, stop)."""
        lo, hi = int(self.reader_indptr[start]), int(self.reader_indptr[stop])
        tokens = self.reader_tokens[lo:hi]
        readers = np.repeat(
            np.arange(start, stop, dtype=np.int64), np.diff(self.reader_indptr[start : stop + 1])
        )
        first = self.post_indptr[tokens]
        lengths = self.post_indptr[tokens + 1] - first
        entry = np.repeat(np.arange(len(tokens), dtype=np.int64), lengths)
        offsets = np.arange(len(entry), dtype=np.int64) - np.repeat(
            np.cumsum(lengths) - lengths, lengths
        )
        position = first[entry] + offsets
        piece = (
            self.strength[tokens[entry]]
            * self.reader_weight[lo:hi][entry]
            * self.post_weight[position]
        )
        values = np.log1p(-np.minimum(piece, scoring.MAX_PIECE))
        return readers[entry], self.post_orgs[position], values


def _channels(features: Sequence[OrgFeatures]) -> list[_Channel]:
    """Narrow signals that generate candidates; every channel has its mirror."""
    # Chapter-level (2-digit) HS evidence, same-activity peers and logistics are too common to
    # generate candidates (a popular chapter, or every forwarder, links thousands of pairs); they
    # are scored pair by pair in `_PairEvidence` and reach readers through the bound of phase 2.
    offers = [{t: 1.0 for t in hs_tokens(f.hs_offers) if t[0] > 2} for f in features]
    needs = [{t: 1.0 for t in hs_tokens(f.hs_needs) if t[0] > 2} for f in features]
    hs_strength = {tok: scoring.HS_STRENGTH[tok[0]] for bag in (*offers, *needs) for tok in bag}
    # Headings named in texts (`hs_text`): pairs where at least one end is inferred, so that a
    # declared ↔ declared match is never counted twice.
    weight = scoring.INFERRED_HS_WEIGHT
    declared_offers = [{c[:4]: 1.0 for c in f.hs_offers if len(c) >= 4} for f in features]
    declared_needs = [{c[:4]: 1.0 for c in f.hs_needs if len(c) >= 4} for f in features]
    text_offers = [dict.fromkeys(f.inferred_offers, weight) for f in features]
    text_needs = [dict.fromkeys(f.inferred_needs, weight) for f in features]
    any_offers = [{**d, **t} for d, t in zip(declared_offers, text_offers, strict=True)]
    any_needs = [{**d, **t} for d, t in zip(declared_needs, text_needs, strict=True)]
    inferred = scoring.INFERRED_HS_STRENGTH
    links = value_chain()
    chain_strength = {i: scoring.CHAIN_STRENGTH * link.weight for i, link in enumerate(links)}
    up = [{i: fit for i, (fit, _) in f.chain_up.items()} for f in features]
    down = [{i: fit for i, (fit, _) in f.chain_down.items()} for f in features]
    offer_items = [dict.fromkeys(f.offer_profile_tokens, 1.0) for f in features]
    request_items = [dict.fromkeys(f.request_profile_tokens, 1.0) for f in features]
    # capital offered in a sector meets a project of that sector by itself where one of the two
    # names its sector only as a whole (`features.SECTOR_TOKENS`)
    profile_strength = {
        token: scoring.PROFILE_SECTOR_STRENGTH
        if token[1] in SECTOR_TOKENS
        else scoring.PROFILE_CODED_STRENGTH
        for bag in (*offer_items, *request_items)
        for token in bag
    }
    explicit = [dict.fromkeys(f.explicit_topics, 1.0) for f in features]
    derived_only = [dict.fromkeys(f.all_topics - f.explicit_topics, 1.0) for f in features]
    services_asked = [dict.fromkeys(f.services_asked, 1.0) for f in features]
    services_provided = [dict.fromkeys(f.services_provided, 1.0) for f in features]
    counterparts = [dict.fromkeys(f.services_counterpart, 1.0) for f in features]
    body_bags = [body_tokens(f) for f in features]
    body_readers = [reader for reader, _ in body_bags]
    body_holders = [holder for _, holder in body_bags]
    return [
        _Channel.build(HS, offers, needs, hs_strength),
        _Channel.build(HS, needs, offers, hs_strength),
        _Channel.build(HS, text_offers, any_needs, inferred),
        _Channel.build(HS, declared_offers, text_needs, inferred),
        _Channel.build(HS, text_needs, any_offers, inferred),
        _Channel.build(HS, declared_needs, text_offers, inferred),
        _Channel.build(CHAIN, up, down, chain_strength),
        _Channel.build(CHAIN, down, up, chain_strength),
        _Channel.build(PROFILE, offer_items, request_items, profile_strength),
        _Channel.build(PROFILE, request_items, offer_items, profile_strength),
        # a service asked for by its provider ↔ an organization whose activity provides it
        _Channel.build(PROFILE, services_asked, services_provided, scoring.SERVICE_STRENGTH),
        _Channel.build(PROFILE, services_provided, services_asked, scoring.SERVICE_STRENGTH),
        # providers of one service that the two sides' providers give together (law, tourism,
        # exhibitions; one channel: its own mirror)
        _Channel.build(PROFILE, counterparts, counterparts, scoring.COUNTERPART_SERVICE_STRENGTH),
        # a topic counts when at least one of the two holds it explicitly (an official); an
        # official and a company in its field (a topic derived from activities) meet less surely
        # than two officials on the same topic
        _Channel.build(TOPIC, explicit, explicit, scoring.TOPIC_STRENGTH),
        _Channel.build(TOPIC, explicit, derived_only, scoring.TOPIC_DERIVED_STRENGTH),
        _Channel.build(TOPIC, derived_only, explicit, scoring.TOPIC_DERIVED_STRENGTH),
        # counterpart bodies (one channel: the relation is its own mirror; agencies of one
        # field, `features.counterpart_bodies`)
        _Channel.build(TOPIC, body_readers, body_holders, scoring.BODY_STRENGTH),
    ]


MAX_PEER_CODES = 8  # ISIC codes per organization compared for the "same activity" signal


def _bitmasks(values: Sequence[Iterable[str]], order: dict[str, int]) -> IntArray:
    masks = np.zeros(len(values), dtype=np.int64)
    for row, items in enumerate(values):
        bits = 0
        for item in items:
            bits |= 1 << (order.setdefault(item, len(order)) % 63)
        masks[row] = bits
    return masks


@dataclass(frozen=True, slots=True)
class _Directory:
    """Per-organization arrays for everything scored pair by pair."""

    sides: IntArray
    offer_chapters: NDArray[np.uint64]  # (n, 2) bitsets of HS chapters 00-99
    need_chapters: NDArray[np.uint64]
    offer_broad: NDArray[np.uint64]  # chapters declared as such (a 2-digit code)
    sold_chapters: NDArray[np.uint64]  # chapters of offers, declared or named in a text
    refused_chapters: NDArray[np.uint64]  # chapters of goods it says it wants from no one
    stated_goods: NDArray[np.bool_]  # HS codes declared or headings named in a text
    concrete: NDArray[np.bool_]  # stated goods, or a service of its own (`service_work`)
    # asks for goods / a business whose goods nothing names (`OrgFeatures.buys`, `.unread`)
    buys: NDArray[np.bool_]
    unread: NDArray[np.bool_]
    asks_unnamed: NDArray[np.bool_]  # asks for goods and names none of them
    need_broad: NDArray[np.uint64]
    activities: IntArray  # (n, width) ISIC codes as ints, -1 padded
    provider: FloatArray
    shipper: FloatArray
    seeker: FloatArray  # 1.0 when the organization asks for transport
    carries: NDArray[np.bool_]  # a provider that moves goods (not a terminal alone)
    investment_only: NDArray[np.bool_]  # seeks capital and offers nothing concrete
    vague: NDArray[np.bool_]  # takes anything and names nothing (`OrgFeatures.vague`)
    body: NDArray[np.bool_]  # an association, university, government or cultural body
    modes: IntArray  # bitsets of a provider's transport modes
    # bitsets of the modes a request for transport names, with "forwarding" (a forwarder
    # arranges any mode); 0: any carrier
    seeks_modes: IntArray
    # runs a terminal; asks for rail (rail containers asked for are handled at a terminal)
    terminal: NDArray[np.bool_]
    seeks_rail: NDArray[np.bool_]
    # a reefer fleet that carries nothing else; asks for a named mode that is not a reefer
    cold_only: NDArray[np.bool_]
    heavy_only: NDArray[np.bool_]  # names oversized loads and no other mode
    moves_heavy: NDArray[np.bool_]  # can move an oversized load (`features.moves_heavy`)
    seeks_heavy: NDArray[np.bool_]  # asks for oversized or heavy transport
    seeks_dry: NDArray[np.bool_]
    corridor: NDArray[np.bool_]  # hands freight on along an overland corridor
    seeks_fleet: NDArray[np.bool_]  # a forwarder that asks for partner fleets
    runs_vehicles: NDArray[np.bool_]  # a carrier with vehicles of its own
    feeds: IntArray  # what a carrier hands over at a terminal (`features.feeds`)
    airport: NDArray[np.bool_]  # an airport's cargo terminal (`features.airport`)
    seeks_air: NDArray[np.bool_]  # a request for transport that names air
    receives: IntArray  # what a terminal receives (`features.receives`)
    # names modes, none of them road nor reefers; or dry-cargo vehicles and no reefer
    off_road: NDArray[np.bool_]
    seeks_reefer: NDArray[np.bool_]  # asks for a reefer by road
    # the bit of its country, and the bits of the countries a provider's routes reach (0: any;
    # `features.route_countries`)
    country: IntArray
    route: IntArray
    # upper bound of the logistics piece an organization can receive from a provider of weight 1
    logistics_reach: FloatArray
    languages: IntArray  # bitsets
    reach: IntArray  # languages reachable through an interpreter
    offer_families: IntArray
    request_families: IntArray
    # organizations grouped by (side, languages, reach); factor_table[class_a, class_b] is the
    # language factor of the score, 0 within a side (phase-2 bound)
    factor_class: IntArray
    factor_table: NDArray[np.float32]
    language_table: FloatArray  # the language part between two classes (any sides)
    broad: NDArray[np.bool_]  # declared a chapter as such (offer or need)
    # (offer, need) chapter bitsets as contiguous columns: chapters 0-63, chapters 64-99
    chapter_words: tuple[tuple[NDArray[np.uint64], NDArray[np.uint64]], ...]
    active: NDArray[np.bool_]  # has an ISIC code (may be a peer)

    @staticmethod
    def build(
        organizations: Sequence[OrganizationProfile],
        features: Sequence[OrgFeatures],
        interpreters: frozenset[frozenset[str]],
    ) -> _Directory:
        n = len(features)
        side_order: dict[str, int] = {}
        sides = np.array([side_order.setdefault(o.side, len(side_order)) for o in organizations])
        offer = np.zeros((n, 2), dtype=np.uint64)
        need = np.zeros((n, 2), dtype=np.uint64)
        offer_broad = np.zeros((n, 2), dtype=np.uint64)
        need_broad = np.zeros((n, 2), dtype=np.uint64)
        sold = np.zeros((n, 2), dtype=np.uint64)
        refused = np.zeros((n, 2), dtype=np.uint64)
        width = max(1, min(MAX_PEER_CODES, max((len(f.isic) for f in features), default=1)))
        activities = np.full((n, width), -1, dtype=np.int64)
        for row, f in enumerate(features):
            for target, codes in ((offer, f.hs_offers), (need, f.hs_needs)):
                for chapter in {int(code[:2]) for code in codes}:
                    target[row, chapter // 64] |= np.uint64(1 << (chapter % 64))
            for chapter in {int(code[:2]) for code in (*f.hs_offers, *f.inferred_offers)}:
                sold[row, chapter // 64] |= np.uint64(1 << (chapter % 64))
            for chapter in {int(code) for code in f.refused_chapters}:
                refused[row, chapter // 64] |= np.uint64(1 << (chapter % 64))
            for target, codes in ((offer_broad, f.hs_offers), (need_broad, f.hs_needs)):
                for chapter in {int(code) for code in codes if len(code) == 2}:
                    target[row, chapter // 64] |= np.uint64(1 << (chapter % 64))
            for col, code in enumerate(f.isic[:width]):
                activities[row, col] = int(code) * 10 + len(code)
        language_order: dict[str, int] = {}
        languages = _bitmasks([sorted(o.languages) for o in organizations], language_order)
        reach = np.zeros(n, dtype=np.int64)
        for pair in interpreters:
            a, b = sorted(pair)
            bit_a = 1 << (language_order.setdefault(a, len(language_order)) % 63)
            bit_b = 1 << (language_order.setdefault(b, len(language_order)) % 63)
            reach |= np.where(languages & bit_a, bit_b, 0) | np.where(languages & bit_b, bit_a, 0)
        family_order = {family: i for i, family in enumerate(FAMILIES)}
        profile = np.stack([sides, languages, reach], axis=1)
        classes, factor_class = np.unique(profile, axis=0, return_inverse=True)
        factor_class = factor_class.reshape(-1)
        c_side, c_lang, c_reach = classes[:, 0], classes[:, 1], classes[:, 2]
        mine, theirs = c_lang[:, None], c_lang[None, :]
        language = np.where(
            (mine == 0) | (theirs == 0),
            scoring.LANGUAGE_UNKNOWN,
            np.where(
                (mine & theirs) != 0,
                scoring.LANGUAGE_SHARED,
                np.where((c_reach[:, None] & theirs) != 0, scoring.LANGUAGE_INTERPRETER, 0.0),
            ),
        )
        factor = scoring.LANGUAGE_FLOOR + (1.0 - scoring.LANGUAGE_FLOOR) * language
        factor[c_side[:, None] == c_side[None, :]] = 0.0
        provider = np.array([f.provider[0] for f in features], dtype=np.float64)
        shipper = np.array([f.shipper[0] for f in features], dtype=np.float64)
        seeker = np.array([float(f.seeks_transport) for f in features], dtype=np.float64)
        mode_order: dict[str, int] = {}
        country_order: dict[str, int] = {}
        country = _bitmasks([[f.country] if f.country else [] for f in features], country_order)
        route = _bitmasks([sorted(f.route) for f in features], country_order)
        return _Directory(
            country=country,
            route=route,
            sides=sides,
            offer_chapters=offer,
            need_chapters=need,
            offer_broad=offer_broad,
            sold_chapters=sold,
            refused_chapters=refused,
            stated_goods=np.array(
                [
                    bool(f.hs_offers or f.hs_needs or f.inferred_offers or f.inferred_needs)
                    for f in features
                ],
                dtype=bool,
            ),
            concrete=np.array(
                [
                    bool(f.hs_offers or f.hs_needs or f.inferred_offers or f.inferred_needs)
                    or f.service_work
                    for f in features
                ],
                dtype=bool,
            ),
            buys=np.array([f.buys for f in features], dtype=bool),
            unread=np.array([f.unread for f in features], dtype=bool),
            asks_unnamed=np.array(
                [f.buys and not (f.hs_needs or f.inferred_needs) for f in features], dtype=bool
            ),
            need_broad=need_broad,
            activities=activities,
            provider=provider,
            shipper=shipper,
            seeker=seeker,
            carries=np.array([f.carries for f in features], dtype=bool),
            terminal=np.array([f.handles_cargo for f in features], dtype=bool),
            # rail or a terminal asked for: a terminal on the line serves it
            seeks_rail=np.array(
                [
                    f.seeks_transport and bool(f.seeks_modes & {"rail", "terminal"})
                    for f in features
                ],
                dtype=bool,
            ),
            cold_only=np.array([f.cold_only for f in features], dtype=bool),
            heavy_only=np.array([f.heavy_only for f in features], dtype=bool),
            moves_heavy=np.array([moves_heavy(f) for f in features], dtype=bool),
            seeks_heavy=np.array(
                [f.seeks_transport and "heavy" in f.seeks_modes for f in features], dtype=bool
            ),
            corridor=np.array([corridor_carrier(f) for f in features], dtype=bool),
            seeks_fleet=np.array([f.seeks_fleet for f in features], dtype=bool),
            runs_vehicles=np.array([f.runs_vehicles for f in features], dtype=bool),
            feeds=np.array([feeds(f) for f in features], dtype=np.int64),
            airport=np.array([airport(f) for f in features], dtype=bool),
            seeks_air=np.array(
                [f.seeks_transport and "air" in f.seeks_modes for f in features], dtype=bool
            ),
            receives=np.array([receives(f) for f in features], dtype=np.int64),
            off_road=np.array([f.off_road or f.dry_only for f in features], dtype=bool),
            seeks_reefer=np.array([seeks_reefer(f) for f in features], dtype=bool),
            seeks_dry=np.array(
                [
                    f.seeks_transport and bool(f.seeks_modes) and "cold" not in f.seeks_modes
                    for f in features
                ],
                dtype=bool,
            ),
            body=np.array([bool(f.body) for f in features], dtype=bool),
            investment_only=np.array([f.investment_only for f in features], dtype=bool),
            vague=np.array([f.vague for f in features], dtype=bool),
            modes=_bitmasks([sorted(f.modes) for f in features], mode_order),
            seeks_modes=_bitmasks(
                [sorted(f.seeks_modes | {"forwarding"}) if f.seeks_modes else () for f in features],
                mode_order,
            ),
            logistics_reach=np.minimum(
                1.0,
                np.where(
                    seeker > 0,
                    scoring.LOGISTICS_SEEKER_STRENGTH,
                    scoring.LOGISTICS_SHIPPER_STRENGTH * shipper,
                )
                + scoring.CARRIER_COMPLEMENT_STRENGTH * (provider > 0),
            ),
            languages=languages,
            reach=reach,
            offer_families=_bitmasks([f.offer_families for f in features], family_order),
            request_families=_bitmasks([f.request_families for f in features], family_order),
            factor_class=factor_class.astype(np.int64),
            factor_table=factor.astype(np.float32),
            language_table=np.asarray(language, dtype=np.float64),
            broad=np.asarray((offer_broad | need_broad).any(axis=1), dtype=bool),
            chapter_words=tuple(
                (np.ascontiguousarray(offer[:, w]), np.ascontiguousarray(need[:, w]))
                for w in (0, 1)
            ),
            active=activities[:, 0] >= 0,
        )

    def language(self, a: IntArray, b: IntArray) -> FloatArray:
        mine, theirs = self.languages[a], self.languages[b]
        return np.where(
            (mine == 0) | (theirs == 0),
            scoring.LANGUAGE_UNKNOWN,
            np.where(
                (mine & theirs) != 0,
                scoring.LANGUAGE_SHARED,
                np.where((self.reach[a] & theirs) != 0, scoring.LANGUAGE_INTERPRETER, 0.0),
            ),
        )

    def logistics(self, a: IntArray, b: IntArray) -> FloatArray:
        """log(1 - c) of the logistics evidence: a serves b, b serves a, corridor partners."""
        cap = scoring.MAX_PIECE

        def serves(p: IntArray, q: IntArray) -> FloatArray:
            # a terminal or warehouse is not the carrier a shipper asked for
            asked_mode = (self.seeks_modes[q] == 0) | ((self.modes[p] & self.seeks_modes[q]) != 0)
            asked_mode &= ~(self.cold_only[p] & self.seeks_dry[q])
            asked_mode &= ~(self.off_road[p] & self.seeks_reefer[q])
            asked_mode &= ~(self.heavy_only[p] & ~self.seeks_heavy[q])
            asked_mode &= ~(self.seeks_heavy[q] & ~self.moves_heavy[p])
            asked_mode &= ~(self.airport[p] & ~self.seeks_air[q])
            asked = (self.carries[p] & asked_mode) | (self.terminal[p] & self.seeks_rail[q])
            # a fleet whose routes stay at home or go elsewhere carries nothing for q
            there = self._reaches(p, q)
            need = np.where(
                (self.seeker[q] > 0) & asked,
                scoring.LOGISTICS_SEEKER_STRENGTH,
                scoring.LOGISTICS_SHIPPER_STRENGTH * self.shipper[q],
            )
            value: FloatArray = np.log1p(-np.minimum(self.provider[p] * need * there, cap))
            return value

        ma, mb = self.modes[a], self.modes[b]
        complement = ((ma & ~mb) != 0) & ((mb & ~ma) != 0)
        complement &= self.corridor[a] & self.corridor[b]
        # a forwarder that asks for partner fleets and a carrier with vehicles of its own
        fa, fb = self.seeks_fleet[a], self.seeks_fleet[b]
        complement |= (fa & ~fb & self.runs_vehicles[b]) | (fb & ~fa & self.runs_vehicles[a])
        # a carrier and the terminal its freight arrives at (`features.handover_partners`)
        complement |= ((self.feeds[a] & self.receives[b]) != 0) | (
            (self.feeds[b] & self.receives[a]) != 0
        )
        # a project that seeks capital for a warehouse runs none yet: no same-mode peer; an
        # air-cargo agent and a rail terminal share no mode and meet on no corridor
        operating = ~self.investment_only[a] & ~self.investment_only[b] & ((ma & mb) != 0)
        corridor = np.minimum(self.provider[a], self.provider[b]) * (
            self._reaches(a, b) & self._reaches(b, a)
        )
        corridor *= np.where(
            complement,
            scoring.CARRIER_COMPLEMENT_STRENGTH,
            np.where(operating, scoring.CARRIER_SAME_MODE_STRENGTH, 0.0),
        )
        total: FloatArray = serves(a, b) + serves(b, a) + np.log1p(-np.minimum(corridor, cap))
        return total

    def _reaches(self, p: IntArray, q: IntArray) -> NDArray[np.bool_]:
        """Whether p's routes reach q's country (`features.reaches`)."""
        route = self.route[p]
        return np.asarray((route == 0) | (self.country[q] == 0) | ((route & self.country[q]) != 0))

    def broad_log_keep(self, a: IntArray, b: IntArray) -> FloatArray:
        """log(1 - c) of chapter matches where one side declared the chapter itself ("52")."""
        oa, ob, na, nb = (
            self.offer_chapters[a],
            self.offer_chapters[b],
            self.need_chapters[a],
            self.need_chapters[b],
        )
        shared = np.bitwise_count((oa & self.need_broad[b]) | (self.offer_broad[a] & nb)).sum(
            axis=1
        )
        shared += np.bitwise_count((ob & self.need_broad[a]) | (self.offer_broad[b] & na)).sum(
            axis=1
        )
        return np.asarray(shared * scoring.log_factor(scoring.HS_STRENGTH[2]))

    def pair_log_keep(
        self, a: IntArray, b: IntArray
    ) -> tuple[FloatArray, FloatArray, NDArray[np.bool_]]:
        """log(1 - c) of chapter-level HS matches, and of a shared activity plus logistics.

        A chapter-level match adds to the evidence of a heading or subheading match (the
        channels), never alone: textile machinery (8445) and harvesters (8433) share chapter 84
        and nothing else.
        """
        shared = np.bitwise_count(self.offer_chapters[a] & self.need_chapters[b]).sum(axis=1)
        shared += np.bitwise_count(self.offer_chapters[b] & self.need_chapters[a]).sum(axis=1)
        hs = shared * scoring.log_factor(scoring.HS_STRENGTH[2])
        left, right = self.activities[a], self.activities[b]
        peer = np.zeros(len(a), dtype=bool)
        for col in range(left.shape[1]):
            peer |= ((left[:, col : col + 1] == right) & (right >= 0)).any(axis=1)
        chain = peer * scoring.log_factor(scoring.PEER_STRENGTH) + self.logistics(a, b)
        return hs, chain, peer


def _pair_table(
    pairs: Iterable[tuple[str, str]], index: Mapping[str, int], n: int
) -> dict[int, int]:
    """Both directions of each known pair as global keys reader * n + partner → position."""
    keys: dict[int, int] = {}
    for position, (a, b) in enumerate(pairs):
        if a in index and b in index:
            keys[index[a] * n + index[b]] = position
            keys[index[b] * n + index[a]] = position
    return keys


_KTH_LEVELS = 256


def _kth_best(readers: IntArray, score: FloatArray, rows: int, k: int) -> FloatArray:
    """The k-th best score of each reader row (0 when it has fewer than k candidates)."""
    kth = np.zeros(rows)
    if len(readers) == 0:
        return kth
    # Sort only what can be a reader's k best: scores (in [0, 1]) at or above the highest level
    # (a multiple of 1/256) that at least k of the reader's scores reach. Multiplying by a power
    # of two is exact, so the cut is exact too.
    level = np.minimum((score * _KTH_LEVELS).astype(np.int64), _KTH_LEVELS)
    counts = np.bincount(readers * (_KTH_LEVELS + 1) + level, minlength=rows * (_KTH_LEVELS + 1))
    reached = np.cumsum(counts.reshape(rows, _KTH_LEVELS + 1)[:, ::-1], axis=1) >= k
    cut = np.where(reached.any(axis=1), _KTH_LEVELS - np.argmax(reached, axis=1), 0)
    near = level >= cut[readers]
    readers, score = readers[near], score[near]
    order = np.lexsort((-score, readers))
    sorted_readers = readers[order]
    rank = np.arange(len(order)) - np.searchsorted(sorted_readers, sorted_readers)
    at_k = rank == k - 1
    kth[sorted_readers[at_k]] = score[order][at_k]
    return kth


@dataclass(frozen=True, slots=True)
class _Run:
    """Everything the blocks of one `suggest` call share (read-only; inherited by a fork)."""

    n: int
    top_k: int
    min_score: float
    floor: float
    organizations: Sequence[OrganizationProfile]  # sorted by side
    features: Sequence[OrgFeatures]
    channels: Sequence[_Channel]
    directory: _Directory
    vectors: NDArray[np.float32]
    has_text: bool
    # per organization: mean cosine to its nearest other-side texts, or None (no local scaling)
    text_scale: NDArray[np.float32] | None
    # per organization: its second-best other-side cosine (+inf: none), or None (no margin)
    text_second: NDArray[np.float32] | None
    text_margin: float
    text_stretch: float
    text_similarity: TextSimilarity
    interpreter_pairs: frozenset[frozenset[str]]
    tie_break: IntArray
    pinned: dict[int, int]
    forbidden: dict[int, int]
    boost_positions: dict[int, int]
    boost_values: FloatArray
    rule_keys: IntArray
    blocks: Sequence[tuple[int, int, int, int]]  # side start, side stop, start, stop
    other_side: dict[int, tuple[IntArray, NDArray[np.float32]]]  # per process, filled lazily
    # side start → its readers' raw text cosines to the other sides (`_cosine_store`), for the
    # sides whose local-scaling pass stored them; cleared once the blocks are done
    cosines: dict[int, NDArray[np.float32]]

    def columns(self, side_start: int, side_stop: int) -> tuple[IntArray, NDArray[np.float32]]:
        """The other sides' organizations and their text vectors (one side cached)."""
        if side_start not in self.other_side:
            self.other_side.clear()
            columns = np.r_[0:side_start, side_stop : self.n].astype(np.int64)
            self.other_side[side_start] = (columns, self.vectors[columns])
        return self.other_side[side_start]


@dataclass(frozen=True, slots=True)
class _BlockResult:
    """The listed pairs of one block of readers, in list order (cheap to pickle)."""

    readers: IntArray
    partners: IntArray
    score: FloatArray
    parts: FloatArray  # (len(scoring.PARTS), pairs)
    pinned: NDArray[np.bool_]


def _score_pairs(
    run: _Run,
    keys: IntArray,
    log_keep: Mapping[int, FloatArray],
    calibrated: NDArray[np.float32] | None,
    start: int,
    side_start: int,
    width: int,
) -> tuple[dict[int, FloatArray], FloatArray]:
    n, directory, sides = run.n, run.directory, run.directory.sides
    a, b = keys // n, keys % n
    extra_hs, extra_chain, peer = directory.pair_log_keep(a, b)
    zero = np.zeros(len(keys))
    parts: dict[int, FloatArray] = {}
    # When both stated the goods they offer or need (codes, or headings named in their texts)
    # and no heading meets, their statements speak against the generic activity link: it counts
    # for less (a tomato-paste plant and a fruit importer that buys grapes; a juice plant and a
    # wholesaler that buys horse meat), and for less again when their texts are not alike at
    # all and neither asks for goods it leaves unnamed (`scoring.CHAIN_UNCONFIRMED_SILENT`).
    declared_a = directory.stated_goods[a]
    declared_b = directory.stated_goods[b]
    # (chapter-level HS evidence, below, counts only with a heading match or a declared chapter)
    hs_evidence = log_keep.get(HS, zero) + np.where(
        log_keep.get(HS, zero) < 0, extra_hs, directory.broad_log_keep(a, b)
    )
    unconfirmed = declared_a & declared_b & (hs_evidence == 0)
    # one says it wants from no one the goods the other sells («不需要进口面粉» beside a flour
    # mill; a juice plant that buys local apples beside an orchard): their value-chain link is
    # the very supply it turned down
    refused = directory.refused_chapters
    turned_down = (
        (refused[a] & directory.sold_chapters[b]) | (refused[b] & directory.sold_chapters[a])
    ).any(axis=1) & (hs_evidence == 0)
    extra = {HS: hs_evidence - log_keep.get(HS, zero), CHAIN: extra_chain}
    raw_text = np.zeros(len(keys))
    if calibrated is not None:
        across = sides[b] != sides[a]
        col = np.where(b[across] < side_start, b[across], b[across] - width)
        raw_text[across] = calibrated[a[across] - start, col]
    asks_unnamed = directory.asks_unnamed
    share = np.where(
        (raw_text > 0) | asks_unnamed[a] | asks_unnamed[b] | (calibrated is None),
        scoring.CHAIN_UNCONFIRMED,
        scoring.CHAIN_UNCONFIRMED_SILENT,
    )
    log_keep = {
        **log_keep,
        CHAIN: np.where(
            turned_down,
            0.0,
            np.where(unconfirmed, share * log_keep.get(CHAIN, zero), log_keep.get(CHAIN, zero)),
        ),
    }
    # Competitors: both sell goods of one chapter and neither needs what the other sells. Their
    # same activity is rivalry, not a reason to meet (two tomato-paste plants).
    rival_sellers = (directory.sold_chapters[a] & directory.sold_chapters[b]).any(axis=1)
    rival_sellers &= log_keep.get(HS, zero) == 0
    extra[CHAIN] = np.where(
        rival_sellers & peer, extra_chain - scoring.log_factor(scoring.PEER_STRENGTH), extra_chain
    )
    for part in scoring.EVIDENCE_PARTS:
        total = log_keep.get(part, zero) + extra.get(part, zero)
        parts[part] = 0.0 - np.expm1(total)  # 0.0 - x: no negative zeros
    generic = (
        (directory.offer_families[a] & directory.request_families[b])
        | (directory.offer_families[b] & directory.request_families[a])
    ) != 0
    parts[PROFILE] = 1.0 - (1.0 - parts[PROFILE]) * (
        1.0 - scoring.PROFILE_GENERIC_STRENGTH * generic
    )
    parts[TEXT] = np.zeros(len(keys))
    if calibrated is not None:
        other = sides[b] != sides[a]  # pinned pairs may lie within a side
        partner = b[other]
        column = np.where(partner < side_start, partner, partner - width)
        parts[TEXT][other] = calibrated[a[other] - start, column]
        # Two sellers of goods of one chapter, with no heading that one needs and the other
        # offers, write alike because they are rivals: their likeness counts for less.
        rival = rival_sellers.copy()
        # two projects that only seek capital write alike ("looking for an investor")
        rival |= directory.investment_only[a] & directory.investment_only[b]
        # companies of one activity (two general traders) write alike too; bodies of one kind
        # (two universities) and carriers (see logistics) are counterparts, not rivals
        rival |= peer & ~directory.body[a] & ~directory.body[b] & (directory.provider[a] == 0)
        # A carrier's text names what it carries (冷藏车, refrigerated cargo) and so reads like a
        # goods organization's in that trade (a maker of refrigerating units): unless the goods
        # organization asked for transport or a heading meets, their likeness counts for less.
        carrier_and_goods = (directory.provider[a] > 0) != (directory.provider[b] > 0)
        carrier_and_goods &= (directory.seeker[a] == 0) & (directory.seeker[b] == 0)
        rival |= carrier_and_goods & (hs_evidence == 0)
        parts[TEXT] = np.where(rival, scoring.RIVAL_TEXT_SHARE * parts[TEXT], parts[TEXT])
        # one who takes anything and names nothing writes like every other such one: no evidence
        parts[TEXT] = np.where(directory.vague[a] | directory.vague[b], 0.0, parts[TEXT])
        # one that wants from no one what the other sells writes like it of those very goods
        # («Пряжу не покупаем» beside a spinning mill; round 38: lunette's workwear maker)
        parts[TEXT] = np.where(turned_down, 0.0, parts[TEXT])
    parts[LANGUAGE] = directory.language(a, b)
    boost = np.zeros(len(keys))
    if run.boost_positions:
        lookup = np.array([run.boost_positions.get(int(k), -1) for k in keys], dtype=np.int64)
        boost = np.where(lookup >= 0, run.boost_values[np.maximum(lookup, 0)], 0.0)
    parts[scoring.BOOST] = boost
    return parts, scoring.combine(parts, boost)


def _upper_bound(
    run: _Run,
    keys: IntArray,
    log_keep: Mapping[int, FloatArray],
    calibrated: NDArray[np.float32] | None,
    start: int,
    side_start: int,
    width: int,
) -> FloatArray:
    """At least the score `_score_pairs` gives each phase-1 pair across sides with no
    organizers' rule, for less work: the channels' evidence, the chapters shared and logistics
    as there, but any two organizations with activities count as peers, and neither the text
    part of rivals nor an unconfirmed value-chain link is halved."""
    n, directory = run.n, run.directory
    a, b = np.divmod(keys, n)
    low, high = directory.chapter_words
    # chapters that one's offers and the other's needs share (0-63 and 64-99)
    chapters = np.bitwise_count(low[0][a] & low[1][b]).astype(np.int64)
    chapters += np.bitwise_count(high[0][a] & high[1][b])
    chapters += np.bitwise_count(low[0][b] & low[1][a])
    chapters += np.bitwise_count(high[0][b] & high[1][a])
    hs = log_keep[HS]
    chapters[(hs == 0) & ~directory.broad[a] & ~directory.broad[b]] = 0
    hs = hs + chapters * scoring.log_factor(scoring.HS_STRENGTH[2])
    chain = log_keep[CHAIN] + np.where(
        directory.active[a] & directory.active[b], scoring.log_factor(scoring.PEER_STRENGTH), 0.0
    )
    carrier = np.flatnonzero(directory.provider[a] + directory.provider[b] > 0)
    chain[carrier] += directory.logistics(a[carrier], b[carrier])
    keep = np.expm1(hs)
    keep *= scoring.WEIGHTS[HS]
    keep += 1.0
    chain = np.expm1(chain)
    chain *= scoring.WEIGHTS[CHAIN]
    chain += 1.0
    keep *= chain
    for part in (PROFILE, TOPIC):
        some = np.flatnonzero(log_keep[part])
        keep[some] *= 1.0 + scoring.WEIGHTS[part] * np.expm1(log_keep[part][some])
    if calibrated is not None:
        column = np.where(b < side_start, b, b - width)
        column += (a - start) * calibrated.shape[1]
        text = calibrated.ravel()[column].astype(np.float64)
        text *= -scoring.WEIGHTS[TEXT]
        text += 1.0
        keep *= text
    language = directory.language_table[directory.factor_class[a], directory.factor_class[b]]
    bound: FloatArray = (1.0 - keep) * (
        scoring.LANGUAGE_FLOOR + (1.0 - scoring.LANGUAGE_FLOOR) * language
    )
    return bound * (1.0 + 1e-9) + 1e-12  # rounding: never below the score


def _score_candidates(
    run: _Run,
    keys: IntArray,
    log_keep: Mapping[int, FloatArray],
    calibrated: NDArray[np.float32] | None,
    start: int,
    side_start: int,
    width: int,
    rows: int,
    rule_keys: IntArray,
) -> tuple[IntArray, dict[int, FloatArray], FloatArray]:
    """`_score_pairs` of the phase-1 pairs (`keys`, sorted) that can be among their reader's
    `top_k` best, and their positions in `keys`: the others are left out unscored.

    A pair is left out when its `_upper_bound` is below the k-th best score of a first set of
    scored pairs (each reader's k best bounds): that score is at most the reader's real k-th
    best, so every pair that could reach the top k is scored, and the k-th best score of the
    scored pairs is the real one. Organizers' pairs and the readers of forbidden pairs (whose
    lists may go below the k-th best) are always scored. Most pairs share one code or topic and
    stay far below (12.6 million pairs and 1.8 million scored for 20,000 organizations)."""
    n, top_k = run.n, run.top_k
    readers = keys // n
    exact = np.zeros(len(keys), dtype=bool)
    if len(rule_keys):
        exact |= np.isin(keys, rule_keys)
    if run.forbidden:
        exact |= np.isin(readers, np.array(sorted({k // n for k in run.forbidden})))
    readers -= start
    loose = np.flatnonzero(~exact)
    bound = _upper_bound(
        run,
        keys[loose],
        {p: v[loose] for p, v in log_keep.items()},
        calibrated,
        start,
        side_start,
        width,
    )
    # first the pairs that must be scored and each reader's k best bounds: the k-th best of
    # their scores is at most the reader's real k-th best
    kth_bound = _kth_best(readers[loose], np.minimum(bound, 1.0), rows, top_k)
    first = exact.copy()
    first[loose[bound >= kth_bound[readers[loose]]]] = True
    picked = np.flatnonzero(first)
    parts, score = _score_pairs(
        run,
        keys[picked],
        {p: v[picked] for p, v in log_keep.items()},
        calibrated,
        start,
        side_start,
        width,
    )
    kth = _kth_best(readers[picked], score, rows, top_k)
    rest = loose[(bound >= kth[readers[loose]]) & ~first[loose]]
    if len(rest):
        rest_parts, rest_score = _score_pairs(
            run,
            keys[rest],
            {p: v[rest] for p, v in log_keep.items()},
            calibrated,
            start,
            side_start,
            width,
        )
        picked = np.concatenate([picked, rest])
        score = np.concatenate([score, rest_score])
        parts = {p: np.concatenate([parts[p], rest_parts[p]]) for p in parts}
    return picked, parts, score


def _block(run: _Run, number: int) -> _BlockResult:
    """Candidates, scores, the top k and their reasons for one block of readers."""
    side_start, side_stop, start, stop = run.blocks[number]
    n, top_k, directory, channels = run.n, run.top_k, run.directory, run.channels
    sides = directory.sides
    rows = stop - start
    columns, other_vectors = run.columns(side_start, side_stop)
    width = side_stop - side_start

    def column_of(partner: IntArray) -> IntArray:
        """Position of an other-side partner among `columns`."""
        return np.where(partner < side_start, partner, partner - width)

    # Phase 1: narrow channels and organizers' pairs.
    readers_parts: list[IntArray] = []
    partners_parts: list[IntArray] = []
    values_parts: list[FloatArray] = []
    part_ids: list[IntArray] = []
    for channel in channels:
        readers, partners, values = channel.expand(start, stop)
        readers_parts.append(readers)
        partners_parts.append(partners)
        values_parts.append(values)
        part_ids.append(np.full(len(readers), channel.part, dtype=np.int64))
    rule_keys = run.rule_keys
    in_block = rule_keys[(rule_keys >= start * n) & (rule_keys < stop * n)]
    readers_parts.append(in_block // n)
    partners_parts.append(in_block % n)
    values_parts.append(np.zeros(len(in_block)))
    part_ids.append(np.full(len(in_block), -1, dtype=np.int64))
    readers = np.concatenate(readers_parts)
    partners = np.concatenate(partners_parts)
    keys = readers * n + partners
    valid = ((sides[readers] != sides[partners]) | np.isin(keys, in_block)) & (readers != partners)
    keys = keys[valid]
    values = np.concatenate(values_parts)[valid]
    part_of = np.concatenate(part_ids)[valid]
    unique_keys, inverse = np.unique(keys, return_inverse=True)
    event_log_keep: dict[int, FloatArray] = {
        part: np.asarray(
            np.bincount(
                inverse[part_of == part],
                weights=values[part_of == part],
                minlength=len(unique_keys),
            ),
            dtype=np.float64,
        )
        for part in scoring.EVIDENCE_PARTS
    }

    calibrated: NDArray[np.float32] | None = None
    if run.has_text and len(columns):
        stored = run.cosines.get(side_start)
        if stored is not None:  # the same product, computed once by `_text_scale`
            cosine = np.multiply(stored[start - side_start : stop - side_start], np.float32(2.0))
        else:
            cosine = run.vectors[start:stop] @ other_vectors.T
            if run.text_scale is not None:
                cosine *= np.float32(2.0)
        lifted: tuple[IntArray, IntArray] | None = None
        if run.text_scale is not None:
            near: tuple[IntArray, IntArray, NDArray[np.float32]] | None = None
            if run.text_second is not None:
                # how far the pair stands above each one's second-best text (> 0: each is the
                # other's nearest), when one of the two names goods (codes or headings in its
                # text): two profiles that say nothing concrete ("open to cooperation") are
                # each other's nearest too; see `_text_scale`. Only a reader's nearest text
                # can stand above its second best: one sparse pass.
                # `cosine` holds 2·cos here (doubling and halving a float are exact)
                row_second = run.text_second[start:stop]
                rows_, cols_ = np.nonzero(cosine > np.float32(2.0) * row_second[:, None])
                margin = cosine[rows_, cols_] * np.float32(0.5) - np.maximum(
                    row_second[rows_], run.text_second[columns[cols_]]
                )
                # (or one whose work is a service of its own: a hospital and a medical college,
                # a travel agent and a sand-therapy centre; round 52)
                stated = run.directory.concrete
                keep = (margin > 0) & (stated[start + rows_] | stated[columns[cols_]])
                near = (rows_[keep], cols_[keep], margin[keep] * np.float32(run.text_margin))
                # Each other's nearest text, where one asks for goods and the other is a
                # business whose goods no code or lexicon names (LED grow lights, ear tags):
                # the texts are all the evidence there is, and they point at each other.
                buys, unread = run.directory.buys, run.directory.unread
                ours, theirs = start + rows_, columns[cols_]
                lift = (margin > 0) & (
                    (buys[ours] & unread[theirs]) | (unread[ours] & buys[theirs])
                )
                lifted = (rows_[lift], cols_[lift])
            # local scaling (CSLS): 2·cos − r(reader) − r(partner)
            cosine -= run.text_scale[start:stop, None]
            cosine -= run.text_scale[columns][None, :]
            if near is not None:
                cosine[near[0], near[1]] += near[2]
            if run.text_stretch != 1.0:
                cosine *= np.float32(run.text_stretch)
        calibrated = run.text_similarity.calibrate(cosine)
        if lifted is not None and len(lifted[0]):
            calibrated[lifted] = np.maximum(calibrated[lifted], np.float32(scoring.MUTUAL_TEXT))

    picked, parts, score = _score_candidates(
        run, unique_keys, event_log_keep, calibrated, start, side_start, width, rows, in_block
    )
    found_keys, unique_keys = unique_keys, unique_keys[picked]

    # Phase 2: broad signals, bounded. A pair found only here has no narrow evidence, so its
    # score is at most relevance(text, logistics) × language factor (+ small chapter/peer
    # evidence that the bound ignores).
    kth = _kth_best(unique_keys // n - start, score, rows, top_k)
    if calibrated is not None:
        bound = calibrated * np.float32(scoring.WEIGHTS[TEXT])
    else:
        bound = np.zeros((rows, len(columns)), dtype=np.float32)
    # logistics: few providers, so only their rows and columns get a bound
    # (provider weight × the most a partner can receive: see `_Directory.logistics`)
    log_weight = scoring.WEIGHTS[CHAIN]
    reach = directory.logistics_reach
    provider_rows = np.flatnonzero(directory.provider[start:stop] > 0)
    if len(provider_rows):
        extra = np.outer(directory.provider[start:stop][provider_rows], reach[columns])
        sub = bound[provider_rows]
        bound[provider_rows] = sub + (1 - sub) * (log_weight * extra).astype(np.float32)
    provider_cols = np.flatnonzero(directory.provider[columns] > 0)
    if len(provider_cols):
        extra = np.outer(reach[start:stop], directory.provider[columns[provider_cols]])
        sub = bound[:, provider_cols]
        bound[:, provider_cols] = sub + (1 - sub) * (log_weight * extra).astype(np.float32)
    # language factor (0 for the same side) through a small table over distinct profiles
    bound *= np.take(
        directory.factor_table[directory.factor_class[start:stop]],
        directory.factor_class[columns],
        axis=1,
    )
    scored = sides[found_keys % n] != sides[found_keys // n]
    bound[found_keys[scored] // n - start, column_of(found_keys[scored] % n)] = 0.0
    promising = bound > np.maximum(kth, run.min_score).astype(np.float32)[:, None]
    max_extra = 4 * top_k
    crowded = np.flatnonzero(promising.sum(axis=1) > max_extra)
    if len(crowded):
        best = np.argpartition(-bound[crowded], max_extra - 1, axis=1)[:, :max_extra]
        promising[crowded] = False
        promising[crowded[:, None], best] = True
    extra_rows, extra_cols = np.nonzero(promising)
    if len(extra_rows):
        extra_keys = (extra_rows + start).astype(np.int64) * n + columns[extra_cols]
        no_events: dict[int, FloatArray] = {}
        extra_parts, extra_score = _score_pairs(
            run, extra_keys, no_events, calibrated, start, side_start, width
        )
        unique_keys = np.concatenate([unique_keys, extra_keys])
        score = np.concatenate([score, extra_score])
        parts = {p: np.concatenate([parts[p], extra_parts[p]]) for p in parts}

    reader_rows, partner_rows = unique_keys // n, unique_keys % n
    size = len(unique_keys)
    is_pinned = (
        np.array([int(k) in run.pinned for k in unique_keys], dtype=bool)
        if run.pinned
        else np.zeros(size, dtype=bool)
    )
    is_forbidden = (
        np.array([int(k) in run.forbidden for k in unique_keys], dtype=bool)
        if run.forbidden
        else np.zeros(size, dtype=bool)
    )
    evidence = scoring.relevance(parts) >= run.floor
    evidence |= parts[scoring.BOOST] > 0  # the organizers' boost stands for evidence
    listed = ((score > run.min_score) & evidence | is_pinned) & ~is_forbidden
    # A pair below the reader's phase-1 k-th best score has k listed pairs before it, unless
    # some of those are forbidden: drop it before sorting.
    unsure = np.zeros(rows, dtype=bool)
    unsure[reader_rows[is_forbidden] - start] = True
    local = reader_rows - start
    listed &= (score >= kth[local]) | is_pinned | unsure[local]
    kept = np.flatnonzero(listed)
    order = np.lexsort(
        (run.tie_break[partner_rows[kept]], -score[kept], ~is_pinned[kept], reader_rows[kept])
    )
    kept = kept[order]
    group_start = np.searchsorted(reader_rows[kept], reader_rows[kept], side="left")
    rank = np.arange(len(kept)) - group_start
    shown = (rank < top_k) | is_pinned[kept]
    kept, rank = kept[shown], rank[shown]

    kept_readers, kept_partners = reader_rows[kept], partner_rows[kept]
    kept_parts = np.stack([parts[i][kept] for i in range(len(scoring.PARTS))])
    kept_pinned = is_pinned[kept]
    return _BlockResult(
        readers=kept_readers,
        partners=kept_partners,
        score=score[kept],
        parts=kept_parts,
        pinned=kept_pinned,
    )


# Two processes (this one and a forked helper) share the blocks of large directories. Small
# ones run in this process alone: forking costs more than it saves there.
PARALLEL_MIN_ORGANIZATIONS = 4_000
# the run a forked helper works on, the claimed blocks, and what the reasons need
_SHARED: tuple[_Run, Any, _Explainer] | None = None
# what the first helper works on while this process extracts features: `_text_signal`'s
# arguments, the organizations and the heading lexicon
_EARLY_JOB: tuple[Any, ...] | None = None
# Share of the organizations whose features the first helper extracts before the text signal
# (this process extracts the others, then builds the channels; benchmarks/README.md, round 8).
HELPER_FEATURE_SHARE = 0.35
# Share of the listed rows whose reasons the helper builds: this process makes every
# `Suggestion` object and decodes the helper's reasons meanwhile (benchmarks/README.md, round 8).
HELPER_REASON_SHARE = 0.6


class _Helper:
    """The forked helper of one large `suggest` call (one worker): half of the blocks, then
    part of the reasons. It is forked at its first job and sees what this process had computed
    by then (`_SHARED`: set before the blocks). Disabled: every job runs in this process."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> _Helper:
        return self

    def __exit__(self, *_: object) -> None:
        global _SHARED
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)
        _SHARED = None

    def submit(self, job: Any, *args: Any) -> Future[Any] | None:
        """`job(*args)` in the helper (None when disabled, not ready or broken)."""
        if not self.enabled or _SHARED is None:
            return None
        try:
            if self.pool is None:
                self.pool = ProcessPoolExecutor(1, mp_context=mp.get_context("fork"))
            return self.pool.submit(job, *args)
        except BrokenProcessPool:
            self.enabled = False
            return None


def _parallel_ok(n: int) -> bool:
    if n < PARALLEL_MIN_ORGANIZATIONS or "fork" not in mp.get_all_start_methods():
        return False
    try:
        return len(os.sched_getaffinity(0)) >= 2
    except AttributeError:  # not on Linux
        return (os.cpu_count() or 1) >= 2


def _helper_features(start: int) -> list[OrgFeatures]:
    """In the first helper: the features of the organizations from `start` on."""
    assert _EARLY_JOB is not None
    organizations, headings = _EARLY_JOB[4], _EARLY_JOB[5]
    return [extract(org, headings) for org in organizations[start:]]


def _helper_text() -> _TextSignal:
    assert _EARLY_JOB is not None
    text_similarity, documents, vectors, sides, _, _, store = _EARLY_JOB
    return _text_signal(text_similarity, documents, vectors, sides, store)


def _helper_claim() -> tuple[int, _BlockResult] | None:
    """In the helper: the last unclaimed block, computed (None when none is left)."""
    assert _SHARED is not None
    run, bounds = _SHARED[0], _SHARED[1]
    number = _claim(bounds, front=False)
    return None if number is None else (number, _block(run, number))


def _claim(bounds: Any, *, front: bool) -> int | None:
    """Take the first (this process) or the last (the helper) block not taken yet."""
    with bounds.get_lock():
        first, end = bounds[0], bounds[1]
        if first >= end:
            return None
        if front:
            bounds[0] = first + 1
            return int(first)
        bounds[1] = end - 1
        return int(end - 1)


def _run_blocks(run: _Run, helper: _Helper, explainer: _Explainer) -> Iterator[_BlockResult]:
    """All blocks, in no particular order. In parallel, a forked helper takes blocks from the
    end and this process from the start until they meet; finished blocks are yielded at once."""
    count = len(run.blocks)
    global _SHARED
    bounds = mp.get_context("fork").Array("q", [0, count])
    _SHARED = (run, bounds, explainer)  # what the helper sees when it is forked
    pending = [helper.submit(_helper_claim) for _ in range(count)] if count >= 2 else []
    if not pending or pending[0] is None:
        for number in range(count):
            yield _block(run, number)
        return
    done = [False] * count
    try:
        while (mine := _claim(bounds, front=True)) is not None:
            done[mine] = True
            yield _block(run, mine)
            while pending and pending[0] is not None and pending[0].done():
                found = pending.pop(0).result()  # type: ignore[union-attr]
                if found is not None:
                    done[found[0]] = True
                    yield found[1]
        for future in pending:
            found = future.result() if future is not None else None
            if found is not None:
                done[found[0]] = True
                yield found[1]
    except BrokenProcessPool:
        helper.enabled = False  # the helper died: this process computes what is missing
    for number in range(count):
        if not done[number]:
            yield _block(run, number)


# the text vectors (centred by script for e5), whether they were centred, the local scale, and
# the sides whose cosines `_text_scale` stored
# (vectors, centred, (local scale, second-best cosine or None) or None, sides whose cosines
# are stored)
_TextSignal = tuple[
    NDArray[np.float32],
    bool,
    tuple[NDArray[np.float32], NDArray[np.float32] | None] | None,
    frozenset[int],
]

COSINE_STORE_MAX_BYTES = 1_500_000_000  # 800 MB for 20,000 organizations on two sides


def _cosine_store(
    text_similarity: TextSimilarity, sides: IntArray, shared: bool
) -> dict[int, NDArray[np.float32]]:
    """Room for the raw text cosines of each side's readers to the other sides' organizations:
    `_text_scale` computes them for the local scale and stores them, and the blocks read them
    instead of computing the same BLAS products again (same shapes, so the same bits). In
    shared memory when a forked helper fills it; empty without local scaling or when larger
    than `COSINE_STORE_MAX_BYTES` (the blocks compute their products then)."""
    if int(getattr(text_similarity, "local_scaling", 0)) <= 0:
        return {}
    n = len(sides)
    side_bounds = np.flatnonzero(np.diff(sides, prepend=-1, append=-2))
    spans = [(int(a), int(b)) for a, b in itertools.pairwise(side_bounds)]
    sizes = [(b - a) * (n - (b - a)) for a, b in spans]
    total = sum(sizes) * np.dtype(np.float32).itemsize
    if total == 0 or total > COSINE_STORE_MAX_BYTES:
        return {}
    flat: NDArray[np.float32]
    if shared:
        flat = np.frombuffer(mmap.mmap(-1, total), dtype=np.float32)
    else:
        flat = np.empty(total // np.dtype(np.float32).itemsize, dtype=np.float32)
    store, offset = {}, 0
    for (a, b), size in zip(spans, sizes, strict=True):
        store[a] = flat[offset : offset + size].reshape(b - a, n - (b - a))
        offset += size
    return store


def _text_signal(
    text_similarity: TextSimilarity,
    documents: list[dict[str, str]],
    vectors: NDArray[np.float32] | None,
    sides: IntArray,
    store: dict[int, NDArray[np.float32]],
) -> _TextSignal:
    """The text vectors (computed here when `vectors` is None), centred by script when the model
    asks for it, and their local scale (`_text_scale`, which fills `store`)."""
    if vectors is None:
        vectors = np.ascontiguousarray(text_similarity.vectors(documents), dtype=np.float32)
    centred = False
    if getattr(text_similarity, "centre_by_script", False):
        vectors, centred = _centre_by_script(vectors, documents)
    side_bounds = np.flatnonzero(np.diff(sides, prepend=-1, append=-2))  # starts and the end
    spans = [(int(a), int(b)) for a, b in itertools.pairwise(side_bounds)]
    has_text = bool(np.any(vectors))
    stored: set[int] = set()
    text_scale = (
        _text_scale(text_similarity, vectors, sides, spans, centred, store, stored)
        if has_text
        else None
    )
    return vectors, centred, text_scale, frozenset(stored)


def _features_and_text(
    organizations: Sequence[OrganizationProfile],
    headings: HeadingLexicon,
    text_similarity: TextSimilarity,
    documents: list[dict[str, str]],
    sides: IntArray,
    parallel: bool,
    store: dict[int, NDArray[np.float32]],
) -> tuple[list[OrgFeatures], Future[_TextSignal] | None, Executor | None]:
    """Every organization's features, and the text signal or its future (then the pool to shut
    down once it is read). In parallel a first forked helper extracts the features of the last
    `HELPER_FEATURE_SHARE` of the organizations, then computes the text signal (the n-gram
    vectors too; e5's come from its cache in this process, whose in-process cache stays warm
    for the next call), while this process extracts the other features."""
    vectors = None
    if type(text_similarity) is not NgramTextSimilarity:
        vectors = np.ascontiguousarray(text_similarity.vectors(documents), dtype=np.float32)
    if not parallel:
        features = [extract(org, headings) for org in organizations]
        return features, None, None
    global _EARLY_JOB
    split = len(organizations) - int(len(organizations) * HELPER_FEATURE_SHARE)
    _EARLY_JOB = (text_similarity, documents, vectors, sides, organizations, headings, store)
    try:
        pool = ProcessPoolExecutor(1, mp_context=mp.get_context("fork"))
        theirs = pool.submit(_helper_features, split)
        signal = pool.submit(_helper_text)
    finally:
        _EARLY_JOB = None
    try:
        features = [extract(org, headings) for org in organizations[:split]]
        try:
            features += theirs.result()
        except BrokenProcessPool:  # the helper died: extract them here
            features += [extract(org, headings) for org in organizations[split:]]
    except BaseException:
        pool.shutdown(cancel_futures=True)
        raise
    return features, signal, pool


SCRIPT_CENTRE_MIN_TEXTS = 6  # fewer texts of one script mix: centre them on all texts' mean
SCRIPT_CENTRE_MIN_DIRECTORY = 20  # fewer texts in the directory: no centring
_HAN_LANGUAGES = frozenset({"zh"})
_CYRILLIC_LANGUAGES = frozenset({"ru", "kk"})


def script_mix(document: Mapping[str, str]) -> tuple[bool, bool]:
    """(writes Chinese, writes Russian or Kazakh): the classes whose e5 vectors sit apart."""
    return bool(_HAN_LANGUAGES & document.keys()), bool(_CYRILLIC_LANGUAGES & document.keys())


def _centre_by_script(
    vectors: NDArray[np.float32], documents: Sequence[Mapping[str, str]]
) -> tuple[NDArray[np.float32], bool]:
    """Subtract from each text vector the mean vector of the texts written in the same scripts
    (Chinese only, Russian/Kazakh only, both, neither), then renormalise.

    e5's vectors carry the language as a large shared component: every Russian text is near
    every other Russian text (cosines crowd at 0.8), and a Chinese text's nearest Russian text
    stands out from the others by a few hundredths only, less than a Russian text's nearest
    Russian one. Local scaling (`_text_scale`) then puts most cross-script matches at 0 even
    when they are each other's nearest text. Removing each script mix's mean leaves what the
    text says, so a cross-script pair and a same-script pair are measured on one scale. A mix
    with fewer than `SCRIPT_CENTRE_MIN_TEXTS` texts is centred on the mean of all texts; a
    directory with fewer than `SCRIPT_CENTRE_MIN_DIRECTORY` texts is not centred at all (its mean
    would be its own few texts): returns (vectors, whether they were centred)."""
    has = np.any(vectors != 0, axis=1)
    if int(has.sum()) < SCRIPT_CENTRE_MIN_DIRECTORY:
        return vectors, False
    out = np.array(vectors, dtype=np.float32, copy=True)
    overall = out[has].mean(axis=0)
    mixes = np.array([2 * h + c for h, c in map(script_mix, documents)], dtype=np.int64)
    for mix in np.unique(mixes[has]):
        rows = has & (mixes == mix)
        centre = out[rows].mean(axis=0) if rows.sum() >= SCRIPT_CENTRE_MIN_TEXTS else overall
        out[rows] -= centre
    norms = np.linalg.norm(out[has], axis=1, keepdims=True)
    out[has] /= np.maximum(norms, np.float32(1e-6))
    return np.ascontiguousarray(out), True


LOCAL_SCALING_MIN_PARTNERS = 10  # fewer texts on the other side: use the model's typical cosine


def _text_scale(
    text_similarity: TextSimilarity,
    vectors: NDArray[np.float32],
    sides: IntArray,
    spans: Sequence[tuple[int, int]],
    centred: bool = False,
    store: Mapping[int, NDArray[np.float32]] | None = None,
    stored: set[int] | None = None,
) -> tuple[NDArray[np.float32], NDArray[np.float32] | None] | None:
    """Hubness correction for models whose cosines crowd together (e5): r(x), the mean cosine of
    x to its k nearest texts on the other sides, so that 2·cos(a, b) − r(a) − r(b) (CSLS,
    Lample et al. 2018) ranks b high for a only when b is nearer to a than a's usual
    neighbours are, and a generic text near everyone gains nothing. Symmetric in the pair.

    With centred vectors and a model's `margin_weight`, also s(x), x's second-best cosine (+inf
    for a side with too few partners, or no text): a pair that stands above both ends' second
    best by m = cos(a, b) − max(s(a), s(b)) > 0 is each other's nearest text, and m (times the
    weight) is added to its CSLS value. Two texts about one product in two scripts are often
    each other's nearest while their CSLS value stays low (e5-small puts every cross-script pair
    far apart); m is read from the same k nearest, at no extra product.

    A side's cosines go to `store[side start]` (`_cosine_store`) when every organization of
    the other sides has a text (the blocks' product then has the same shape), and the side
    start is added to `stored`."""
    k = int(getattr(text_similarity, "local_scaling", 0))
    if k <= 0:
        return None
    with_second = centred and float(getattr(text_similarity, "margin_weight", 0.0)) > 0
    typical = np.float32(
        getattr(text_similarity, "typical_centred_cosine" if centred else "typical_cosine", 0.0)
    )
    has = np.any(vectors != 0, axis=1)
    scale = np.zeros(len(vectors), dtype=np.float32)
    second = np.full(len(vectors), np.inf, dtype=np.float32)
    chunk = _block_rows(len(vectors))  # the blocks' rows: the same products
    for side_start, side_stop in spans:
        other = np.flatnonzero((sides != sides[side_start]) & has)
        if len(other) < LOCAL_SCALING_MIN_PARTNERS:
            scale[side_start:side_stop] = typical
            continue
        others = vectors[other]
        kk = min(k, len(other))
        target = None
        whole = len(other) == len(vectors) - (side_stop - side_start)
        if store is not None and stored is not None and side_start in store and whole:
            target = store[side_start]
        for start in range(side_start, side_stop, chunk):
            stop = min(side_stop, start + chunk)
            if target is not None:  # the product, written where the blocks will read it
                out = target[start - side_start : stop - side_start]
                cosine = np.matmul(vectors[start:stop], others.T, out=out)
            else:
                cosine = vectors[start:stop] @ others.T
            nearest = np.partition(cosine, len(other) - kk, axis=1)[:, len(other) - kk :]
            scale[start:stop] = nearest.mean(axis=1)
            if with_second and kk >= 2:
                second[start:stop] = np.partition(nearest, kk - 2, axis=1)[:, kk - 2]
        if target is not None and stored is not None:
            stored.add(side_start)
    scale[~has] = 0.0
    second[~has] = np.inf
    return scale, (second if with_second else None)


def suggest(
    organizations: Sequence[OrganizationProfile],
    *,
    top_k: int = 20,
    rules: PairRules | None = None,
    text_similarity: TextSimilarity | None = None,
    interpreters: Iterable[tuple[str, str]] = (),
    min_score: float = 0.0,
    floor: float = scoring.FLOOR,
    with_reasons: bool = True,
    spread: bool = True,
    headings: HeadingLexicon | None = None,
) -> dict[str, list[Suggestion]]:
    """Top-`top_k` partners on another side for every organization, best first.

    - `rules`: organizers' pinned (always listed, first), forbidden (never) and boosted pairs.
    - `text_similarity`: defaults to `text.default_text_similarity()`, the multilingual e5 model
      (the n-gram model when e5 cannot be loaded); `NoTextSimilarity()` switches text off.
    - `interpreters`: language pairs, e.g. `[("ru", "zh")]`, for which an interpreter is available.
    - Only pairs with a score above `min_score` and evidence (`scoring.relevance`) of at least
      `floor` are listed (pinned pairs always are, boosted ones need no evidence). The default
      floor, `scoring.FLOOR`, keeps filler out: an organization with no real counterpart gets
      an empty list rather than three partners that only share a language.
    - `with_reasons=False` skips building reasons (for benchmarks and batch scoring).
    - `spread=True` applies the hub penalty (see `scoring.HUB_CAPACITY` and `_spread`).
    - `headings`: finds HS headings in the texts of organizations whose codes are missing or
      coarse (`hs_text`); defaults to `hs_text.default_heading_lexicon()` (the HS titles in
      ru/kk/zh/en); `HeadingLexicon.empty()` switches it off.

    Candidates come in two phases per block of readers: (1) pairs sharing a narrow code signal
    (HS heading or subheading, a value-chain link, a coded cooperation profile, a G2B topic) and
    the organizers' pairs; (2) pairs whose *upper bound* from the broad signals (text similarity,
    logistics, language) beats the reader's current k-th best score, at most `4 * top_k` per
    reader. Every pair that is scored gets the same score from both ends.

    From `PARALLEL_MIN_ORGANIZATIONS` organizations on, and with two or more cores, forked
    helper processes share the work: one extracts a fifth of the features and computes the text
    signal (the n-gram vectors, e5's centring and local scale) while this process extracts the
    others and builds the channels; another takes half of the blocks, then builds 60 % of the
    reasons while this process makes the `Suggestion` objects. The results are the same.
    """
    rules = rules or PairRules()
    text_similarity = text_similarity or default_text_similarity()
    headings = default_heading_lexicon() if headings is None else headings
    organizations = [_with_kazakh_letters(org, headings) for org in organizations]
    n = len(organizations)
    result: dict[str, list[Suggestion]] = {org.id: [] for org in organizations}
    if len(result) != n:
        raise ValueError("organization ids must be unique")
    if n < 2 or top_k < 1:
        return result
    # Hundreds of thousands of small objects and no reference cycles: the cyclic garbage
    # collector would only rescan them again and again.
    collecting = gc.isenabled()
    gc.disable()
    try:
        with _Helper(_parallel_ok(n)) as helper:
            explainer, found = _suggest(
                organizations,
                top_k=top_k + HUB_MARGIN if spread else top_k,
                rules=rules,
                text_similarity=text_similarity,
                interpreters=interpreters,
                min_score=min_score,
                floor=floor,
                headings=headings,
                helper=helper,
            )
            rows, score, spread_part, crowded = (
                _spread(found, len(organizations), top_k, floor=floor)
                if spread
                else _unspread(found)
            )
            # the helper builds the reasons of the first rows while this process makes the
            # `Suggestion` objects and builds the reasons of the others
            cut = int(len(rows) * HELPER_REASON_SHARE) if helper.enabled and with_reasons else 0
            pending = helper.submit(_helper_reasons, *_reason_inputs(found, rows[:cut]))
            made = _make_suggestions(result, explainer, found, rows, score, spread_part)
            if with_reasons:
                _attach_reasons(made, explainer, found, rows, crowded, cut, pending)
    finally:
        if collecting:
            gc.enable()
    return result


def _with_kazakh_letters(org: OrganizationProfile, headings: HeadingLexicon) -> OrganizationProfile:
    """`org` with its Kazakh texts typed without Kazakh letters given them back
    (`kazakh.KazakhLetters`); the same object when there is nothing to give back."""
    if "kk" not in org.texts and not any("kk" in item.text for item in org.profiles):
        return org
    letters = headings.kazakh_letters
    texts = letters.restore_texts(org.texts)
    profiles = tuple(
        item.model_copy(update={"text": letters.restore_texts(item.text)})
        if "kk" in item.text
        else item
        for item in org.profiles
    )
    if texts == org.texts and profiles == org.profiles:
        return org
    return org.model_copy(update={"texts": texts, "profiles": profiles})


HUB_MARGIN = 6  # extra candidates per reader, to refill a list after the hub penalty


def _unspread(found: _BlockResult) -> tuple[IntArray, FloatArray, FloatArray, dict[int, int]]:
    """Every candidate in list order, unpenalized (`spread=False`)."""
    rows = np.argsort(found.readers, kind="stable")
    return rows, found.score[rows], np.ones(len(rows)), {}


def _spread(
    found: _BlockResult, n: int, top_k: int, *, floor: float
) -> tuple[IntArray, FloatArray, FloatArray, dict[int, int]]:
    """The hub penalty: organizations in more than `HUB_CAPACITY` top-`HUB_DEPTH` lists see
    their pairs' scores multiplied by (capacity / lists) ** exponent (both ends' factors, so the
    score stays symmetric); the lists are re-ranked and cut to `top_k`, and the reader of a
    penalized partner gets a `crowded` reason saying how many lists the partner heads.

    On the candidates as arrays (`_suggest`'s blocks, each reader's candidates in list order):
    returns the rows listed, in list order, their scores and penalty factors, and the penalized
    organizations (row → the number of lists, for `_attach_reasons`)."""
    readers, partners, pinned = found.readers, found.partners, found.pinned
    order = np.argsort(readers, kind="stable")  # readers' lists, each in list order
    sorted_readers = readers[order]
    position = np.arange(len(order)) - np.searchsorted(sorted_readers, sorted_readers)
    head = order[(position < scoring.HUB_DEPTH) & ~pinned[order]]
    lists = np.bincount(partners[head], minlength=n)
    crowded = {int(org): int(lists[org]) for org in np.flatnonzero(lists > scoring.HUB_CAPACITY)}
    row_position = np.empty(len(order), dtype=np.int64)
    row_position[order] = position
    pinned_count = np.bincount(readers[pinned], minlength=n)
    # Twice at most: an organization that the first re-ranking brings into more top lists than
    # it could meet (an official whose topic pairs rose as the crowded partners above them fell
    # away: a customs office third in nine farms' lists) is crowded too, and the lists are
    # ranked again with its factor.
    for attempt in range(2):
        factor = np.ones(n)
        for org, count in crowded.items():  # Python's power, as the factors always were
            factor[org] = (scoring.HUB_CAPACITY / count) ** scoring.HUB_EXPONENT
        value = np.where(pinned, 1.0, factor[readers] * factor[partners])
        score = found.score * value
        penalized = value < 1.0
        if penalized.any():
            named = {i: found.parts[i] for i in range(len(scoring.PARTS))}
            filler = penalized & (found.parts[scoring.BOOST] <= 0)
            # only the penalty kept it: filler
            filler &= scoring.relevance(named) * value < floor
            # but not a pair whose goods meet at a heading by themselves (a need named and an
            # offer named, over the floor alone) when its ends are crowded, not hubs (in at most
            # `HUB_FAR` times the lists they could meet): the penalty ranks it lower, it is no
            # filler (a barley farm and a dairy farm that asks for barley, both in six lists); a
            # broad trader in a dozen lists stays out of those it only fills
            filler &= (scoring.WEIGHTS[scoring.HS] * found.parts[scoring.HS] < floor) | (
                value < (1.0 / scoring.HUB_FAR) ** scoring.HUB_EXPONENT
            )
            # but not the best partner of a reader it would leave with nothing, when the pair's
            # goods meet (a stated need and a stated offer): the penalty spreads a crowded partner
            # over the lists, it does not empty the list of the reader of its one real
            # counterpart (a meat plant's tallow for a hotpot factory that many readers ask for)
            kept = np.bincount(readers[~filler & ~pinned], minlength=n)
            best = order[position == 0]
            best = best[(kept[readers[best]] == 0) & (found.parts[scoring.HS][best] > 0)]
            filler[best] = False
        else:
            filler = np.zeros(len(score), dtype=bool)
        # re-rank: pinned first, then by the penalized score, then as before
        candidates = np.flatnonzero(~filler)
        ranked = candidates[
            np.lexsort(
                (
                    row_position[candidates],
                    -score[candidates],
                    ~pinned[candidates],
                    readers[candidates],
                )
            )
        ]
        ranked_readers = readers[ranked]
        rank = np.arange(len(ranked)) - np.searchsorted(ranked_readers, ranked_readers)
        shown = rank < np.maximum(top_k, pinned_count[ranked_readers])
        head = ranked[(rank < scoring.HUB_DEPTH) & ~pinned[ranked]]
        lists = np.bincount(partners[head], minlength=n)
        risen = {
            int(org): int(lists[org])
            for org in np.flatnonzero(lists > scoring.HUB_CAPACITY)
            if int(org) not in crowded
        }
        if not risen or attempt == 1:
            break
        crowded.update(risen)
    rows = ranked[shown]
    return rows, score[rows], value[rows], crowded


def _make_suggestions(
    result: dict[str, list[Suggestion]],
    explainer: _Explainer,
    found: _BlockResult,
    rows: IntArray,
    score: FloatArray,
    spread: FloatArray,
) -> list[Suggestion]:
    """The `Suggestion` objects of the listed rows, in their order (only these: the hub
    margin's candidates that are not listed stay arrays)."""
    ids = explainer.ids
    names = scoring.PARTS
    part_rows = zip(*found.parts[:, rows].tolist(), spread.tolist(), strict=True)
    lists = [result[org_id] for org_id in ids]
    made: list[Suggestion] = []
    for reader, partner, value, row, is_pinned in zip(
        found.readers[rows].tolist(),
        found.partners[rows].tolist(),
        score.tolist(),
        part_rows,
        found.pinned[rows].tolist(),
        strict=True,
    ):
        parts = dict(zip(names, row[:-1], strict=True))
        parts[scoring.SPREAD] = row[-1]
        suggestion = Suggestion(partner_id=ids[partner], score=value, parts=parts, pinned=is_pinned)
        lists[reader].append(suggestion)
        made.append(suggestion)
    return made


@dataclass(frozen=True, slots=True)
class _Explainer:
    """What `build_reasons` needs of each organization of one `suggest` call."""

    ids: Sequence[str]
    index: Mapping[str, int]
    features: Sequence[OrgFeatures]
    languages: Sequence[frozenset[str]]
    interpreter_pairs: frozenset[frozenset[str]]
    texts_compared: bool  # a text model ran (texts that are not alike speak against a link)


_ReasonInputs = tuple[list[int], list[int], list[float], list[bool], list[float]]


def _reason_inputs(found: _BlockResult, rows: IntArray) -> _ReasonInputs:
    """What `build_reasons` needs of each row besides the features: reader, partner, the text
    part, pinned and the boost (plain lists: cheap to send to the helper)."""
    return (
        found.readers[rows].tolist(),
        found.partners[rows].tolist(),
        found.parts[TEXT, rows].tolist(),
        found.pinned[rows].tolist(),
        found.parts[scoring.BOOST, rows].tolist(),
    )


def _reasons_of(
    explainer: _Explainer,
    readers: list[int],
    partners: list[int],
    texts: list[float],
    pinned: list[bool],
    boosts: list[float],
) -> list[tuple[Reason, ...]]:
    """`build_reasons` of each row (without the `crowded` warning)."""
    features, languages = explainer.features, explainer.languages
    interpreters = explainer.interpreter_pairs
    found: list[tuple[Reason, ...]] = []
    last, reader_features, reader_languages = -1, features[0], languages[0]
    for reader, partner, text, is_pinned, boost in zip(
        readers, partners, texts, pinned, boosts, strict=True
    ):
        if reader != last:
            last, reader_features, reader_languages = reader, features[reader], languages[reader]
        found.append(
            build_reasons(
                reader_features,
                features[partner],
                reader_languages=reader_languages,
                partner_languages=languages[partner],
                interpreters=interpreters,
                text=text,
                pinned=is_pinned,
                boost=boost,
                texts_compared=explainer.texts_compared,
            )
        )
    return found


# Reasons sent back by the helper: the distinct reasons (kind, params as items, weight,
# strength), the distinct tuples of them (positions in the first list), and each row's tuple.
_EncodedReasons = tuple[
    list[tuple[str, tuple[tuple[str, Any], ...], float, str]], list[tuple[int, ...]], list[int]
]


def _helper_reasons(*inputs: Any) -> _EncodedReasons:
    """In the helper: the reasons of the rows given (`_reason_inputs`), encoded."""
    assert _SHARED is not None
    return _encode_reasons(_reasons_of(_SHARED[2], *inputs))


def _encode_reasons(whys: Iterable[tuple[Reason, ...]]) -> _EncodedReasons:
    """Reasons to send back from the helper (`_decode_reasons` rebuilds them): the 1.09 million
    reasons of 385,608 listed pairs hold 46,000 distinct ones in 148,000 distinct tuples, and
    pickling each `Reason` would cost more than building it."""
    reasons: dict[tuple[Any, ...], int] = {}
    table: list[tuple[str, tuple[tuple[str, Any], ...], float, str]] = []
    tuples: dict[tuple[int, ...], int] = {}
    rows: list[int] = []
    for why in whys:
        ids = []
        for reason in why:
            items = tuple(reason.params.items())
            # the types too: 1 == 1.0 == True as keys, but a dump writes them apart
            key = (
                reason.kind,
                items,
                tuple(map(type, reason.params.values())),
                reason.weight,
                type(reason.weight),
                reason.strength,
            )
            number = reasons.get(key)
            if number is None:
                number = reasons[key] = len(table)
                table.append((reason.kind, items, reason.weight, reason.strength))
            ids.append(number)
        rows.append(tuples.setdefault(tuple(ids), len(tuples)))
    return table, list(tuples), rows


def _decode_reasons(encoded: _EncodedReasons) -> list[tuple[Reason, ...]]:
    """The reasons `_encode_reasons` encoded, equal ones shared (as `_language_reason` does)."""
    table, tuples, rows = encoded
    reasons = [
        Reason(kind, dict(items), weight, strength) for kind, items, weight, strength in table
    ]
    whys = [tuple([reasons[i] for i in ids]) for ids in tuples]
    return [whys[i] for i in rows]


def _attach_reasons(
    made: list[Suggestion],
    explainer: _Explainer,
    found: _BlockResult,
    rows: IntArray,
    crowded: Mapping[int, int],
    cut: int,
    pending: Future[_EncodedReasons] | None,
) -> None:
    """Reasons for the final lists only (after the hub penalty chose them), and the `crowded`
    warning for a penalized partner. The helper (`pending`) builds those of rows[:cut], this
    process the others, and all of them when the helper could not."""
    whys = _reasons_of(explainer, *_reason_inputs(found, rows[cut:]))
    head: list[tuple[Reason, ...]] | None = None
    if pending is not None:
        try:
            head = _decode_reasons(pending.result())
        except BrokenProcessPool:
            head = None
    if head is None:
        head = _reasons_of(explainer, *_reason_inputs(found, rows[:cut]))
    whys = head + whys
    partners, pinned = found.partners[rows].tolist(), found.pinned[rows].tolist()
    for suggestion, why, partner, is_pinned in zip(made, whys, partners, pinned, strict=True):
        if partner in crowded and not is_pinned:
            warning = Reason("crowded", {"count": crowded[partner]}, 0.05)
            why = (*why[:-1], warning, why[-1])
        # each suggestion is in one list only and was made by this call: fill in its
        # reasons rather than copy it (385,608 objects for 20,000 organizations)
        object.__setattr__(suggestion, "reasons", why)


def _suggest(
    organizations: Sequence[OrganizationProfile],
    *,
    top_k: int,
    rules: PairRules,
    text_similarity: TextSimilarity,
    interpreters: Iterable[tuple[str, str]],
    min_score: float,
    floor: float,
    headings: HeadingLexicon,
    helper: _Helper,
) -> tuple[_Explainer, _BlockResult]:
    """The candidates of every reader (in list order, `top_k` at most unless pinned) as arrays
    of rows in `organizations` sorted by side (`_Explainer.ids`), blocks in no particular order.
    With the helper enabled, a forked process computes the text signal while this one extracts
    features, then half of the blocks (`_run_blocks`)."""
    n = len(organizations)
    # Work side by side: readers of one side form contiguous blocks, and the dense text block
    # only spans the other sides' columns.
    input_order = sorted(range(n), key=lambda i: organizations[i].side)
    organizations = [organizations[i] for i in input_order]
    tie_break = np.array(input_order, dtype=np.int64)  # equal scores: input order
    ids = [org.id for org in organizations]
    index = {org_id: row for row, org_id in enumerate(ids)}

    side_order: dict[str, int] = {}
    sides = np.array(
        [side_order.setdefault(o.side, len(side_order)) for o in organizations], dtype=np.int64
    )
    side_bounds = np.flatnonzero(np.diff(sides, prepend=-1, append=-2))  # starts and the end
    spans = [(int(a), int(b)) for a, b in itertools.pairwise(side_bounds)]
    documents = [document(o) for o in organizations]
    store = _cosine_store(text_similarity, sides, helper.enabled)
    features, pending_signal, signal_pool = _features_and_text(
        organizations, headings, text_similarity, documents, sides, helper.enabled, store
    )
    signal: _TextSignal | None = None
    try:
        channels = _channels(features)
        interpreter_pairs = frozenset(frozenset(p) for p in interpreters if len(set(p)) == 2)
        directory = _Directory.build(organizations, features, interpreter_pairs)
        if pending_signal is not None:
            with contextlib.suppress(BrokenProcessPool):
                signal = pending_signal.result()
    finally:
        if signal_pool is not None:
            signal_pool.shutdown()
    if signal is None:  # one process, or the helper died: compute it here
        signal = _text_signal(text_similarity, documents, None, sides, store)
    vectors, centred, scaled, stored = signal
    text_scale, text_second = scaled if scaled is not None else (None, None)
    cosines = {side: store[side] for side in stored if side in store}
    del store
    has_text = bool(np.any(vectors))
    # a directory too small to centre: stretch its locally scaled cosines to the centred scale
    text_stretch = (
        float(getattr(text_similarity, "uncentred_stretch", 1.0))
        if getattr(text_similarity, "centre_by_script", False) and not centred
        else 1.0
    )

    pinned = _pair_table(sorted(rules.pinned), index, n)
    forbidden = _pair_table(sorted(rules.forbidden), index, n)
    boost_pairs = sorted(rules.boost.items())
    boost_positions = _pair_table([pair for pair, _ in boost_pairs], index, n)
    boost_values = np.array([value for _, value in boost_pairs] or [0.0], dtype=np.float64)
    rule_keys = np.array(sorted({*pinned, *boost_positions}), dtype=np.int64)

    block = _block_rows(n)
    blocks = [
        (side_start, side_stop, start, min(side_stop, start + block))
        for side_start, side_stop in spans
        for start in range(side_start, side_stop, block)
    ]
    run = _Run(
        n=n,
        top_k=top_k,
        min_score=min_score,
        floor=floor,
        organizations=organizations,
        features=features,
        channels=channels,
        directory=directory,
        vectors=vectors,
        has_text=has_text,
        text_scale=text_scale,
        text_second=text_second,
        text_margin=float(getattr(text_similarity, "margin_weight", 0.0)),
        text_stretch=text_stretch,
        text_similarity=text_similarity,
        interpreter_pairs=interpreter_pairs,
        tie_break=tie_break,
        pinned=pinned,
        forbidden=forbidden,
        boost_positions=boost_positions,
        boost_values=boost_values,
        rule_keys=rule_keys,
        blocks=blocks,
        other_side={},
        cosines=cosines,
    )
    del cosines
    explainer = _Explainer(
        ids=ids,
        index=index,
        features=features,
        languages=[org.languages for org in organizations],
        interpreter_pairs=interpreter_pairs,
        texts_compared=has_text,
    )
    found = list(_run_blocks(run, helper, explainer))
    run.cosines.clear()  # 800 MB for 20,000 organizations
    candidates = _BlockResult(
        readers=np.concatenate([f.readers for f in found] or [np.zeros(0, dtype=np.int64)]),
        partners=np.concatenate([f.partners for f in found] or [np.zeros(0, dtype=np.int64)]),
        score=np.concatenate([f.score for f in found] or [np.zeros(0)]),
        parts=np.concatenate(
            [f.parts for f in found] or [np.zeros((len(scoring.PARTS), 0))], axis=1
        ),
        pinned=np.concatenate([f.pinned for f in found] or [np.zeros(0, dtype=bool)]),
    )
    return explainer, candidates


def score_pair(
    a: OrganizationProfile,
    b: OrganizationProfile,
    *,
    text_similarity: TextSimilarity | None = None,
    interpreters: Iterable[tuple[str, str]] = (),
    headings: HeadingLexicon | None = None,
) -> Suggestion | None:
    """`b` as suggested to `a` when only the two are in the directory (None: nothing in common).

    Handy for tests and for explaining a single pair; IDF weights of the n-gram text model come
    from the two texts only, so text parts differ from a full-directory run.
    """
    found = suggest(
        [a, b],
        top_k=1,
        text_similarity=text_similarity,
        interpreters=interpreters,
        headings=headings,
    )
    return found[a.id][0] if found[a.id] else None
