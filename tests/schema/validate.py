#!/usr/bin/env python3
"""Validates tapla's JSON exports against doc/tapla-session-1.schema.json.

Usage: validate.py SCHEMA FILE...; exit 0 when every file is valid, 1 with
one line per error otherwise, 77 (skipped) when python3-jsonschema is
missing. Beyond the schema it checks what a schema cannot say: the sums
(a sheet's total_dots is its columns', the session's the sheets'), the
sheet numbers 1..n in order, and the positions one per sheet or none."""
import json
import sys

try:
    import jsonschema
except ImportError:
    print("validate.py: python3-jsonschema is missing", file=sys.stderr)
    sys.exit(77)


def arithmetic(doc):
    """The sums and numbering a schema cannot express; yields messages."""
    sheets = doc["sheets"]
    for i, sh in enumerate(sheets):
        if sh["number"] != i + 1:
            yield f"sheets[{i}].number is {sh['number']}, not {i + 1}"
        if sh["total_dots"] != sum(sh["dots"].values()):
            yield f"sheets[{i}].total_dots is not the sum of its dots"
        for lv, n in sh["people"].items():
            if n > sh["dots"][lv]:
                yield f"sheets[{i}].people.{lv} exceeds its dots"
    if doc["total_dots"] != sum(sh["total_dots"] for sh in sheets):
        yield "total_dots is not the sum of the sheets' total_dots"
    if doc["positions"] and len(doc["positions"]) != len(sheets):
        yield "positions has not one entry per sheet"
    for pt in doc["paper_totals"]:
        if pt["total_dots"] != sum(pt["dots"].values()):
            yield f"paper_totals sheet {pt['sheet']}: total_dots is not the sum"
    if doc["session"]["anonymous"] and any("name" in b for b in doc["ballots"]):
        yield "an anonymous session's ballot has a name"


def main(argv):
    if len(argv) < 3:
        print("usage: validate.py SCHEMA FILE...", file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    validator = cls(schema, format_checker=cls.FORMAT_CHECKER)
    bad = 0
    for path in argv[2:]:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        errors = [f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}"
                  for e in validator.iter_errors(doc)]
        if not errors:
            errors = list(arithmetic(doc))
        for e in errors:
            print(f"{path}: {e}", file=sys.stderr)
        bad += bool(errors)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
