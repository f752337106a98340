"""The point-in-time control queries as SQL text, for DuckDB and Spark SQL.

The text is plain SQL over the tables of the layout (``controls``, ``events``) and the
helper tables of :func:`~conflictmodel.tables.tree_tables`. It is generated because two
things vary: the dialect (a few spellings, and how a day is looked up in a table of
segments: DuckDB's ``ASOF`` join, or a range join on Spark) and the height of the
territory tree (one stage per level of parts, so that states derived from parts are
combined bottom-up without recursive SQL).

The states are decided exactly as the in-memory queries decide them (``docs/queries.md``):
own records (with the two readings), else the parts, else the nearest enclosing
territory, else unrecorded. They are computed in two stages, so that no work is repeated
per question:

1. **Once per territory** (``lineage_state``): each territory's timeline is cut into
   *segments* at the bounds of its own records and of its ancestors' (first possible,
   first certain, day after last certain, day after last possible day), from the first
   representable day on. On each segment the territory's own state and the state it
   inherits are constant, and are decided once, whatever the number of questions.
2. **Per question**, only for a territory with parts: the question's window is cut at
   the bounds of everything inside it and above it, and the state derived from the parts
   is combined level by level, each part's own and inherited state looked up in stage 1.
   A question on a territory without parts reads stage 1 directly.
"""

from __future__ import annotations

import re
from typing import Literal

__all__ = ["DIALECTS", "Dialect", "control_states_sql", "events_control_sql", "partition_sql", "steps"]

Dialect = Literal["duckdb", "spark"]
DIALECTS: tuple[Dialect, ...] = ("duckdb", "spark")

HOLDING = ("held", "joint", "contested", "besieged")
INHERITABLE = (*HOLDING, "ambiguous", "conflicting")
FIRST_DAY = "DATE '0001-01-01'"
"""The first day of every territory's first segment (the earliest date the model holds)."""


class _Words:
    """The three spellings that differ between the dialects."""

    def __init__(self, dialect: Dialect) -> None:
        if dialect not in DIALECTS:
            raise ValueError(f"no SQL dialect {dialect!r}; the dialects are {', '.join(DIALECTS)}")
        self.dialect = dialect

    def explode(self, expression: str) -> str:
        """One row per item of a list, in a SELECT list."""
        return f"{'unnest' if self.dialect == 'duckdb' else 'explode'}({expression})"

    def sorted_set(self, expression: str) -> str:
        """The sorted distinct non-NULL values of a group (an empty list for none)."""
        if self.dialect == "duckdb":
            return f"coalesce(list_sort(list(DISTINCT {expression}) FILTER (WHERE {expression} IS NOT NULL)), [])"
        return f"array_sort(collect_set({expression}))"

    def union_sets(self, expression: str) -> str:
        """The sorted union of the lists of a group."""
        if self.dialect == "duckdb":
            return f"coalesce(list_sort(list_distinct(flatten(list({expression})))), [])"
        return f"array_sort(array_distinct(flatten(collect_list({expression}))))"

    def union_where(self, expression: str, condition: str) -> str:
        """The sorted union of the lists of a group's rows that meet ``condition``."""
        if self.dialect == "duckdb":
            chosen = f"list({expression}) FILTER (WHERE {condition})"
            return f"coalesce(list_sort(list_distinct(flatten({chosen}))), [])"
        return f"array_sort(array_distinct(flatten(collect_list(CASE WHEN {condition} THEN {expression} END))))"

    def length(self, expression: str) -> str:
        """The number of items of a list."""
        return f"{'len' if self.dialect == 'duckdb' else 'size'}({expression})"

    def sort_list(self, expression: str) -> str:
        """A list sorted."""
        return f"{'list_sort' if self.dialect == 'duckdb' else 'array_sort'}({expression})"

    def at(self, table: str, alias: str, territory: str, day: str) -> str:
        """Join the one segment of ``table`` (``territory``, ``day``, ``until``, one row
        per segment, the segments of a territory covering every day from ``FIRST_DAY``)
        in which ``day`` falls for ``territory``: an ``ASOF`` join on DuckDB (a merge of
        two sorted inputs), a range join on Spark."""
        if self.dialect == "duckdb":
            return f"ASOF LEFT JOIN {table} {alias} ON {alias}.territory = {territory} AND {alias}.day <= {day}"
        return (
            f"LEFT JOIN {table} {alias} ON {alias}.territory = {territory} AND {alias}.day <= {day} "
            f"AND ({alias}.until IS NULL OR {day} <= {alias}.until)"
        )

    @property
    def empty(self) -> str:
        """An empty list of strings."""
        return "CAST([] AS VARCHAR[])" if self.dialect == "duckdb" else "CAST(array() AS ARRAY<STRING>)"


def _quoted(values: tuple[str, ...]) -> str:
    return ", ".join(f"'{v}'" for v in values)


def _counts(w: _Words) -> tuple[str, str, str]:
    """The aggregates of a segment's covering records (one row each), the kinds they give
    under each reading, and the test for an answer that depends on imprecise dates.

    Per reading (``c``: the records that certainly cover the segment, ``a``: those that
    possibly do): ``n`` records, ``x`` records that hold all of it (not ``partial``),
    ``xs`` controllers of those counted per record and ``xu`` counted once, ``u`` every
    distinct controller, ``r`` the strongest status (0 full, 1 contested, 2 besieged),
    and the sorted ``ctrl`` and ``opp`` sets. Exclusive records agree when every one
    names the same controllers (``xs = x * xu``) and nobody else controls (``u = xu``).
    """
    rank = "CASE status WHEN 'full' THEN 0 WHEN 'contested' THEN 1 WHEN 'besieged' THEN 2 END"
    counts = []
    for reading, when in (("c", "certain"), ("a", "TRUE")):
        whole = f"{when} AND status <> 'partial'"
        counts += [
            f"COUNT(CASE WHEN {when} THEN 1 END) AS n_{reading}",
            f"COUNT(CASE WHEN {whole} THEN 1 END) AS x_{reading}",
            f"coalesce(SUM(CASE WHEN {whole} THEN {w.length('controllers')} END), 0) AS xs_{reading}",
            f"{w.length(w.union_where('controllers', whole))} AS xu_{reading}",
            f"MAX(CASE WHEN {when} THEN {rank} END) AS r_{reading}",
            f"{w.union_where('controllers', when)} AS ctrl_{reading}",
            f"{w.union_where('opponents', when)} AS opp_{reading}",
        ]
    kinds = ",\n    ".join(
        f"CASE WHEN n_{r} = 0 THEN 'unrecorded' WHEN x_{r} = 0 THEN 'partial' "
        f"WHEN xs_{r} <> x_{r} * xu_{r} OR {w.length(f'ctrl_{r}')} <> xu_{r} THEN 'conflicting' "
        f"WHEN r_{r} = 2 THEN 'besieged' WHEN r_{r} = 1 THEN 'contested' "
        f"WHEN xu_{r} > 1 THEN 'joint' ELSE 'held' END AS kind_{r}"
        for r in ("c", "a")
    )
    ambiguous = "kind_c <> 'conflicting' AND n_a > n_c AND (kind_a <> kind_c OR ctrl_a <> ctrl_c OR opp_a <> opp_c)"
    return ",\n    ".join(counts), kinds, ambiguous


def _territory_states(w: _Words, *, derive: bool) -> str:
    """From ``asked(territory)`` to ``lineage_state``: for every territory whose state is
    needed (those asked and, with ``derive``, everything inside them), its segments with
    its own state (``own_kind``, ...), the state it inherits (``inh_kind``, ...) and the
    two combined (``kind``, ``controllers``, ``opponents``: own, else inherited)."""
    count_list, kinds, ambiguous = _counts(w)
    if derive:
        needed = """SELECT DISTINCT s.source AS territory
  FROM asked a JOIN territory_sources s ON s.territory = a.territory WHERE s.needs_state"""
    else:
        needed = "SELECT DISTINCT a.territory FROM asked a JOIN territory_levels l ON l.territory = a.territory"
    return f"""needed AS (
  {needed}
),
lineage AS (
  SELECT territory, territory AS ancestor, 0 AS distance FROM territory_levels
  UNION ALL SELECT territory, ancestor, distance FROM territory_ancestors
),
relevant AS (
  SELECT DISTINCT l.ancestor AS territory FROM needed n JOIN lineage l ON l.territory = n.territory
),
spans AS (
  SELECT id, territory, status, controllers, opponents,
    period.start.earliest AS p_from,
    CASE WHEN period.start IS NULL THEN NULL WHEN period.end IS NULL THEN period.start.latest
      ELSE least(period.start.latest, period.end.latest) END AS c_from,
    CASE WHEN period.end IS NULL THEN NULL WHEN period.start IS NULL THEN period.end.earliest
      ELSE greatest(period.end.earliest, period.start.earliest) END AS c_until,
    period.end.latest AS p_until
  FROM controls WHERE territory IN (SELECT territory FROM relevant)
),
points AS (
  SELECT territory, {FIRST_DAY} AS day FROM relevant
  UNION SELECT territory, p_from AS day FROM spans WHERE p_from IS NOT NULL
  UNION SELECT territory, c_from AS day FROM spans WHERE c_from IS NOT NULL
  UNION SELECT territory, c_until + 1 AS day FROM spans WHERE c_until IS NOT NULL
  UNION SELECT territory, p_until + 1 AS day FROM spans WHERE p_until IS NOT NULL
),
own_segments AS (
  SELECT territory, day, LEAD(day) OVER (PARTITION BY territory ORDER BY day) - 1 AS until FROM points
),
covering AS (
  SELECT g.territory, g.day, c.id, c.status, c.controllers, c.opponents,
    (c.c_from IS NULL OR c.c_from <= g.day) AND (c.c_until IS NULL OR g.day <= c.c_until) AS certain
  FROM own_segments g JOIN spans c ON c.territory = g.territory
  WHERE (c.p_from IS NULL OR c.p_from <= g.day) AND (c.p_until IS NULL OR g.day <= c.p_until)
),
own_counts AS (
  SELECT territory, day,
    {count_list}
  FROM covering GROUP BY territory, day
),
own_kinds AS (
  SELECT territory, day, n_c, n_a, ctrl_c, ctrl_a, opp_c, opp_a,
    {kinds}
  FROM own_counts
),
own AS (
  SELECT territory, day,
    CASE WHEN {ambiguous} THEN 'ambiguous' ELSE kind_c END AS kind,
    CASE WHEN {ambiguous} THEN ctrl_a ELSE ctrl_c END AS controllers,
    CASE WHEN {ambiguous} THEN opp_a ELSE opp_c END AS opponents
  FROM own_kinds
),
own_total AS (
  SELECT g.territory, g.day, g.until, o.kind, o.controllers, o.opponents
  FROM own_segments g LEFT JOIN own o ON o.territory = g.territory AND o.day = g.day
),
inheritable AS (
  SELECT territory, day, until, kind, controllers, opponents FROM own_total WHERE kind IN ({_quoted(INHERITABLE)})
),
grid AS (
  SELECT territory, day, LEAD(day) OVER (PARTITION BY territory ORDER BY day) - 1 AS until FROM (
    SELECT DISTINCT n.territory, p.day
    FROM needed n JOIN lineage l ON l.territory = n.territory JOIN points p ON p.territory = l.ancestor
  ) lineage_days
),
inherited AS (
  SELECT territory, day, kind, controllers, opponents FROM (
    SELECT g.territory, g.day, o.kind, o.controllers, o.opponents,
      ROW_NUMBER() OVER (PARTITION BY g.territory, g.day ORDER BY a.distance) AS nearest
    FROM grid g
    JOIN territory_ancestors a ON a.territory = g.territory
    JOIN inheritable o ON o.territory = a.ancestor AND o.day <= g.day AND (o.until IS NULL OR g.day <= o.until)
  ) ranked WHERE nearest = 1
),
lineage_state AS (
  SELECT g.territory, g.day, g.until,
    o.kind AS own_kind, o.controllers AS own_controllers, o.opponents AS own_opponents,
    i.kind AS inh_kind, i.controllers AS inh_controllers, i.opponents AS inh_opponents,
    coalesce(o.kind, i.kind, 'unrecorded') AS kind,
    coalesce(o.controllers, i.controllers, {w.empty}) AS controllers,
    coalesce(o.opponents, i.opponents, {w.empty}) AS opponents
  FROM grid g
  {w.at("own_total", "o", "g.territory", "g.day")}
  LEFT JOIN inherited i ON i.territory = g.territory AND i.day = g.day
)"""


def _derived(w: _Words, height: int) -> str:
    """Per question on a territory with parts (``deep(qid, territory, lo, hi)``): its
    window cut into ``segments`` and, level by level, the state of everything inside it
    on each segment; ``derived_answers`` has the asked territory's."""
    stages = [
        f"""q_sources AS (
  SELECT q.qid, q.lo, q.hi, s.source, s.needs_state, s.height
  FROM deep q JOIN territory_sources s ON s.territory = q.territory
),
q_points AS (
  SELECT qid, lo AS day FROM deep
  UNION
  SELECT qs.qid, p.day FROM q_sources qs JOIN points p ON p.territory = qs.source
  WHERE p.day > qs.lo AND (qs.hi IS NULL OR p.day <= qs.hi)
),
segments AS (
  SELECT qid, day, LEAD(day) OVER (PARTITION BY qid ORDER BY day) - 1 AS until FROM q_points
),
seg_sources AS (
  SELECT g.qid, g.day, qs.source, qs.height
  FROM segments g JOIN q_sources qs ON qs.qid = g.qid AND qs.needs_state
),
level_0 AS (
  SELECT ss.qid, ss.day, ss.source AS territory, coalesce(b.kind, 'unrecorded') AS kind,
    coalesce(b.controllers, {w.empty}) AS controllers, coalesce(b.opponents, {w.empty}) AS opponents
  FROM seg_sources ss
  {w.at("lineage_state", "b", "ss.source", "ss.day")}
  WHERE ss.height = 0
),
seg_states AS (
  SELECT ss.qid, ss.day, ss.source, ss.height, b.own_kind, b.own_controllers, b.own_opponents,
    b.inh_kind, b.inh_controllers, b.inh_opponents
  FROM seg_sources ss
  {w.at("lineage_state", "b", "ss.source", "ss.day")}
  WHERE ss.height > 0
)"""
    ]
    for level in range(1, height + 1):
        below = " UNION ALL ".join(f"SELECT * FROM level_{i}" for i in range(level))
        stages.append(f"""combined_{level} AS (
  SELECT ss.qid, ss.day, ss.source AS territory,
    CASE WHEN MAX(CASE WHEN s.kind = 'conflicting' THEN 1 ELSE 0 END) = 1 THEN 'conflicting'
      WHEN MAX(CASE WHEN s.kind = 'ambiguous' THEN 1 ELSE 0 END) = 1 THEN 'ambiguous'
      WHEN COUNT(DISTINCT s.controllers) > 1 OR MAX(CASE WHEN s.kind = 'divided' THEN 1 ELSE 0 END) = 1 THEN 'divided'
      WHEN COUNT(*) < MAX(lv.parts) OR MAX(CASE WHEN s.kind = 'partial' THEN 1 ELSE 0 END) = 1 THEN 'partial'
      WHEN COUNT(DISTINCT s.kind) = 1 THEN MIN(s.kind)
      ELSE 'contested' END AS kind,
    {w.union_sets("s.controllers")} AS controllers,
    {w.union_sets("s.opponents")} AS opponents
  FROM seg_states ss
  JOIN territory_levels lv ON lv.territory = ss.source
  JOIN territory_parts tp ON tp.territory = ss.source
  JOIN ({below}) s ON s.qid = ss.qid AND s.day = ss.day AND s.territory = tp.part
  WHERE ss.height = {level} AND s.kind <> 'unrecorded'
  GROUP BY ss.qid, ss.day, ss.source
),
level_{level} AS (
  SELECT ss.qid, ss.day, ss.source AS territory,
    coalesce(ss.own_kind, p.kind, ss.inh_kind, 'unrecorded') AS kind,
    coalesce(ss.own_controllers, p.controllers, ss.inh_controllers, {w.empty}) AS controllers,
    coalesce(ss.own_opponents, p.opponents, ss.inh_opponents, {w.empty}) AS opponents
  FROM seg_states ss
  LEFT JOIN combined_{level} p ON p.qid = ss.qid AND p.day = ss.day AND p.territory = ss.source
  WHERE ss.height = {level}
)""")
    every = " UNION ALL ".join(f"SELECT * FROM level_{i}" for i in range(1, height + 1))
    stages.append(f"""derived_answers AS (
  SELECT g.qid, g.day, coalesce(g.until, q.hi) AS until,
    coalesce(s.kind, 'unrecorded') AS kind,
    coalesce(s.controllers, {w.empty}) AS controllers,
    coalesce(s.opponents, {w.empty}) AS opponents
  FROM segments g
  JOIN deep q ON q.qid = g.qid
  LEFT JOIN ({every}) s ON s.qid = g.qid AND s.day = g.day AND s.territory = q.territory
)""")
    return ",\n".join(stages)


def _answers(w: _Words, height: int) -> str:
    """From ``questions(qid, territory, lo, hi)`` (``hi`` NULL: no end) to ``answers``:
    one row per segment of each question's window on which its territory's state is
    constant (a question on an unknown territory has none)."""
    direct = f"""asked AS (
  SELECT DISTINCT territory FROM questions
),
{_territory_states(w, derive=True)},
placed AS (
  SELECT q.qid, q.territory, q.lo, q.hi, l.height
  FROM questions q JOIN territory_levels l ON l.territory = q.territory
),
direct_answers AS (
  SELECT q.qid, greatest(s.day, q.lo) AS day,
    CASE WHEN s.until IS NULL THEN q.hi WHEN q.hi IS NULL THEN s.until ELSE least(s.until, q.hi) END AS until,
    s.kind, s.controllers, s.opponents
  FROM placed q JOIN lineage_state s ON s.territory = q.territory
    AND (q.hi IS NULL OR s.day <= q.hi) AND (s.until IS NULL OR q.lo <= s.until)
  WHERE q.height = 0
)"""
    if height == 0:
        return direct + ",\nanswers AS (\n  SELECT * FROM direct_answers\n)"
    return f"""{direct},
deep AS (
  SELECT qid, territory, lo, hi FROM placed WHERE height > 0
),
{_derived(w, height)},
answers AS (
  SELECT * FROM direct_answers UNION ALL SELECT * FROM derived_answers
)"""


def control_states_sql(dialect: Dialect, height: int) -> str:
    """Who holds each territory on each day of ``days(territory, day)``: one row per
    pair with ``kind`` (``held``, ``joint``, ``contested``, ``besieged``, ``partial``,
    ``divided``, ``ambiguous``, ``conflicting`` or ``unrecorded``), ``controllers`` and
    ``opponents`` (sorted lists), as :meth:`~conflictmodel.Scenario.controllers_on`.

    ``height`` is the height of the territory tree (the highest ``territory_levels.height``).
    """
    w = _Words(dialect)
    return _materialized(
        f"""WITH questions AS (
  SELECT DISTINCT concat(territory, '|', CAST(day AS STRING)) AS qid, territory, day AS lo, day AS hi FROM days
),
{_answers(w, height)}
SELECT d.territory, d.day, coalesce(a.kind, 'unrecorded') AS kind,
  coalesce(a.controllers, {w.empty}) AS controllers, coalesce(a.opponents, {w.empty}) AS opponents
FROM days d LEFT JOIN answers a ON a.qid = concat(d.territory, '|', CAST(d.day AS STRING))
""",
        dialect,
    )


def events_control_sql(dialect: Dialect, height: int) -> str:
    """Each event with who held its location over the days it may have happened.

    Those days run from ``date.start.earliest`` to ``date.end.latest`` (an open end is
    unbounded). The columns:

    * ``certainly``: the actors that hold all of the location (held, joint, contested or
      besieged) on every one of those days, whichever the event's day turns out to be;
    * ``possibly``: every actor any state of the location names as a controller on some
      of those days (ambiguous candidates, partial and divided holders included);
    * ``kinds``: the sorted kinds of the location's states over those days.

    An event without a location, or located in a territory the tables do not hold, has
    empty lists.
    """
    w = _Words(dialect)
    return _materialized(
        f"""WITH questions AS (
  SELECT id AS qid, location AS territory, coalesce(date.start.earliest, {FIRST_DAY}) AS lo,
    date.end.latest AS hi
  FROM events WHERE location IS NOT NULL
),
{_answers(w, height)},
per_event AS (
  SELECT qid, COUNT(*) AS segments, {w.sorted_set("kind")} AS kinds, {w.union_sets("controllers")} AS possibly
  FROM answers GROUP BY qid
),
holders AS (
  SELECT qid, day, {w.explode("controllers")} AS actor FROM answers WHERE kind IN ({_quoted(HOLDING)})
),
certain AS (
  SELECT h.qid, {w.sorted_set("h.actor")} AS certainly FROM (
    SELECT qid, actor, COUNT(DISTINCT day) AS days FROM holders GROUP BY qid, actor
  ) h JOIN per_event p ON p.qid = h.qid
  WHERE h.days = p.segments GROUP BY h.qid
)
SELECT e.id AS event, e.location, e.date.start.earliest AS earliest, e.date.end.latest AS latest,
  coalesce(p.kinds, {w.empty}) AS kinds,
  coalesce(c.certainly, {w.empty}) AS certainly,
  coalesce(p.possibly, {w.empty}) AS possibly
FROM events e
LEFT JOIN per_event p ON p.qid = e.id
LEFT JOIN certain c ON c.qid = e.id
""",
        dialect,
    )


def partition_sql(dialect: Dialect) -> str:
    """The partition of each territory of ``partitions(within, day)`` by the weights of
    ``territory_pieces(within, piece, weight, whole)``: one row per bloc (``category``
    ``held``, with its sorted ``controllers``) and per ``unrecorded``, ``ambiguous`` and
    ``undetermined`` weight, with ``weight`` and ``share`` of the total, as
    :meth:`~conflictmodel.Scenario.partition` (a piece's holder is its own state or the
    state it inherits, never one derived from parts).

    A piece held in part goes, in the portions its certainly covering records state
    (``control_portions(id, fraction, area_km2)``; by the portion's own area, of the
    piece's ``whole`` territory, when both are known), to their controllers, scaled down
    together when they add up to more than the whole; the rest is undetermined. When a
    record that only possibly covers the day states a portion, the piece is ambiguous.
    """
    w = _Words(dialect)
    return _materialized(
        f"""WITH asked AS (
  SELECT DISTINCT tp.piece AS territory FROM partitions pr JOIN territory_pieces tp ON tp.within = pr.within
),
{_territory_states(w, derive=False)},
piece_days AS (
  SELECT pr.within, pr.day, tp.piece, tp.weight, tp.whole
  FROM partitions pr JOIN territory_pieces tp ON tp.within = pr.within
),
piece_states AS (
  SELECT d.within, d.day, d.piece, d.weight, d.whole, coalesce(s.kind, 'unrecorded') AS kind, s.controllers
  FROM piece_days d
  {w.at("lineage_state", "s", "d.piece", "d.day")}
),
stated AS (
  SELECT ps.within, ps.day, ps.piece, c.id,
    (c.c_from IS NULL OR c.c_from <= ps.day) AND (c.c_until IS NULL OR ps.day <= c.c_until) AS certain,
    {w.sort_list("c.controllers")} AS holders,
    CASE WHEN ps.whole IS NOT NULL AND ps.whole > 0 AND cp.area_km2 IS NOT NULL
      THEN least(1.0, cp.area_km2 / ps.whole) ELSE cp.fraction END AS fraction
  FROM piece_states ps
  JOIN spans c ON c.territory = ps.piece
    AND (c.p_from IS NULL OR c.p_from <= ps.day) AND (c.p_until IS NULL OR ps.day <= c.p_until)
  JOIN control_portions cp ON cp.id = c.id
  WHERE ps.kind = 'partial'
),
stated_totals AS (
  SELECT within, day, piece, MAX(CASE WHEN certain THEN 0 ELSE 1 END) AS uncertain,
    coalesce(SUM(CASE WHEN certain THEN fraction END), 0.0) AS total
  FROM stated GROUP BY within, day, piece
),
weighed AS (
  SELECT ps.within, ps.day, ps.weight,
    CASE WHEN ps.kind IN ({_quoted(HOLDING)}) THEN 'held'
      WHEN ps.kind IN ('unrecorded', 'ambiguous') THEN ps.kind
      WHEN ps.kind = 'partial' AND t.uncertain = 1 THEN 'ambiguous'
      ELSE 'undetermined' END AS category,
    CASE WHEN ps.kind IN ({_quoted(HOLDING)}) THEN ps.controllers ELSE {w.empty} END AS controllers
  FROM piece_states ps
  LEFT JOIN stated_totals t ON t.within = ps.within AND t.day = ps.day AND t.piece = ps.piece
  WHERE NOT (ps.kind = 'partial' AND coalesce(t.uncertain, 1) = 0)
  UNION ALL
  SELECT ps.within, ps.day, ps.weight * x.fraction / greatest(1.0, t.total) AS weight, 'held' AS category,
    x.holders AS controllers
  FROM piece_states ps
  JOIN stated_totals t ON t.within = ps.within AND t.day = ps.day AND t.piece = ps.piece
  JOIN stated x ON x.within = ps.within AND x.day = ps.day AND x.piece = ps.piece
  WHERE t.uncertain = 0 AND x.certain
  UNION ALL
  SELECT ps.within, ps.day, ps.weight * greatest(0.0, 1.0 - least(1.0, t.total)) AS weight,
    'undetermined' AS category, {w.empty} AS controllers
  FROM piece_states ps
  JOIN stated_totals t ON t.within = ps.within AND t.day = ps.day AND t.piece = ps.piece
  WHERE t.uncertain = 0
),
totals AS (
  SELECT within, day, SUM(weight) AS total FROM piece_days GROUP BY within, day
)
SELECT x.within, x.day, x.category, x.controllers, SUM(x.weight) AS weight, SUM(x.weight) / MAX(t.total) AS share
FROM weighed x JOIN totals t ON t.within = x.within AND t.day = x.day
GROUP BY x.within, x.day, x.category, x.controllers
""",
        dialect,
    )


_START = re.compile(r"^(?:WITH )?(\w+) AS (?:MATERIALIZED )?\($")


def _materialized(sql: str, dialect: Dialect) -> str:
    """On DuckDB, every step read by more than one later step is marked ``MATERIALIZED``
    (computed once; DuckDB would otherwise inline it and compute it again for each use:
    four times slower on the benchmark's 20,000 records). Spark SQL has no such keyword:
    its runner materialises those steps itself (:func:`steps`)."""
    if dialect != "duckdb":
        return sql
    named, final = steps(sql)
    words = [set(re.findall(r"\w+", body)) for _, body in named] + [set(re.findall(r"\w+", final))]
    for index, (name, _) in enumerate(named):
        if sum(name in later for later in words[index + 1 :]) > 1:
            sql = re.sub(
                rf"^(WITH )?{name} AS \($", rf"\g<1>{name} AS MATERIALIZED (", sql, count=1, flags=re.MULTILINE
            )
    return sql


def steps(sql: str) -> tuple[list[tuple[str, str]], str]:
    """The named steps of one of these queries (its ``WITH`` clauses, in order) and its
    final ``SELECT``: for engines that do better materialising each step (Spark inlines
    every reference to a ``WITH`` clause, so a clause used by several later ones would be
    planned again for each)."""
    found: list[tuple[str, str]] = []
    name: str | None = None
    body: list[str] = []
    lines = sql.splitlines()
    for index, line in enumerate(lines):
        start = _START.match(line)
        if name is None and start:
            name, body = start.group(1), []
        elif name is not None and line in (")", "),"):
            found.append((name, "\n".join(body)))
            name = None
        elif name is not None:
            body.append(line)
        elif line.strip():
            return found, "\n".join(lines[index:])
    return found, ""
