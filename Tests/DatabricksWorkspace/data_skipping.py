"""Which data files of a Delta table a statement would read on Databricks, by Delta's data skipping.

Delta keeps, per data file (the `stats` of its `add` action in the log), the min and max of the first
32 columns, and skips a file when the query's predicate is provably false over [min, max]. String
statistics keep only a prefix: Delta Spark (delta-io/delta, spark/src/main/scala/org/apache/spark/
sql/delta/stats/StatisticsCollection.scala) writes `substring(min(c), 0, prefix)` as the min and
`truncateMaxStringAgg(prefix)(max(c))` as the max, where `prefix` is the table property
`delta.dataSkippingStringPrefixLength` or else `spark.databricks.io.skipping.stringPrefixLength`,
default 32 (DeltaConfig.scala, sources/DeltaSQLConf.scala), counted in UTF-16 code units. The
truncated max is widened so it still bounds every value: the prefix (extended past any U+10FFFF,
never split inside a surrogate pair) followed by U+007F when the next character is below it, else
by U+10FFFF; past twice the prefix length it gives up and the file has no max (truncateMaxStringAgg).
The predicates follow DataFiltersBuilder.scala and DataSkippingPredicateBuilder.scala: `c = v` keeps
files with min <= v <= max, `c < v` min < v, `c <= v` min <= v, `c > v` max > v, `c >= v` max >= v,
`startswith(c, s)` (and `LIKE 's%'`, which Spark's optimizer rewrites to it) keeps files with
substring(min, 0, len(s)) <= s <= substring(max, 0, len(s)), IN keeps files whose range meets the
values' range, NOT of a comparison is the comparison inverted. Anything else, a missing statistic, or
a value of another type keeps the file: the count never claims more skipping than Delta would do.

The stand-in does not read fewer files (DuckDB still scans the whole snapshot, filters apply as
before): it counts, per statement, the files Databricks would read and skip, so a test and the
benchmark can measure what a read would cost on a real warehouse.
"""

import pyarrow as pa
from sqlglot import exp

STRING_PREFIX_LENGTH = 32
ASCII_MAX = "\u007f"
UTF8_MAX = "\U0010ffff"


class ScanCount:
    """The data files a statement reads and skips, over every table scan it makes."""

    def __init__(self):
        self.scans = 0
        self.read = 0
        self.skipped = 0

    def add(self, read, skipped):
        self.scans += 1
        self.read += read
        self.skipped += skipped

    def as_json(self):
        return {"files_read": self.read, "files_skipped": self.skipped} if self.scans else None


def _units(text):
    """Length in UTF-16 code units, as Java's String.length counts it."""
    return sum(2 if ord(character) > 0xFFFF else 1 for character in text)


def truncate_min(value, prefix=STRING_PREFIX_LENGTH):
    """Delta's truncateMinStringAgg: the first `prefix` UTF-16 units, a surrogate pair kept whole."""
    if value is None or _units(value) <= prefix:
        return value
    if prefix <= 0:
        return None
    taken, units = [], 0
    for character in value:
        if units >= prefix:
            break
        taken.append(character)
        units += 2 if ord(character) > 0xFFFF else 1
    return "".join(taken)


def truncate_max(value, prefix=STRING_PREFIX_LENGTH):
    """Delta's truncateMaxStringAgg: a prefix and a tie-breaker that keep it >= every value."""
    if value is None or _units(value) <= prefix:
        return value
    if prefix <= 0:
        return None
    characters = list(value)
    start = truncate_min(value, prefix)
    position, units = len(start), _units(start)
    while units <= 2 * prefix:
        if position >= len(characters):
            return value
        character = characters[position]
        if character == UTF8_MAX:
            position += 1
            units += 2
        elif character < ASCII_MAX:
            return "".join(characters[:position]) + ASCII_MAX
        else:
            return "".join(characters[:position]) + UTF8_MAX
    return None


def file_statistics(table):
    """[(stats by lower-case column name: (min, max))] for every data file of a DeltaTable, strings
    cut as Delta Spark cuts them. delta-rs writes the statistics it gets from Parquet, whose strings
    are already cut to 64 bytes (the max raised in its last byte, still an upper bound); cut again to
    32 characters they are Delta's for any value whose first 32 characters fit in 64 bytes."""
    actions = pa.table(table.get_add_actions(flatten=True)).to_pylist()
    files = []
    for action in actions:
        stats = {}
        for key, low in action.items():
            if not key.startswith("min."):
                continue
            name = key[len("min."):]
            high = action.get("max." + name)
            if isinstance(low, str) or isinstance(high, str):
                low, high = truncate_min(low), truncate_max(high)
            stats[name.lower()] = (low, high)
        files.append(stats)
    return files


def count(table, predicate, alias, alone, into):
    """Adds to `into` the data files of `table` (a DeltaTable) that a scan filtered by `predicate`
    (a sqlglot condition, or None) reads and skips; `alias` names the table's columns in it, and
    `alone` says unqualified columns are the table's."""
    read = skipped = 0
    for stats in file_statistics(table):
        if predicate is None or may_match(predicate, Scope(stats, alias.lower(), alone)):
            read += 1
        else:
            skipped += 1
    into.add(read, skipped)


def scan_predicate(query_table):
    """(predicate, alias, alone) of the scan of `query_table` (a sqlglot Table node, named and
    aliased as written): the WHERE of the SELECT whose FROM holds it."""
    select = query_table.find_ancestor(exp.Select)
    alias = query_table.alias or query_table.name
    if select is None:
        return None, alias, False
    where = select.args.get("where")
    source = select.args.get("from_")
    alone = not select.args.get("joins") and source is not None and isinstance(source.this, exp.Table)
    return (where.this if where is not None else None), alias, alone


class Scope:
    def __init__(self, stats, alias, alone):
        self.stats = stats
        self.alias = alias
        self.alone = alone

    def range_of(self, node):
        """(min, max) of a column of this table, or None."""
        if not isinstance(node, exp.Column) or node.args.get("db") or node.args.get("catalog"):
            return None
        qualifier = node.table.lower() if node.table else None
        if qualifier != self.alias and not (qualifier is None and self.alone):
            return None
        return self.stats.get(node.name.lower())


def value_of(node):
    """A literal's Python value (str, int or float), or None when it is not a plain literal."""
    if isinstance(node, exp.Paren):
        return value_of(node.this)
    if isinstance(node, exp.Literal):
        if node.is_string:
            return node.this
        try:
            return int(node.this)
        except ValueError:
            return float(node.this)
    if isinstance(node, exp.Cast) and isinstance(node.this, exp.Literal):
        target = node.to.this
        try:
            if target in exp.DataType.INTEGER_TYPES:
                return int(node.this.this)
            if target in exp.DataType.REAL_TYPES:
                return float(node.this.this)
            if target in exp.DataType.TEXT_TYPES:
                return node.this.this
        except ValueError:
            return None
    return None


def _comparable(stat, value):
    if stat is None or value is None:
        return False
    if isinstance(stat, str) or isinstance(value, str):
        return isinstance(stat, str) and isinstance(value, str)
    numbers = (int, float)
    return isinstance(stat, numbers) and isinstance(value, numbers) and not isinstance(stat, bool) \
        and not isinstance(value, bool)


# Delta's rule per comparison, with the column on the left: keep the file when this holds.
_KEEP = {
    exp.EQ: lambda low, high, v: low <= v <= high,
    exp.NEQ: lambda low, high, v: low < v or v < high,
    exp.LT: lambda low, high, v: low < v,
    exp.LTE: lambda low, high, v: low <= v,
    exp.GT: lambda low, high, v: high > v,
    exp.GTE: lambda low, high, v: high >= v,
}
_MIRRORED = {exp.EQ: exp.EQ, exp.NEQ: exp.NEQ, exp.LT: exp.GT, exp.LTE: exp.GTE, exp.GT: exp.LT, exp.GTE: exp.LTE}
_NEGATED = {exp.EQ: exp.NEQ, exp.NEQ: exp.EQ, exp.LT: exp.GTE, exp.LTE: exp.GT, exp.GT: exp.LTE, exp.GTE: exp.LT}
# Which statistics a comparison needs; a file without them is kept.
_NEEDS = {exp.EQ: (0, 1), exp.NEQ: (0, 1), exp.LT: (0,), exp.LTE: (0,), exp.GT: (1,), exp.GTE: (1,)}


def may_match(node, scope):
    """False only when `node` is provably false for every row of the file `scope` describes."""
    if isinstance(node, exp.Paren):
        return may_match(node.this, scope)
    if isinstance(node, exp.And):
        return may_match(node.this, scope) and may_match(node.expression, scope)
    if isinstance(node, exp.Or):
        return may_match(node.this, scope) or may_match(node.expression, scope)
    if isinstance(node, exp.Boolean):
        return bool(node.this)
    if isinstance(node, exp.Not):
        inner = node.this.this if isinstance(node.this, exp.Paren) else node.this
        if type(inner) in _NEGATED:
            return compare(_NEGATED[type(inner)], inner.this, inner.expression, scope)
        return True
    if type(node) in _KEEP:
        return compare(type(node), node.this, node.expression, scope)
    if isinstance(node, exp.StartsWith):
        return starts_with(node.this, value_of(node.expression), scope)
    if isinstance(node, exp.Like) and not node.args.get("escape"):
        pattern = value_of(node.expression)
        if isinstance(pattern, str) and pattern.endswith("%") and not any(c in pattern[:-1] for c in "%_\\"):
            return starts_with(node.this, pattern[:-1], scope)
        return True
    if isinstance(node, exp.In) and not node.args.get("query") and not node.args.get("unnest"):
        values = [value_of(item) for item in node.expressions]
        bounds = scope.range_of(node.this)
        if bounds is None or not values or any(v is None for v in values):
            return True
        kinds = {isinstance(v, str) for v in values}
        if len(kinds) != 1:
            return True
        low, high = bounds
        if not (_comparable(low, values[0]) and _comparable(high, values[0])):
            return True
        return low <= max(values) and high >= min(values)
    return True


def compare(kind, left, right, scope):
    bounds, value = scope.range_of(left), value_of(right)
    if bounds is None:
        bounds, value = scope.range_of(right), value_of(left)
        kind = _MIRRORED[kind]
    if bounds is None or value is None:
        return True
    if any(bounds[index] is None for index in _NEEDS[kind]):
        return True
    if not all(_comparable(bounds[index], value) for index in _NEEDS[kind]):
        return True
    return _KEEP[kind](bounds[0], bounds[1], value)


def starts_with(column, prefix, scope):
    bounds = scope.range_of(column)
    if bounds is None or not isinstance(prefix, str):
        return True
    low, high = bounds
    if not isinstance(low, str) or not isinstance(high, str):
        return True
    return low[:len(prefix)] <= prefix <= high[:len(prefix)]
