"""指标一览: every figure in the reports as a cited row; `rag.indicators()` is the table itself.

`rag.indicators.compare()` sets each result beside the target for the same indicator in one report,
`outcomes()` a year's target beside the next report's result for it (目标 vs 实绩), `lookup()` finds the
rows a numeric question asks about, and to_csv / to_json / format_table export them (all in .table).
"""
import sys
import types

from rag.indicators.table import (
    Indicator,
    IndicatorPair,
    compare,
    extract_document,
    format_outcomes,
    format_pairs,
    format_table,
    indicators,
    lookup,
    outcomes,
    to_csv,
    to_json,
)

__all__ = ["Indicator", "IndicatorPair", "compare", "extract_document", "format_outcomes", "format_pairs", "format_table",
           "indicators", "lookup", "outcomes", "to_csv", "to_json"]


class _CallableModule(types.ModuleType):
    def __call__(self, *args, **kwargs) -> list[Indicator]:
        return indicators(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
