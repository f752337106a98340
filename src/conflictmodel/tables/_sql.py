"""The point-in-time control queries as SQL text, for DuckDB and Spark SQL.

The text is plain SQL over the tables of the layout (``controls``, ``events``) and the
helper tables of :func:`~conflictmodel.tables.tree_tables`. It is generated because two
things vary: the dialect (three spellings: exploding a list, a sorted set of values, the
union of lists) and the height of the territory tree (one stage per level of parts, so
that states derived from parts are combined bottom-up without recursive SQL).

Every query first cuts each question's window of days at the bounds of the records that
can decide it, so that the answer is constant on each *segment*; it then decides, per
segment, the state of every territory involved exactly as the in-memory queries do
(``docs/queries.md``): own records (with the two readings), else the parts, else the
nearest enclosing territory, else unrecorded.
"""

from __future__ import annotations

import re
from typing import Literal

__all__ = ["DIALECTS", "Dialect", "control_states_sql", "events_control_sql", "partition_sql", "steps"]

Dialect = Literal["duckdb", "spark"]
DIALECTS: tuple[Dialect, ...] = ("duckdb", "spark")

HOLDING = ("held", "joint", "contested", "besieged")
INHERITABLE = (*HOLDING, "ambiguous", "conflicting")


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

    @property
    def empty(self) -> str:
        """An empty list of strings."""
        return "CAST([] AS VARCHAR[])" if self.dialect == "duckdb" else "CAST(array() AS ARRAY<STRING>)"


def _quoted(values: tuple[str, ...]) -> str:
    return ", ".join(f"'{v}'" for v in values)


def _own(w: _Words) -> str:
    """From ``questions(qid, territory, lo, hi)`` to ``segments`` and ``own`` states."""
    rank = "CASE status WHEN 'full' THEN 0 WHEN 'contested' THEN 1 WHEN 'besieged' THEN 2 END"
    counts = []
    for reading, when in (("c", "certain AND "), ("a", "")):
        counts += [
            f"COUNT(DISTINCT CASE WHEN {when}TRUE THEN id END) AS n_{reading}",
            f"COUNT(DISTINCT CASE WHEN {when}status <> 'partial' THEN id END) AS x_{reading}",
            f"COUNT(CASE WHEN {when}status <> 'partial' AND role = 'c' THEN 1 END) AS xs_{reading}",
            f"COUNT(DISTINCT CASE WHEN {when}status <> 'partial' AND role = 'c' THEN actor END) AS xu_{reading}",
            f"COUNT(DISTINCT CASE WHEN {when}role = 'c' THEN actor END) AS u_{reading}",
            f"MAX(CASE WHEN {when}role = 'c' THEN {rank} END) AS r_{reading}",
            w.sorted_set(f"CASE WHEN {when}role = 'c' THEN actor END") + f" AS ctrl_{reading}",
            w.sorted_set(f"CASE WHEN {when}role = 'o' THEN actor END") + f" AS opp_{reading}",
        ]
    kinds = ",\n    ".join(
        f"CASE WHEN n_{r} = 0 THEN 'unrecorded' WHEN x_{r} = 0 THEN 'partial' "
        f"WHEN xs_{r} <> x_{r} * xu_{r} OR u_{r} <> xu_{r} THEN 'conflicting' "
        f"WHEN r_{r} = 2 THEN 'besieged' WHEN r_{r} = 1 THEN 'contested' "
        f"WHEN xu_{r} > 1 THEN 'joint' ELSE 'held' END AS kind_{r}"
        for r in ("c", "a")
    )
    count_list = ",\n    ".join(counts)
    ambiguous = "kind_c <> 'conflicting' AND n_a > n_c AND (kind_a <> kind_c OR ctrl_a <> ctrl_c OR opp_a <> opp_c)"
    return f"""spans AS (
  SELECT id, territory, status, controllers, opponents,
    period.start.earliest AS p_from,
    CASE WHEN period.start IS NULL THEN NULL WHEN period.end IS NULL THEN period.start.latest
      ELSE least(period.start.latest, period.end.latest) END AS c_from,
    CASE WHEN period.end IS NULL THEN NULL WHEN period.start IS NULL THEN period.end.earliest
      ELSE greatest(period.end.earliest, period.start.earliest) END AS c_until,
    period.end.latest AS p_until
  FROM controls
),
points AS (
  SELECT territory, p_from AS day FROM spans WHERE p_from IS NOT NULL
  UNION SELECT territory, c_from AS day FROM spans WHERE c_from IS NOT NULL
  UNION SELECT territory, c_until + 1 AS day FROM spans WHERE c_until IS NOT NULL
  UNION SELECT territory, p_until + 1 AS day FROM spans WHERE p_until IS NOT NULL
),
q_sources AS (
  SELECT q.qid, q.lo, q.hi, s.source, s.needs_state, s.height
  FROM questions q JOIN territory_sources s ON s.territory = q.territory
),
q_points AS (
  SELECT qid, lo AS day FROM questions
  UNION
  SELECT qs.qid, p.day FROM q_sources qs JOIN points p ON p.territory = qs.source
  WHERE p.day > qs.lo AND (qs.hi IS NULL OR p.day <= qs.hi)
),
segments AS (
  SELECT qid, day, LEAD(day) OVER (PARTITION BY qid ORDER BY day) - 1 AS until FROM q_points
),
seg_sources AS (
  SELECT g.qid, g.day, qs.source, qs.needs_state, qs.height
  FROM segments g JOIN q_sources qs ON qs.qid = g.qid
),
covering AS (
  SELECT ss.qid, ss.day, ss.source, c.id, c.status, c.controllers, c.opponents,
    (c.c_from IS NULL OR c.c_from <= ss.day) AND (c.c_until IS NULL OR ss.day <= c.c_until) AS certain
  FROM seg_sources ss JOIN spans c ON c.territory = ss.source
  WHERE (c.p_from IS NULL OR c.p_from <= ss.day) AND (c.p_until IS NULL OR ss.day <= c.p_until)
),
cells AS (
  SELECT qid, day, source, id, status, certain, 'c' AS role, {w.explode("controllers")} AS actor FROM covering
  UNION ALL
  SELECT qid, day, source, id, status, certain, 'o' AS role, {w.explode("opponents")} AS actor FROM covering
),
own_counts AS (
  SELECT qid, day, source,
    {count_list}
  FROM cells GROUP BY qid, day, source
),
own_kinds AS (
  SELECT qid, day, source, n_c, n_a, ctrl_c, ctrl_a, opp_c, opp_a,
    {kinds}
  FROM own_counts
),
own AS (
  SELECT qid, day, source,
    CASE WHEN {ambiguous} THEN 'ambiguous' ELSE kind_c END AS kind,
    CASE WHEN {ambiguous} THEN ctrl_a ELSE ctrl_c END AS controllers,
    CASE WHEN {ambiguous} THEN opp_a ELSE opp_c END AS opponents
  FROM own_kinds
),
inherited AS (
  SELECT qid, day, territory, kind, controllers, opponents FROM (
    SELECT ss.qid, ss.day, ss.source AS territory, o.kind, o.controllers, o.opponents,
      ROW_NUMBER() OVER (PARTITION BY ss.qid, ss.day, ss.source ORDER BY a.distance) AS nearest
    FROM seg_sources ss
    JOIN territory_ancestors a ON a.territory = ss.source
    JOIN own o ON o.qid = ss.qid AND o.day = ss.day AND o.source = a.ancestor
    WHERE ss.needs_state AND o.kind IN ({_quoted(INHERITABLE)})
  ) ranked WHERE nearest = 1
)"""


def _levels(w: _Words, height: int, *, derive: bool) -> str:
    """``states(qid, day, territory, kind, controllers, opponents)`` for every territory
    whose whole state a question needs, level by level of the tree of parts."""
    stages = []
    for level in range(height + 1 if derive else 1):
        same = "" if not derive else f" AND ss.height = {level}"
        parts = ""
        pick = "o.{0}, i.{0}"
        if derive and level > 0:
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
  FROM seg_sources ss
  JOIN territory_levels lv ON lv.territory = ss.source
  JOIN territory_parts tp ON tp.territory = ss.source
  JOIN ({below}) s ON s.qid = ss.qid AND s.day = ss.day AND s.territory = tp.part
  WHERE ss.needs_state AND ss.height = {level} AND s.kind <> 'unrecorded'
  GROUP BY ss.qid, ss.day, ss.source
)""")
            parts = f"\n  LEFT JOIN combined_{level} p ON p.qid = ss.qid AND p.day = ss.day AND p.territory = ss.source"
            pick = "o.{0}, p.{0}, i.{0}"
        stages.append(f"""level_{level} AS (
  SELECT ss.qid, ss.day, ss.source AS territory,
    coalesce({pick.format("kind")}, 'unrecorded') AS kind,
    coalesce({pick.format("controllers")}, {w.empty}) AS controllers,
    coalesce({pick.format("opponents")}, {w.empty}) AS opponents
  FROM seg_sources ss
  LEFT JOIN own o ON o.qid = ss.qid AND o.day = ss.day AND o.source = ss.source{parts}
  LEFT JOIN inherited i ON i.qid = ss.qid AND i.day = ss.day AND i.territory = ss.source
  WHERE ss.needs_state{same}
)""")
    every = "\n  UNION ALL ".join(f"SELECT * FROM level_{i}" for i in range(height + 1 if derive else 1))
    stages.append(f"states AS (\n  {every}\n)")
    return ",\n".join(stages)


def _answers(w: _Words) -> str:
    return f"""answers AS (
  SELECT g.qid, g.day, coalesce(g.until, q.hi) AS until,
    coalesce(s.kind, 'unrecorded') AS kind,
    coalesce(s.controllers, {w.empty}) AS controllers,
    coalesce(s.opponents, {w.empty}) AS opponents
  FROM segments g
  JOIN questions q ON q.qid = g.qid
  LEFT JOIN states s ON s.qid = g.qid AND s.day = g.day AND s.territory = q.territory
)"""


def control_states_sql(dialect: Dialect, height: int) -> str:
    """Who holds each territory on each day of ``days(territory, day)``: one row per
    pair with ``kind`` (``held``, ``joint``, ``contested``, ``besieged``, ``partial``,
    ``divided``, ``ambiguous``, ``conflicting`` or ``unrecorded``), ``controllers`` and
    ``opponents`` (sorted lists), as :meth:`~conflictmodel.Scenario.controllers_on`.

    ``height`` is the height of the territory tree (the highest ``territory_levels.height``).
    """
    w = _Words(dialect)
    return f"""WITH questions AS (
  SELECT DISTINCT concat(territory, '|', CAST(day AS STRING)) AS qid, territory, day AS lo, day AS hi FROM days
),
{_own(w)},
{_levels(w, height, derive=True)},
{_answers(w)}
SELECT d.territory, d.day, a.kind, a.controllers, a.opponents
FROM days d JOIN answers a ON a.qid = concat(d.territory, '|', CAST(d.day AS STRING))
"""


def events_control_sql(dialect: Dialect, height: int) -> str:
    """Each event with who held its location over the days it may have happened.

    Those days run from ``date.start.earliest`` to ``date.end.latest`` (an open end is
    unbounded). The columns:

    * ``certainly``: the actors that hold all of the location (held, joint, contested or
      besieged) on every one of those days, whichever the event's day turns out to be;
    * ``possibly``: every actor any state of the location names as a controller on some
      of those days (ambiguous candidates, partial and divided holders included);
    * ``kinds``: the sorted kinds of the location's states over those days.

    An event without a location has empty lists.
    """
    w = _Words(dialect)
    return f"""WITH questions AS (
  SELECT id AS qid, location AS territory, date.start.earliest AS lo, date.end.latest AS hi
  FROM events WHERE location IS NOT NULL
),
{_own(w)},
{_levels(w, height, derive=True)},
{_answers(w)},
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
"""


def partition_sql(dialect: Dialect) -> str:
    """The partition of each territory of ``partitions(within, day)`` by the weights of
    ``territory_pieces(within, piece, weight)``: one row per bloc (``category``
    ``held``, with its sorted ``controllers``) and per ``unrecorded``, ``ambiguous`` and
    ``undetermined`` weight, with ``weight`` and ``share`` of the total, as
    :meth:`~conflictmodel.Scenario.partition` (a piece's holder is its own state or the
    state it inherits, never one derived from parts).
    """
    w = _Words(dialect)
    return f"""WITH questions AS (
  SELECT DISTINCT concat(tp.piece, '|', CAST(pr.day AS STRING)) AS qid, tp.piece AS territory,
    pr.day AS lo, pr.day AS hi
  FROM partitions pr JOIN territory_pieces tp ON tp.within = pr.within
),
{_own(w)},
{_levels(w, 0, derive=False)},
{_answers(w)},
weighed AS (
  SELECT pr.within, pr.day, tp.weight,
    CASE WHEN a.kind IN ({_quoted(HOLDING)}) THEN 'held'
      WHEN a.kind IN ('unrecorded', 'ambiguous') THEN a.kind ELSE 'undetermined' END AS category,
    CASE WHEN a.kind IN ({_quoted(HOLDING)}) THEN a.controllers ELSE {w.empty} END AS controllers
  FROM partitions pr
  JOIN territory_pieces tp ON tp.within = pr.within
  JOIN answers a ON a.qid = concat(tp.piece, '|', CAST(pr.day AS STRING))
),
totals AS (SELECT within, day, SUM(weight) AS total FROM weighed GROUP BY within, day)
SELECT x.within, x.day, x.category, x.controllers, SUM(x.weight) AS weight, SUM(x.weight) / MAX(t.total) AS share
FROM weighed x JOIN totals t ON t.within = x.within AND t.day = x.day
GROUP BY x.within, x.day, x.category, x.controllers
"""


_START = re.compile(r"^(?:WITH )?(\w+) AS \($")


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
