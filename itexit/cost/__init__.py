"""The true cost of staying or switching: monthly prices from the business's counts, totals over
a horizon, the month switching pays for itself, and the billing check.

- `models`: a provider's pricing and the business's own figures;
- `plans`: the ways of leaving the current provider (at the term's end, now), their dates and
  whether the early-termination fee applies;
- `downtime`: expected downtime a year, where each figure comes from, when it is counted;
- `totals`: prices, the options and their parts, payback, overbilling (exact Decimals);
- `charts`: the stacked totals, spending over time and value for money.

The Costs page uses `itexit.cost.views`: what it shows and the changes it sends back. Those
build on the evaluation aggregate, which is itself built from the areas' models, so the package
does not import them (that would be an import cycle).
"""

from itexit.cost.charts import PART_COLOURS, cost_over_time, cost_stack, value_map
from itexit.cost.downtime import Downtime, downtime_counted, expected_downtime
from itexit.cost.models import DOWNTIME_CHOICES, Business, DowntimeChoice, Pricing
from itexit.cost.plans import Leaving, at_term_end, first_month, leaving_now
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
    remaining_fees,
    switch_now_options,
)

__all__ = [
    "DOWNTIME_CHOICES",
    "PARTS",
    "PART_COLOURS",
    "Business",
    "Downtime",
    "DowntimeChoice",
    "Leaving",
    "Option",
    "Overbilling",
    "Pricing",
    "at_term_end",
    "billing_check",
    "cents",
    "cost_over_time",
    "cost_stack",
    "downtime_counted",
    "downtime_hours_per_year",
    "expected_downtime",
    "first_month",
    "leaving_now",
    "monthly_fees",
    "monthly_price",
    "options",
    "payback_month",
    "remaining_fees",
    "switch_now_options",
    "value_map",
]
