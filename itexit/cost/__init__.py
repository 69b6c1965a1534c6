"""The true cost of staying or switching: monthly prices from the business's counts, totals over
a horizon, the month switching pays for itself, and the billing check.

- `models`: a provider's pricing and the business's own figures;
- `totals`: prices, the options and their parts, payback, overbilling (exact Decimals);
- `charts`: the stacked totals, spending over time and value for money.

The Costs page uses `itexit.cost.views`: what it shows and the changes it sends back. Those
build on the evaluation aggregate, which is itself built from the areas' models, so the package
does not import them (that would be an import cycle).
"""

from itexit.cost.charts import PART_COLOURS, cost_over_time, cost_stack, value_map
from itexit.cost.models import Business, Pricing
from itexit.cost.totals import (
    PARTS,
    Option,
    Overbilling,
    billing_check,
    cents,
    downtime_hours_per_year,
    monthly_fees,
    monthly_price,
    options,
    payback_month,
)

__all__ = [
    "PARTS",
    "PART_COLOURS",
    "Business",
    "Option",
    "Overbilling",
    "Pricing",
    "billing_check",
    "cents",
    "cost_over_time",
    "cost_stack",
    "downtime_hours_per_year",
    "monthly_fees",
    "monthly_price",
    "options",
    "payback_month",
    "value_map",
]
