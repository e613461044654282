"""The default `opportunities` section, as YAML text parsed by the same schema as any preset.

Used when a config has no `opportunities` section (and for the parts a section
leaves out). The default rules carry `if_criteria_missing: skip`, so a preset
without, say, an innovation criterion simply does not get the co-innovation
rule (with a note) instead of failing to load.
"""

from __future__ import annotations

import copy
from functools import cache
from typing import Any

import yaml

from scorecard.config.loading import SettingsLoader

DEFAULT_SECTION = """\
importance:
  min_coverage: 50          # percent of the importance weight a supplier needs data for to be placed
  columns:
    - key: annual_spend
      label: Annual spend
      column: Annual spend
      synonyms: [Annual spend (EUR), Spend, Annual spend EUR, Spend last 12 months, Current spend]
      kind: money
      weight: 25
      scale: relative       # the largest spend among the suppliers scores 100
    - key: spend_share
      label: Share of category spend
      column: Share of category spend (%)
      synonyms: [Share of category spend, Spend share, Share of spend, Share of wallet, Category share]
      kind: percent
      weight: 25
      scale: {type: linear, worst: 0, best: 50}
    - key: criticality
      label: Criticality
      column: Criticality
      synonyms: [Business criticality, Supply criticality, Critical supplier, Criticality rating]
      kind: text
      weight: 30
      scale: {type: categorical, points: {High: 100, Medium: 50, Low: 0}}
    - key: single_source
      label: Single source
      column: Single source
      synonyms: [Single-source, Single sourced, Sole source, Single source dependency]
      kind: yes_no
      weight: 20
      scale: {type: categorical, points: {"Yes": 100, "No": 0}}
segments:
  performance_threshold: 65   # the Preferred band floor: at or above is "high performance"
  importance_threshold: 50    # at or above is "high importance"
  exit_below: 50              # low importance and a total below this: exit rather than maintain
plans:
  max_gaps: 5
  what_if_steps: 3
  max_suppliers: 30          # plans worked out up front; any other supplier's plan is worked out on request
rules:
  - id: joint_cost_reduction
    type: Joint cost reduction / value engineering
    priority: High
    if_criteria_missing: skip
    when:
      - {category: quality, at_least: 70}
      - {category: srm_fit, at_least: 70}
      - {category: cost, at_most: 60}
    rationale: >-
      {supplier} scores {quality:.0f} on quality and {srm_fit:.0f} on SRM fit but only {cost:.0f} on cost:
      a strong partner whose price is the gap, so cost can come down together without giving up quality.
    next_step: >-
      Hold a joint value-engineering workshop: share the cost drivers (specification, volumes, logistics,
      payment terms), agree a savings target and how the gains are shared.
  - id: supplier_development
    type: Supplier development
    priority: High
    if_criteria_missing: skip
    when:
      - {importance: {at_least: 50}}
      - any_of:
          - {category: quality, at_most: 60}
          - {criterion: on_time_delivery, at_most: 70}
    rationale: >-
      {supplier} matters to us (importance {importance:.0f} of 100) but lags on quality or delivery:
      quality scores {quality:.0f} of 100 and on-time delivery is {on_time_delivery_value}
      (best in class {on_time_delivery_best}).
    next_step: >-
      Agree a time-bound development plan with the supplier: its largest gaps from the improvement plan,
      each with an owner, a target and a date, reviewed monthly.
  - id: sustainability_partnership
    type: Sustainability partnership
    priority: Medium
    if_criteria_missing: skip
    when:
      - {category: sustainability, at_least: 85}
      - {total: {at_least: 50}}
    rationale: >-
      {supplier} scores {sustainability:.0f} of 100 on sustainability with {total:.1f} points overall:
      a supplier to learn from and to set joint sustainability targets with.
    next_step: >-
      Propose a sustainability partnership: shared carbon-reduction targets, joint projects (packaging,
      logistics, materials) and published results.
  - id: sustainability_corrective_plan
    type: Sustainability corrective plan
    priority: High
    if_criteria_missing: skip
    when:
      - {importance: {at_least: 50}}
      - {category: sustainability, at_most: 50}
    rationale: >-
      {supplier} matters to us (importance {importance:.0f} of 100) but scores only {sustainability:.0f}
      of 100 on sustainability, so its footprint weighs on ours.
    next_step: >-
      Agree a sustainability corrective action plan: each weak area becomes an action with an owner and
      a date (certification, carbon data, a reduction target), reviewed each quarter.
  - id: risk_mitigation
    type: Risk mitigation & dual sourcing
    priority: High
    if_criteria_missing: skip
    when:
      - {total: {at_least: 65}}
      - {category: risk, at_most: 50}
    rationale: >-
      {supplier} scores {total:.1f} points overall (rank {rank}) but only {risk:.0f} of 100 on risk:
      a good supplier we could lose.
    next_step: >-
      Agree a risk mitigation plan (business continuity, safety stock, financial monitoring) and
      qualify a second source for the critical items.
  - id: dual_sourcing
    type: Risk mitigation & dual sourcing
    priority: Medium
    if_criteria_missing: skip
    when:
      - {rank: {at_least: 2}}
      - {gap_to_leader: {at_most: 3}}
    rationale: >-
      {supplier} ranks {rank} with {total:.1f} points, only {gap_to_leader:.1f} behind the leader
      ({leader_total:.1f}): two near-equal suppliers make a split award cheap insurance.
    next_step: >-
      Consider a dual-source award (e.g. 70/30), with volume moving each quarter to whichever supplier
      performs better.
  - id: co_innovation
    type: Co-innovation
    priority: Medium
    if_criteria_missing: skip
    when:
      - {criterion: innovation, at_least: 75}
      - {category: srm_fit, at_least: 80}
    rationale: >-
      {supplier} is rated {innovation_value} on innovation ({innovation:.0f} of 100) and scores
      {srm_fit:.0f} on SRM fit: it brings ideas and works with us.
    next_step: >-
      Set up a joint innovation roadmap: a shared pipeline of ideas, a quarterly review, and
      gain-sharing on what is adopted.
  - id: consolidate_or_exit
    type: Consolidate or exit
    priority: Medium
    if_criteria_missing: skip
    when:
      - {band: [Develop, Exit]}
      - {segment: [maintain, exit]}
    rationale: >-
      {supplier} scores {total:.1f} points ({band} band) and is not strategic for us
      (importance {importance:.0f} of 100): its volume would earn more with a better supplier.
    next_step: >-
      Move its volume to better-scoring suppliers at the next award, or give it one time-bound
      improvement plan before exit.
"""


@cache
def _parsed() -> dict[str, Any]:
    return yaml.load(DEFAULT_SECTION, Loader=SettingsLoader)


def default_data() -> dict[str, Any]:
    """The defaults as data, parsed once per process by the settings' own loader (a copy: callers may change it)."""
    return copy.deepcopy(_parsed())
