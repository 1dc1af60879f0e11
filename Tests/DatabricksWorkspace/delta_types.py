"""Databricks SQL type text <-> Arrow / Delta types, and Arrow values -> JSON_ARRAY cell strings."""

import datetime
import json

import pyarrow as pa
from deltalake.schema import ArrayType, Field, PrimitiveType, StructType

from sql_errors import SQLError

_PRIMITIVES = {
    "STRING": pa.string(),
    "BIGINT": pa.int64(),
    "LONG": pa.int64(),
    "INT": pa.int32(),
    "INTEGER": pa.int32(),
    "SMALLINT": pa.int16(),
    "BOOLEAN": pa.bool_(),
    "DOUBLE": pa.float64(),
    "FLOAT": pa.float32(),
    "DATE": pa.date32(),
    "TIMESTAMP": pa.timestamp("us", tz="UTC"),
}


def parse_type(text):
    """`ARRAY<STRUCT<a: STRING, b: BIGINT>>` -> an Arrow type. Raises SQLError on anything else."""
    parser = _TypeParser(text)
    result = parser.type()
    parser.skip_space()
    if parser.position != len(text):
        raise SQLError("PARSE_SYNTAX_ERROR", "42601", f"Cannot parse the data type: {text!r}")
    return result


class _TypeParser:
    def __init__(self, text):
        self.text = text
        self.position = 0

    def skip_space(self):
        while self.position < len(self.text) and self.text[self.position].isspace():
            self.position += 1

    def word(self):
        self.skip_space()
        start = self.position
        if self.position < len(self.text) and self.text[self.position] == "`":
            end = self.text.index("`", start + 1)
            self.position = end + 1
            return self.text[start + 1:end]
        while self.position < len(self.text) and (self.text[self.position].isalnum() or self.text[self.position] == "_"):
            self.position += 1
        if start == self.position:
            raise SQLError("PARSE_SYNTAX_ERROR", "42601", f"Cannot parse the data type: {self.text!r}")
        return self.text[start:self.position]

    def expect(self, character):
        self.skip_space()
        if not self.text.startswith(character, self.position):
            raise SQLError("PARSE_SYNTAX_ERROR", "42601", f"Cannot parse the data type: {self.text!r}")
        self.position += 1

    def peek(self, character):
        self.skip_space()
        return self.text.startswith(character, self.position)

    def type(self):
        name = self.word().upper()
        if name == "ARRAY":
            self.expect("<")
            element = self.type()
            self.expect(">")
            return pa.list_(element)
        if name == "STRUCT":
            self.expect("<")
            fields = []
            while True:
                field_name = self.word()
                if self.peek(":"):
                    self.expect(":")
                fields.append(pa.field(field_name, self.type()))
                if self.peek(","):
                    self.expect(",")
                    continue
                break
            self.expect(">")
            return pa.struct(fields)
        if name in _PRIMITIVES:
            return _PRIMITIVES[name]
        raise SQLError("UNSUPPORTED_DATATYPE", "0A000", f"[UNSUPPORTED_DATATYPE] Unsupported data type {name!r}.")


def type_text(arrow_type):
    """An Arrow type -> Databricks type text (`ARRAY<STRING>`)."""
    if pa.types.is_list(arrow_type) or pa.types.is_large_list(arrow_type):
        return f"ARRAY<{type_text(arrow_type.value_type)}>"
    if pa.types.is_struct(arrow_type):
        inner = ", ".join(f"{field.name}: {type_text(field.type)}" for field in arrow_type)
        return f"STRUCT<{inner}>"
    if pa.types.is_timestamp(arrow_type):
        return "TIMESTAMP"
    if pa.types.is_decimal(arrow_type):
        return f"DECIMAL({arrow_type.precision},{arrow_type.scale})"
    if pa.types.is_string(arrow_type) or pa.types.is_large_string(arrow_type) or pa.types.is_string_view(arrow_type):
        return "STRING"
    for name, candidate in _PRIMITIVES.items():
        if candidate == arrow_type:
            return name
    raise SQLError("UNSUPPORTED_DATATYPE", "0A000", f"[UNSUPPORTED_DATATYPE] {arrow_type}")


def type_name(arrow_type):
    """The manifest's `type_name` (ARRAY, STRING, LONG, INT, ...)."""
    text = type_text(arrow_type)
    base = text.split("<", 1)[0]
    return {"BIGINT": "LONG"}.get(base, base)


def delta_field(name, arrow_type):
    return Field(name, _delta_type(arrow_type), nullable=True)


def _delta_type(arrow_type):
    if pa.types.is_list(arrow_type) or pa.types.is_large_list(arrow_type):
        return ArrayType(_delta_type(arrow_type.value_type), contains_null=True)
    if pa.types.is_struct(arrow_type):
        return StructType([delta_field(field.name, field.type) for field in arrow_type])
    primitive = {
        "STRING": "string", "BIGINT": "long", "INT": "integer", "SMALLINT": "short", "BOOLEAN": "boolean",
        "DOUBLE": "double", "FLOAT": "float", "DATE": "date", "TIMESTAMP": "timestamp",
    }[type_text(arrow_type)]
    return PrimitiveType(primitive)


def cell(value, arrow_type):
    """A value as the Statement Execution API's JSON_ARRAY format sends it: a string or None."""
    if value is None:
        return None
    if pa.types.is_list(arrow_type) or pa.types.is_large_list(arrow_type) or pa.types.is_struct(arrow_type):
        return json.dumps(plain(value), separators=(",", ":"))
    if pa.types.is_timestamp(arrow_type):
        return _timestamp_text(value)
    if pa.types.is_boolean(arrow_type):
        return "true" if value else "false"
    return str(value)


def plain(value):
    """A value with timestamps as ISO-8601 text, for JSON."""
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, datetime.datetime):
        return _timestamp_text(value)
    return value


def _timestamp_text(value):
    if value.tzinfo is None:
        value = value.replace(tzinfo=datetime.timezone.utc)
    value = value.astimezone(datetime.timezone.utc)
    return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"
