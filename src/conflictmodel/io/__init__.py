"""Readers for the field's datasets, each returning a scenario and an import report.

Every reader takes a path or an open file (binary or text), streams its rows, keeps each
source row verbatim in the provenance (``origin``) of the records it makes, accounts for
every row (``report.rows_read == report.rows_imported + len(report.rejected)``) and
gives the same ids and the same output for the same file. Ids are namespaced by dataset
(``pax:2093``, ``ucdp-actor:118``, ``ocha:SY14``) so that :func:`merge` combines
imports without collisions. A file that is not of the format (missing columns, another
encoding, truncated rows, broken quoting) raises :class:`conflictmodel.LoadError` naming
the file, the row and the column. See ``docs/importers.md``.
"""

from ._acled import ACLED_COLUMNS, read_acled
from ._atop import read_atop_alliances, read_atop_members
from ._merge import IdCollisionError, merge
from ._ocha import read_ocha_admin
from ._pax import PAX_METADATA_COLUMNS, read_pax
from ._report import Imported, ImportReport, Rejection
from ._ucdp_acd import ACD_COLUMNS, read_ucdp_acd
from ._ucdp_actors import UCDP_ACTOR_COLUMNS, read_ucdp_actors
from ._ucdp_ged import GED_COLUMNS, GED_JSON_KEYS, read_ucdp_ged, read_ucdp_ged_json

__all__ = [
    "ACD_COLUMNS",
    "ACLED_COLUMNS",
    "GED_COLUMNS",
    "GED_JSON_KEYS",
    "PAX_METADATA_COLUMNS",
    "UCDP_ACTOR_COLUMNS",
    "IdCollisionError",
    "ImportReport",
    "Imported",
    "Rejection",
    "merge",
    "read_acled",
    "read_atop_alliances",
    "read_atop_members",
    "read_ocha_admin",
    "read_pax",
    "read_ucdp_acd",
    "read_ucdp_actors",
    "read_ucdp_ged",
    "read_ucdp_ged_json",
]
