"""Each chosen fact in its best version: the one that states what most of the cluster's articles agree on."""

from __future__ import annotations


def _facts(assertion) -> set:
    """A sentence's numbers, dates and names, as comparable items."""
    return set(assertion.quantities) | {("name", n) for n in assertion.names}


def corroborated_facts(index, sources) -> frozenset:
    """Numbers, dates and names that at least half of the cluster's articles (two or more) state: what most
    outlets agree on ("his first visit in 24 years")."""
    articles: dict = {}
    for j, src in enumerate(sources):
        for fact in _facts(index.assertion(j)):
            articles.setdefault(fact, set()).add(src.article_id)
    need = max(2, -(-len({src.article_id for src in sources}) // 2))
    return frozenset(f for f, ids in articles.items() if len(ids) >= need)


def best_versions(chosen: list[int], candidates: list[int], index, sources, lengths, budget: int,
                  voiced: frozenset[int] | set[int] = frozenset()):
    """Each chosen sentence swapped for the member of its same-fact unit that carries the most numbers and
    dates most articles agree on, then the most such facts, names included (ties: the chosen one), within the
    budget; and per sentence the other articles that state the fact. A detail only one or two outlets give
    does not win a swap: it may restate another sentence's fact in other words ("since 2000"); a sentence
    in its writer's voice (``voiced``) replaces none that is not."""
    out, support, total = [], [], sum(lengths[i] for i in chosen)
    pool = [j for j in candidates if j not in chosen]
    agreed = corroborated_facts(index, sources)

    def rank(j: int, chosen_one: int) -> tuple:
        a = index.assertion(j)
        return len(a.quantities & agreed), len(_facts(a) & agreed), j == chosen_one

    for k, i in enumerate(chosen):
        unit = index.unit(i, pool)
        best = max((j for j in unit if j == i or i in voiced or j not in voiced), key=lambda j: rank(j, i))
        others = out + chosen[k + 1:]
        if best != i and total - lengths[i] + lengths[best] <= budget and not any(index.same(best, o) for o in others):
            total += lengths[best] - lengths[i]
            pool = [j for j in pool if j != best] + [i]
        else:
            best = i
        out.append(best)
        support.append(list(dict.fromkeys(sources[j].article_id for j in unit if sources[j].article_id != sources[best].article_id)))
    return out, support
