"""Make a JSON value fit a request's JSON schema.

`conform(schema, preferred)` returns `preferred` where it already fits and fills the
rest with synthesised values, so a fake's reply always matches the schema the client
sent (OpenAI `json_schema`, Gemini `responseSchema` with upper-case OpenAPI types,
or `responseJsonSchema`). Supports: type (incl. lists and Gemini `nullable`),
properties/required/additionalProperties, items/minItems/maxItems, enum/const,
anyOf/oneOf/allOf, $ref into $defs/definitions, min/max for numbers and string lengths.
"""

from __future__ import annotations

import copy

_TYPES = {"object", "array", "string", "integer", "number", "boolean", "null"}


def normalize(schema):
    """Lower-case Gemini's OpenAPI type names (OBJECT -> object) recursively."""
    if isinstance(schema, dict):
        out = {}
        for k, v in schema.items():
            if k == "type" and isinstance(v, str):
                out[k] = v.lower()
            elif k == "type" and isinstance(v, list):
                out[k] = [t.lower() if isinstance(t, str) else t for t in v]
            elif k in ("properties", "$defs", "definitions") and isinstance(v, dict):
                out[k] = {name: normalize(sub) for name, sub in v.items()}
            else:
                out[k] = normalize(v)
        return out
    if isinstance(schema, list):
        return [normalize(s) for s in schema]
    return schema


def _resolve(schema, root):
    seen = 0
    while isinstance(schema, dict) and "$ref" in schema and seen < 32:
        ref = schema["$ref"]
        if not ref.startswith("#/"):
            return {}
        node = root
        for key in ref[2:].split("/"):
            node = node.get(key.replace("~1", "/").replace("~0", "~"), {}) if isinstance(node, dict) else {}
        schema = node
        seen += 1
    return schema


def _types(schema) -> list[str]:
    t = schema.get("type")
    types = [t] if isinstance(t, str) else list(t or [])
    if schema.get("nullable") and "null" not in types:
        types.append("null")
    return [x for x in types if x in _TYPES]


def matches(schema, value, root=None) -> bool:
    """Whether `value` satisfies `schema` (the subset of JSON Schema listed above)."""
    root = schema if root is None else root
    schema = _resolve(schema, root)
    if not isinstance(schema, dict):
        return True
    if "const" in schema and value != schema["const"]:
        return False
    if "enum" in schema and value not in schema["enum"]:
        return False
    for key in ("anyOf", "oneOf"):
        if key in schema and not any(matches(s, value, root) for s in schema[key]):
            return False
    if "allOf" in schema and not all(matches(s, value, root) for s in schema["allOf"]):
        return False
    types = _types(schema)
    if types and not any(_is_type(value, t) for t in types):
        return False
    if isinstance(value, dict):
        props = schema.get("properties") or {}
        if any(r not in value for r in schema.get("required") or []):
            return False
        if schema.get("additionalProperties") is False and any(k not in props for k in value):
            return False
        return all(matches(props[k], v, root) for k, v in value.items() if k in props)
    if isinstance(value, list):
        if len(value) < schema.get("minItems", 0) or len(value) > schema.get("maxItems", len(value)):
            return False
        items = schema.get("items")
        return all(matches(items, v, root) for v in value) if isinstance(items, dict) else True
    if isinstance(value, str):
        return schema.get("minLength", 0) <= len(value) <= schema.get("maxLength", len(value))
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if "minimum" in schema and value < schema["minimum"]:
            return False
        if "maximum" in schema and value > schema["maximum"]:
            return False
    return True


def _is_type(value, t: str) -> bool:
    return {
        "object": lambda v: isinstance(v, dict),
        "array": lambda v: isinstance(v, list),
        "string": lambda v: isinstance(v, str),
        "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
        "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
        "boolean": lambda v: isinstance(v, bool),
        "null": lambda v: v is None,
    }[t](value)


def conform(schema, preferred, root=None, name: str = "value"):
    """A value matching `schema`, reusing `preferred` wherever it fits."""
    root = schema if root is None else root
    schema = _resolve(schema, root)
    if not isinstance(schema, dict) or not schema:
        return copy.deepcopy(preferred)
    if matches(schema, preferred, root):
        return copy.deepcopy(preferred)
    if "const" in schema:
        return copy.deepcopy(schema["const"])
    if "enum" in schema:
        return copy.deepcopy(preferred if preferred in schema["enum"] else schema["enum"][0])
    for key in ("anyOf", "oneOf"):
        if key in schema:
            branches = schema[key]
            for b in branches:
                if matches(b, preferred, root):
                    return conform(b, preferred, root, name)
            non_null = [b for b in branches if "null" not in _types(_resolve(b, root))] or branches
            return conform(non_null[0], preferred, root, name)
    if "allOf" in schema and len(schema["allOf"]) == 1:
        merged = {k: v for k, v in schema.items() if k != "allOf"}
        merged.update(_resolve(schema["allOf"][0], root))
        return conform(merged, preferred, root, name)
    types = _types(schema)
    if not types:
        if "properties" in schema:
            types = ["object"]
        elif "items" in schema:
            types = ["array"]
        else:
            return copy.deepcopy(preferred)
    for t in types:  # prefer the type of the preferred value
        if _is_type(preferred, t):
            return _build(t, schema, preferred, root, name)
    non_null = [t for t in types if t != "null"]
    return _build(non_null[0] if non_null else "null", schema, preferred, root, name)


def _build(t, schema, preferred, root, name):
    if t == "object":
        pref = preferred if isinstance(preferred, dict) else {}
        props = schema.get("properties") or {}
        required = list(schema.get("required") or [])
        order = schema.get("propertyOrdering") or schema.get("property_ordering") or list(props)
        out = {}
        for key in order + [k for k in props if k not in order]:
            if key in out or key not in props:
                continue
            if key in pref or key in required or not required:
                out[key] = conform(props[key], pref.get(key), root, key)
        if schema.get("additionalProperties") not in (False, None) or (not props and pref):
            for key, v in pref.items():
                out.setdefault(key, copy.deepcopy(v))
        return out
    if t == "array":
        items = schema.get("items") or {}
        lo, hi = schema.get("minItems", 0), schema.get("maxItems")
        pref = list(preferred) if isinstance(preferred, list) else []
        if not pref:
            pref = [None] * max(lo, 3 if hi is None else min(3, hi))
        out = [conform(items, v, root, f"{name} {i + 1}") for i, v in enumerate(pref)]
        while len(out) < lo:
            out.append(conform(items, None, root, f"{name} {len(out) + 1}"))
        return out[:hi] if hi is not None else out
    if t == "string":
        s = preferred if isinstance(preferred, str) else f"Fake {name}"
        lo, hi = schema.get("minLength", 0), schema.get("maxLength")
        if len(s) < lo:
            s = s + "x" * (lo - len(s))
        return s[:hi] if hi is not None else s
    if t in ("integer", "number"):
        v = preferred if isinstance(preferred, (int, float)) and not isinstance(preferred, bool) else 1
        if t == "integer":
            v = int(v)
        v = max(v, schema.get("minimum", v))
        v = min(v, schema.get("maximum", v))
        return v
    if t == "boolean":
        return preferred if isinstance(preferred, bool) else False
    return None


def strict_schema_problem(schema, root=None, context: str = "()") -> str | None:
    """OpenAI Structured Outputs (strict) rules: every object needs
    `additionalProperties: false` and all its properties listed in `required`."""
    root = schema if root is None else root
    if not isinstance(schema, dict):
        return None
    if "$ref" in schema:
        return None  # checked where defined
    if schema.get("type") == "object" or "properties" in schema:
        if schema.get("additionalProperties") is not False:
            return f"In context={context}, 'additionalProperties' is required to be supplied and to be false."
        props = schema.get("properties") or {}
        missing = [k for k in props if k not in (schema.get("required") or [])]
        if missing:
            return (
                f"In context={context}, 'required' is required to be supplied and to be an array "
                f"including every key in properties. Missing '{missing[0]}'."
            )
        for k, sub in props.items():
            p = strict_schema_problem(sub, root, f"('properties', '{k}')")
            if p:
                return p
    for key in ("items",):
        if isinstance(schema.get(key), dict):
            p = strict_schema_problem(schema[key], root, f"('{key}',)")
            if p:
                return p
    for key in ("anyOf", "allOf"):
        for i, sub in enumerate(schema.get(key) or []):
            p = strict_schema_problem(sub, root, f"('{key}', {i})")
            if p:
                return p
    for key in ("$defs", "definitions"):
        for name, sub in (schema.get(key) or {}).items():
            p = strict_schema_problem(sub, root, f"('{key}', '{name}')")
            if p:
                return p
    return None
