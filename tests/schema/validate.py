#!/usr/bin/env python3
"""Validate JSON documents against the JSON Schemas in docs/schema/.

Implements the subset of JSON Schema (2020-12) those schemas use: type
(with lists), const, enum, required, properties, additionalProperties
(bool or schema), items, minimum.  Standard library only, so it runs
wherever python3 does.

usage: validate.py SCHEMA FILE [FILE...]     (FILE: a JSON document)
       validate.py --jsonl SCHEMA FILE       (each line against results.items)
"""
import json
import sys

TYPES = {
    "object": dict, "array": list, "string": str, "boolean": bool, "null": type(None),
}


def type_ok(v, t):
    if t == "integer":
        return isinstance(v, int) and not isinstance(v, bool)
    if t == "number":
        return isinstance(v, (int, float)) and not isinstance(v, bool)
    return isinstance(v, TYPES[t])


def check(v, s, path, errs):
    if s is True or s is None:
        return
    if s is False:
        errs.append(f"{path}: not allowed")
        return
    if "type" in s:
        ts = s["type"] if isinstance(s["type"], list) else [s["type"]]
        if not any(type_ok(v, t) for t in ts):
            errs.append(f"{path}: {v!r} is not of type {s['type']}")
            return
    if "const" in s and v != s["const"]:
        errs.append(f"{path}: {v!r} != {s['const']!r}")
    if "enum" in s and v not in s["enum"]:
        errs.append(f"{path}: {v!r} not in {s['enum']}")
    if "minimum" in s and isinstance(v, (int, float)) and v < s["minimum"]:
        errs.append(f"{path}: {v!r} < {s['minimum']}")
    if isinstance(v, dict):
        for k in s.get("required", []):
            if k not in v:
                errs.append(f"{path}: missing {k!r}")
        props = s.get("properties", {})
        for k, x in v.items():
            if k in props:
                check(x, props[k], f"{path}.{k}", errs)
            else:
                check(x, s.get("additionalProperties", True), f"{path}.{k}", errs)
    if isinstance(v, list) and "items" in s:
        for i, x in enumerate(v):
            check(x, s["items"], f"{path}[{i}]", errs)


def main(argv):
    jsonl = argv[:1] == ["--jsonl"]
    if jsonl:
        argv = argv[1:]
    if len(argv) < 2:
        sys.exit(__doc__)
    schema = json.load(open(argv[0], encoding="utf-8"))
    errs = []
    n = 0
    for f in argv[1:]:
        if jsonl:
            for ln, line in enumerate(open(f, encoding="utf-8"), 1):
                check(json.loads(line), schema["properties"]["results"]["items"], f"{f}:{ln}", errs)
                n += 1
        else:
            check(json.load(open(f, encoding="utf-8")), schema, f, errs)
            n += 1
    for e in errs[:20]:
        print("schema:", e, file=sys.stderr)
    if errs:
        sys.exit(1)
    print(f"schema {argv[0].split('/')[-1]}: {n} document(s) valid")


if __name__ == "__main__":
    main(sys.argv[1:])
