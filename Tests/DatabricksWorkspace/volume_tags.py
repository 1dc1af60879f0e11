"""ALTER VOLUME ... SET TAGS, as Unity Catalog runs it.

Syntax (https://docs.databricks.com/en/sql/language-manual/sql-ref-syntax-ddl-alter-volume.html):
`ALTER VOLUME name SET TAGS ( tag_name = tag_value [, ...] )`, names and values STRING literals,
needs APPLY TAG on the volume. Limits (https://docs.databricks.com/en/database-objects/tags.html):
at most 50 tags on an object, keys up to 255 characters without `. , - = / :`, values up to 1000
characters. sqlglot and open-source Spark have no volumes, so the statement is matched here and
its literals are read with sqlglot. A volume exists when its folder exists under the volumes root
(the Files API's); its tags are kept in <warehouse root>/<catalog>/<schema>/<volume>.volume-tags.json.
"""

import json
import os
import re

import sqlglot
from sqlglot import exp

from sql_errors import SQLError

_STATEMENT = re.compile(r"^\s*ALTER\s+VOLUME\s+(?P<name>\S+)\s+SET\s+TAGS\s*\((?P<tags>.*)\)\s*;?\s*$",
                        re.IGNORECASE | re.DOTALL)
_FORBIDDEN_IN_KEYS = set(".,-=/:")
MAX_TAGS = 50
MAX_KEY = 255
MAX_VALUE = 1000


def matches(text):
    return re.match(r"^\s*ALTER\s+VOLUME\b", text, re.IGNORECASE) is not None


def set_tags(text, warehouse_root, volumes_root, defaults, may_apply_tags=True):
    match = _STATEMENT.match(text)
    if match is None:
        raise SQLError("UNSUPPORTED_FEATURE", "0A000", "The stand-in runs only ALTER VOLUME ... SET TAGS (...).")
    catalog, schema, volume = _volume_name(match.group("name"), defaults)
    if volumes_root is None or not os.path.isdir(os.path.join(volumes_root, catalog, schema, volume)):
        raise SQLError("RESOURCE_DOES_NOT_EXIST", "42704", f"Volume '{catalog}.{schema}.{volume}' does not exist.",
                       error_code="NOT_FOUND")
    if not may_apply_tags:
        raise SQLError("PERMISSION_DENIED", "42501",
                       f"User does not have APPLY TAG on Volume '{catalog}.{schema}.{volume}'.",
                       error_code="PERMISSION_DENIED")
    tags = _tag_pairs(match.group("tags"))
    path = os.path.join(warehouse_root, catalog, schema, volume + ".volume-tags.json")
    existing = {}
    if os.path.isfile(path):
        with open(path) as file:
            existing = json.load(file)
    existing.update(tags)
    if len(existing) > MAX_TAGS:
        raise SQLError("INVALID_PARAMETER_VALUE", "22023", f"An object can have at most {MAX_TAGS} tags.")
    with open(path, "w") as file:
        json.dump(existing, file, indent=1, sort_keys=True)


def read_tags(warehouse_root, catalog, schema, volume):
    path = os.path.join(warehouse_root, catalog, schema, volume + ".volume-tags.json")
    if not os.path.isfile(path):
        return {}
    with open(path) as file:
        return json.load(file)


def _volume_name(text, defaults):
    parts = [part[1:-1].replace("``", "`") if part.startswith("`") else part
             for part in re.findall(r"`(?:[^`]|``)*`|[^.`]+", text)]
    if len(parts) == 1 and all(defaults):
        parts = list(defaults) + parts
    if len(parts) != 3:
        raise SQLError("INVALID_IDENTIFIER", "42602", f"'{text}' is not catalog.schema.volume.")
    return parts


def _tag_pairs(text):
    try:
        literals = sqlglot.parse_one(f"SELECT ({text})", dialect="databricks").expressions[0]
    except sqlglot.errors.ParseError as error:
        raise SQLError("PARSE_SYNTAX_ERROR", "42601", f"Syntax error in SET TAGS: {str(error).splitlines()[0]}")
    assignments = literals.expressions if isinstance(literals, exp.Tuple) else [literals.this]
    tags = {}
    for assignment in assignments:
        if not (isinstance(assignment, exp.EQ) and isinstance(assignment.this, exp.Literal)
                and assignment.this.is_string and isinstance(assignment.expression, exp.Literal)
                and assignment.expression.is_string):
            raise SQLError("PARSE_SYNTAX_ERROR", "42601",
                           f"SET TAGS takes 'name' = 'value' STRING literals, not {assignment.sql('databricks')}.")
        key, value = assignment.this.this, assignment.expression.this
        if not key or len(key) > MAX_KEY or _FORBIDDEN_IN_KEYS & set(key):
            raise SQLError("INVALID_PARAMETER_VALUE", "22023",
                           f"Tag key '{key}' must have 1 to {MAX_KEY} characters and none of . , - = / :")
        if len(value) > MAX_VALUE:
            raise SQLError("INVALID_PARAMETER_VALUE", "22023",
                           f"The value of tag '{key}' has {len(value)} characters; at most {MAX_VALUE} are allowed.")
        tags[key] = value
    return tags
