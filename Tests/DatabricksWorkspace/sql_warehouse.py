"""A SQL warehouse over real Delta tables.

Statements are parsed with sqlglot's Databricks dialect. Tables are Delta tables written by
delta-rs under <root>/<catalog>/<schema>/<table>; catalogs and schemas are folders the test
creates, as in Unity Catalog. Queries (SELECT, the source of a MERGE or INSERT) run in DuckDB
over the tables' snapshots; MERGE and INSERT are committed to the Delta table by delta-rs.
Supported: CREATE TABLE [IF NOT EXISTS], CREATE [OR REPLACE] VIEW, DROP TABLE/VIEW [IF EXISTS],
ALTER TABLE ... ADD COLUMNS, DESCRIBE TABLE, DESCRIBE SCHEMA, INSERT INTO, MERGE INTO, SELECT, and
ALTER VOLUME ... SET TAGS (volume_tags.py), OPTIMIZE (optimize.py).
Every statement also counts the data files of the tables it scans that Databricks would read and
skip by Delta's data skipping (data_skipping.py), in `Result.scan`.
`inline(from_json(<json>, '<ARRAY<STRUCT<...>>>' [, map('mode', 'FAILFAST')]))` is evaluated here,
with Spark's rules for field names (case-sensitive) and FAILFAST.
"""

import datetime
import json
import os
import shutil
import threading

import duckdb
import pyarrow as pa
import sqlglot
from deltalake import DeltaTable, write_deltalake
from sqlglot import exp

import data_skipping
from delta_types import delta_field, parse_type, type_text
from sql_errors import SQLError
import optimize
import volume_tags

DIALECT = "databricks"


class Result:
    def __init__(self, columns=None, rows=None):
        self.columns = columns or []  # [(name, arrow type)]
        self.rows = rows or []  # [[python value]]
        self.scan = None  # {"files_read", "files_skipped"} when the statement scanned a table


class Warehouse:
    def __init__(self, root, checker=None, volumes_root=None, may_apply_tags=True):
        self.root = os.path.abspath(root)
        self.checker = checker
        self.volumes_root = volumes_root
        self.may_apply_tags = may_apply_tags
        self.lock = threading.Lock()
        self.scan = data_skipping.ScanCount()  # the running statement's (under the lock)

    # -- entry point --------------------------------------------------------------------------
    def execute(self, text, parameters, catalog=None, schema=None):
        """Runs one statement; returns (kind, Result). Raises SQLError."""
        if volume_tags.matches(text):
            with self.lock:
                volume_tags.set_tags(text, self.root, self.volumes_root, (catalog, schema), self.may_apply_tags)
            return "ALTER VOLUME", Result()
        if optimize.matches(text):
            with self.lock:
                columns, rows = optimize.optimize(text, self, (catalog, schema))
            return "OPTIMIZE", Result(columns, rows)
        try:
            statements = [s for s in sqlglot.parse(text, dialect=DIALECT) if s is not None]
        except sqlglot.errors.ParseError as error:
            raise SQLError("PARSE_SYNTAX_ERROR", "42601", f"Syntax error: {str(error).splitlines()[0]}")
        if len(statements) != 1:
            raise SQLError("PARSE_SYNTAX_ERROR", "42601", f"Expected one statement, found {len(statements)}.")
        statement = statements[0]
        kind = self.kind(statement)
        defaults = (catalog, schema)
        with self.lock:
            if self.checker is not None:
                self.checker.check(text, kind, statement, parameters, self.table_schemas(statement, defaults))
            bound = bind_parameters(statement.copy(), parameters)
            handler = getattr(self, "run_" + kind.lower().replace(" ", "_"))
            self.scan = data_skipping.ScanCount()
            result = handler(bound, defaults)
            result.scan = self.scan.as_json()
            return kind, result

    @staticmethod
    def kind(statement):
        if isinstance(statement, exp.Create):
            return "CREATE " + str(statement.args.get("kind", "")).upper()
        if isinstance(statement, exp.Drop):
            return "DROP " + str(statement.args.get("kind", "")).upper()
        for node_type, name in ((exp.Alter, "ALTER"), (exp.Describe, "DESCRIBE"), (exp.Merge, "MERGE"),
                                (exp.Insert, "INSERT"), (exp.Query, "SELECT")):
            if isinstance(statement, node_type):
                return name
        raise SQLError("UNSUPPORTED_FEATURE", "0A000", f"The stand-in does not run {type(statement).__name__}.")

    # -- names ----------------------------------------------------------------------------------
    def resolve(self, table, defaults):
        catalog = table.catalog or defaults[0]
        schema = table.db or defaults[1]
        if not catalog or not schema:
            raise SQLError("TABLE_OR_VIEW_NOT_FOUND", "42P01",
                           f"The table or view `{table.name}` cannot be found (no catalog or schema).")
        catalog_path = os.path.join(self.root, catalog)
        if not os.path.isdir(catalog_path):
            raise SQLError("NO_SUCH_CATALOG_EXCEPTION", "42704", f"Catalog '{catalog}' was not found.")
        if not os.path.isdir(os.path.join(catalog_path, schema)):
            raise SQLError("SCHEMA_NOT_FOUND", "42704", f"The schema `{catalog}`.`{schema}` cannot be found.")
        return (catalog, schema, table.name), os.path.join(catalog_path, schema, table.name)

    def table_schemas(self, statement, defaults):
        """Every existing table the statement names, also through views -> its Arrow schema, or
        ("VIEW", sql) for a view (for the strict checker)."""
        schemas = {}
        for table in real_tables(statement):
            try:
                name, path = self.resolve(table, defaults)
            except SQLError:
                continue
            if DeltaTable.is_deltatable(path):
                schemas[name] = arrow_schema(DeltaTable(path))
            elif os.path.isfile(path + ".view.sql"):
                with open(path + ".view.sql") as file:
                    text = file.read()
                schemas[name] = ("VIEW", text)
                schemas.update(self.table_schemas(sqlglot.parse_one(text, dialect=DIALECT), defaults))
        return schemas

    def open_table(self, table, defaults):
        name, path = self.resolve(table, defaults)
        if not DeltaTable.is_deltatable(path):
            raise SQLError("TABLE_OR_VIEW_NOT_FOUND", "42P01",
                           "The table or view {} cannot be found.".format(".".join(f"`{p}`" for p in name)))
        return DeltaTable(path), path

    # -- DDL ------------------------------------------------------------------------------------
    def run_create_table(self, statement, defaults):
        definition = statement.this
        name, path = self.resolve(definition.this, defaults)
        if DeltaTable.is_deltatable(path):
            if statement.args.get("exists"):
                return Result()
            raise SQLError("TABLE_OR_VIEW_ALREADY_EXISTS", "42P07", f"Table {'.'.join(name)} already exists.")
        fields = [pa.field(column.name, parse_type(column.args["kind"].sql(DIALECT)))
                  for column in definition.expressions if isinstance(column, exp.ColumnDef)]
        DeltaTable.create(path, schema=pa.schema(fields), name=name[2])
        return Result()

    def run_create_view(self, statement, defaults):
        name, path = self.resolve(statement.this, defaults)
        if os.path.exists(path + ".view.sql") and not statement.args.get("replace"):
            if statement.args.get("exists"):
                return Result()
            raise SQLError("TABLE_OR_VIEW_ALREADY_EXISTS", "42P07", f"View {'.'.join(name)} already exists.")
        query = statement.expression
        self.run_query(query.copy(), defaults)  # the view must be valid now
        with open(path + ".view.sql", "w") as file:
            file.write(query.sql(DIALECT))
        return Result()

    def run_drop_table(self, statement, defaults):
        for table in statement.args.get("tables") or [statement.this]:
            name, path = self.resolve(table, defaults)
            if DeltaTable.is_deltatable(path):
                shutil.rmtree(path)
            elif not statement.args.get("exists"):
                raise SQLError("TABLE_OR_VIEW_NOT_FOUND", "42P01", f"Table {'.'.join(name)} cannot be found.")
        return Result()

    def run_drop_view(self, statement, defaults):
        for table in statement.args.get("tables") or [statement.this]:
            name, path = self.resolve(table, defaults)
            if os.path.isfile(path + ".view.sql"):
                os.remove(path + ".view.sql")
            elif not statement.args.get("exists"):
                raise SQLError("TABLE_OR_VIEW_NOT_FOUND", "42P01", f"View {'.'.join(name)} cannot be found.")
        return Result()

    def run_alter(self, statement, defaults):
        table, _ = self.open_table(statement.this, defaults)
        existing = {field.name for field in arrow_schema(table)}
        new_fields = []
        for action in statement.args.get("actions") or []:
            columns = action.expressions if isinstance(action, exp.Schema) else [action]
            for column in columns:
                if not isinstance(column, exp.ColumnDef):
                    raise SQLError("UNSUPPORTED_FEATURE", "0A000", "Only ALTER TABLE ... ADD COLUMNS is supported.")
                if column.name in existing:
                    raise SQLError("FIELDS_ALREADY_EXISTS", "42710", f"Cannot add column `{column.name}`: it exists.")
                new_fields.append(delta_field(column.name, parse_type(column.args["kind"].sql(DIALECT))))
        table.alter.add_columns(new_fields)
        return Result()

    def run_describe(self, statement, defaults):
        if str(statement.args.get("kind") or "").upper() in ("SCHEMA", "DATABASE"):
            # DESCRIBE SCHEMA catalog.schema: name/value rows, or SCHEMA_NOT_FOUND
            # (https://docs.databricks.com/sql/language-manual/sql-ref-syntax-aux-describe-schema.html).
            catalog, schema = statement.this.db or defaults[0], statement.this.name
            if not os.path.isdir(os.path.join(self.root, catalog or "", schema)):
                raise SQLError("SCHEMA_NOT_FOUND", "42704", f"The schema `{catalog}`.`{schema}` cannot be found.")
            return Result([("database_description_item", pa.string()), ("database_description_value", pa.string())],
                          [["Catalog Name", catalog], ["Namespace Name", schema]])
        table, _ = self.open_table(statement.this, defaults)
        rows = [[field.name, type_text(field.type).lower(), None] for field in arrow_schema(table)]
        return Result([("col_name", pa.string()), ("data_type", pa.string()), ("comment", pa.string())], rows)

    # -- queries --------------------------------------------------------------------------------
    def run_select(self, statement, defaults):
        table = self.run_query(statement, defaults)
        return Result([(field.name, field.type) for field in table.schema], table_rows(table))

    def run_query(self, query, defaults):
        """Runs a query in DuckDB over the snapshots of the tables it names; returns an Arrow table."""
        connection = duckdb.connect()
        connection.execute("SET TimeZone = 'UTC'")
        try:
            query = self.expand_views(query, defaults)
            tables = real_tables(query)
            for index, inline in enumerate(list(query.find_all(exp.Inline))):
                holder = inline.parent
                if not isinstance(holder, exp.Table):
                    raise SQLError("UNSUPPORTED_FEATURE", "0A000", "inline(...) is only supported in FROM.")
                name = f"__inline_{index}"
                connection.register(name, inline_rows(inline.this))
                holder.set("this", exp.to_identifier(name))
            for index, table in enumerate(tables):
                delta, _ = self.open_table(table, defaults)
                data_skipping.count(delta, *data_skipping.scan_predicate(table), self.scan)
                name = f"__table_{index}"
                connection.register(name, delta.to_pyarrow_table())
                alias = table.alias or table.name
                table.set("catalog", None)
                table.set("db", None)
                table.set("this", exp.to_identifier(name))
                table.set("alias", exp.TableAlias(this=exp.to_identifier(alias)))
            sql = query.sql("duckdb")
            try:
                return connection.sql(sql).to_arrow_table()
            except duckdb.Error as error:
                raise SQLError("INTERNAL_ERROR", "XX000", f"Query failed: {str(error).splitlines()[0]}")
        finally:
            connection.close()

    def expand_views(self, query, defaults):
        for table in real_tables(query):
            try:
                _, path = self.resolve(table, defaults)
            except SQLError:
                continue
            if os.path.isfile(path + ".view.sql") and not DeltaTable.is_deltatable(path):
                with open(path + ".view.sql") as file:
                    view = sqlglot.parse_one(file.read(), dialect=DIALECT)
                alias = table.alias or table.name
                table.replace(exp.Subquery(this=self.expand_views(view, defaults),
                                           alias=exp.TableAlias(this=exp.to_identifier(alias))))
        return query

    # -- writes ---------------------------------------------------------------------------------
    def run_insert(self, statement, defaults):
        target = statement.this
        columns = None
        if isinstance(target, exp.Schema):
            columns = [column.name for column in target.expressions]
            target = target.this
        table, path = self.open_table(target, defaults)
        schema = arrow_schema(table)
        source = self.run_query(statement.expression.copy(), defaults)
        columns = columns or [field.name for field in schema][:source.num_columns]
        if len(columns) != source.num_columns:
            raise SQLError("INSERT_COLUMN_ARITY_MISMATCH", "21S01",
                           f"Cannot write to the table: {len(columns)} columns named, {source.num_columns} given.")
        source = source.rename_columns(columns)
        rows = conform(source, schema)
        write_deltalake(path, rows, mode="append")
        count = rows.num_rows
        return Result([("num_affected_rows", pa.int64()), ("num_inserted_rows", pa.int64())], [[count, count]])

    def run_merge(self, statement, defaults):
        target = statement.this
        table, _ = self.open_table(target, defaults)
        schema = arrow_schema(table)
        target_alias = target.alias or target.name
        using = statement.args["using"]
        source_alias = using.alias or using.name
        if isinstance(using, exp.Subquery):
            query = using.this.copy()
        else:
            query = exp.select("*").from_(using.copy().as_(source_alias))
        source = self.run_query(query, defaults)
        source = conform(source, schema, keep_extra=True)
        on = statement.args["on"]
        # The target's files that its own values in ON cannot rule out (a join key rules none out).
        data_skipping.count(table, on, target_alias, False, self.scan)
        whens = statement.args["whens"].expressions
        if any(w.args.get("matched") and not isinstance(w.args.get("then"), exp.Var) for w in whens):
            self.check_unique_matches(table, source, on, source_alias, target_alias)
        merger = table.merge(source=source, predicate=datafusion(on), source_alias=source_alias,
                             target_alias=target_alias)
        for when in whens:
            condition = when.args.get("condition")
            predicate = datafusion(condition) if condition is not None else None
            then = when.args["then"]
            delete = isinstance(then, exp.Var) and then.name.upper() == "DELETE"
            if when.args.get("source"):
                if delete:
                    merger = merger.when_not_matched_by_source_delete(predicate)
                else:
                    merger = merger.when_not_matched_by_source_update(assignments(then), predicate)
            elif when.args.get("matched"):
                if delete:
                    merger = merger.when_matched_delete(predicate)
                elif isinstance(then.expressions[0], exp.Star):
                    merger = merger.when_matched_update_all(predicate)
                else:
                    merger = merger.when_matched_update(assignments(then), predicate)
            else:
                if isinstance(then.this, exp.Star):
                    merger = merger.when_not_matched_insert_all(predicate)
                else:
                    names = [column.name for column in then.this.expressions]
                    values = [datafusion(value) for value in then.expression.expressions]
                    merger = merger.when_not_matched_insert(dict(zip(names, values)), predicate)
        try:
            metrics = merger.execute()
        except Exception as error:  # delta-rs reports plan and commit errors as Python exceptions
            raise SQLError("DELTA_MERGE_FAILED", "XX000", f"MERGE failed: {str(error).splitlines()[0]}")
        inserted = metrics.get("num_target_rows_inserted", 0)
        updated = metrics.get("num_target_rows_updated", 0)
        deleted = metrics.get("num_target_rows_deleted", 0)
        return Result(
            [(name, pa.int64()) for name in
             ("num_affected_rows", "num_updated_rows", "num_deleted_rows", "num_inserted_rows")],
            [[inserted + updated + deleted, updated, deleted, inserted]])

    @staticmethod
    def check_unique_matches(table, source, on, source_alias, target_alias):
        """Delta refuses a MERGE in which two source rows match one target row."""
        connection = duckdb.connect()
        try:
            connection.register("__source", source)
            connection.register("__target", table.to_pyarrow_table())
            condition = on.sql("duckdb")
            found = connection.execute(
                f'SELECT 1 FROM (SELECT row_number() OVER () AS __row, * FROM __target) AS "{target_alias}" '
                f'JOIN __source AS "{source_alias}" ON {condition} '
                f'GROUP BY "{target_alias}".__row HAVING count(*) > 1 LIMIT 1').fetchall()
        finally:
            connection.close()
        if found:
            raise SQLError(
                "DELTA_MULTIPLE_SOURCE_ROW_MATCHING_TARGET_ROW_IN_MERGE", "21506",
                "Cannot perform Merge as multiple source rows matched and attempted to modify the same target row "
                "in the Delta table in possibly conflicting ways.")


# -- helpers ------------------------------------------------------------------------------------
def real_tables(statement):
    """Table references that name a table or view (not CTEs, not table functions)."""
    ctes = {cte.alias for cte in statement.find_all(exp.CTE)}
    return [table for table in statement.find_all(exp.Table)
            if isinstance(table.this, exp.Identifier) and not (not table.db and table.name in ctes)]


def arrow_schema(table):
    return pa.schema(table.schema().to_arrow())


def bind_parameters(statement, parameters):
    """Replaces every :name marker with a typed literal; `?` and unbound markers are errors."""
    for placeholder in list(statement.find_all(exp.Placeholder)):
        name = placeholder.name
        if not name or name == "?":
            raise SQLError("UNSUPPORTED_FEATURE", "0A000", "Positional parameter markers (?) are not supported.")
        if name not in parameters:
            raise SQLError("UNBOUND_SQL_PARAMETER", "42P02", f"Found the unbound parameter: {name}.")
        value, type_name = parameters[name]
        if value is None:
            literal = exp.Null()
        elif type_name.upper() == "STRING":
            literal = exp.Literal.string(value)
        else:
            literal = exp.Cast(this=exp.Literal.string(value), to=exp.DataType.build(type_name, dialect=DIALECT))
        placeholder.replace(literal)
    return statement


def inline_rows(call):
    """Evaluates from_json(<string>, '<ARRAY<STRUCT<...>>>' [, options]) into an Arrow table."""
    if not isinstance(call, exp.FromJson):
        raise SQLError("UNSUPPORTED_FEATURE", "0A000", "inline(...) is only supported over from_json(...).")
    value = literal(call.this)
    schema_text = literal(call.expression)
    options = {}
    if call.args.get("options") is not None:
        keys = [literal(key) for key in call.args["options"].args["keys"].expressions]
        values = [literal(item) for item in call.args["options"].args["values"].expressions]
        options = {str(key).lower(): str(item) for key, item in zip(keys, values)}
    failfast = options.get("mode", "PERMISSIVE").upper() == "FAILFAST"
    arrow_type = parse_type(schema_text)
    if not pa.types.is_list(arrow_type) or not pa.types.is_struct(arrow_type.value_type):
        raise SQLError("DATATYPE_MISMATCH", "42K09", "inline() needs an ARRAY<STRUCT<...>>.")
    struct = arrow_type.value_type
    rows = []
    if value is not None:
        try:
            document = json.loads(value)
            if not isinstance(document, list):
                raise ValueError("not an array")
            rows = [coerce(element, struct, "") for element in document]
        except (ValueError, TypeError) as error:
            if failfast:
                raise SQLError("MALFORMED_RECORD_IN_PARSING", "22023",
                               f"Malformed records are detected in record parsing: {error}.")
            rows = []
    return pa.Table.from_pylist(rows, schema=pa.schema(list(struct)))


def coerce(value, arrow_type, where):
    if value is None:
        return None
    if pa.types.is_struct(arrow_type):
        if not isinstance(value, dict):
            raise TypeError(f"{where or 'row'} is not an object")
        return {field.name: coerce(value.get(field.name), field.type, field.name) for field in arrow_type}
    if pa.types.is_list(arrow_type):
        if not isinstance(value, list):
            raise TypeError(f"{where} is not an array")
        return [coerce(item, arrow_type.value_type, where) for item in value]
    if pa.types.is_string(arrow_type):
        if not isinstance(value, str):
            raise TypeError(f"{where} is not a string")
        return value
    if pa.types.is_integer(arrow_type):
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"{where} is not an integer")
        bits = arrow_type.bit_width - 1
        if not -(1 << bits) <= value < (1 << bits):
            raise TypeError(f"{where} is out of range")
        return value
    if pa.types.is_boolean(arrow_type):
        if not isinstance(value, bool):
            raise TypeError(f"{where} is not a boolean")
        return value
    if pa.types.is_floating(arrow_type):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TypeError(f"{where} is not a number")
        return float(value)
    if pa.types.is_timestamp(arrow_type):
        if not isinstance(value, str):
            raise TypeError(f"{where} is not a timestamp string")
        parsed = datetime.datetime.fromisoformat(value)
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=datetime.timezone.utc)
    raise TypeError(f"{where}: unsupported type {arrow_type}")


def literal(node):
    if isinstance(node, exp.Null):
        return None
    if isinstance(node, exp.Literal):
        return node.this
    if isinstance(node, exp.Cast) and isinstance(node.this, exp.Literal):
        return node.this.this
    raise SQLError("UNSUPPORTED_FEATURE", "0A000", f"Expected a literal or parameter, found {node.sql(DIALECT)}.")


def conform(source, schema, keep_extra=False):
    """Casts the source's columns to the target's types (adding missing target columns as NULLs)."""
    columns, fields = [], []
    by_name = {field.name: field for field in schema}
    for field in schema:
        if field.name in source.column_names:
            column = source.column(field.name)
            try:
                columns.append(column.cast(field.type))
            except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as error:
                raise SQLError("CAST_INVALID_INPUT", "22018", f"Cannot cast column `{field.name}`: {error}")
        elif keep_extra:
            continue
        else:
            columns.append(pa.nulls(source.num_rows, field.type))
        fields.append(field)
    if keep_extra:
        for name in source.column_names:
            if name not in by_name:
                columns.append(source.column(name))
                fields.append(pa.field(name, source.schema.field(name).type))
    return pa.Table.from_arrays(columns, schema=pa.schema(fields))


def datafusion(node):
    """An expression as SQL for delta-rs's (DataFusion's) MERGE builder."""
    return node.sql("postgres")


def assignments(update):
    return {assignment.this.name: datafusion(assignment.expression) for assignment in update.expressions}


def table_rows(table):
    columns = [table.column(index).to_pylist() for index in range(table.num_columns)]
    return [list(row) for row in zip(*columns)] if columns else []
