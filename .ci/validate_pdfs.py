#!/usr/bin/env python3
"""Validates PDFs against PDF/A-2a and PDF/UA-1 with page-validation (`page`).

Usage: validate_pdfs.py GROUP=FOLDER [GROUP=FOLDER ...]

Every *.pdf below each FOLDER is checked against both profiles. Each finding is printed as
`FINDING <profile> <rule> <file>: <message>`; a file that cannot be read counts as a finding.
Prints the number of PDFs validated per group and profile, and exits 1 on any finding.
"""

import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import page

PROFILES = [
    (page.ValidationProfile.PDF_A_2A, "PDF/A-2a"),
    (page.ValidationProfile.PDF_UA_1, "PDF/UA-1"),
]


def validate(path):
    """The findings of one PDF, as (profile label, rule, message) triples."""
    findings = []
    for profile, label in PROFILES:
        try:
            report = page.validate_pdf(str(path), profile=profile)
        except page.PageError as error:
            findings.append((label, type(error).__name__, str(error)))
            continue
        for failure in report.failures:
            where = ""
            if failure.object_id is not None:
                oid = failure.object_id
                where = f" (object {oid.object_number} {oid.generation})"
            findings.append((label, failure.rule_id, failure.message + where))
        if not report.is_compliant and not report.failures:
            findings.append((label, "non-conformant", "not compliant, with no failure listed"))
    return findings


def main(args):
    if not args or any("=" not in a for a in args):
        print(__doc__, file=sys.stderr)
        return 2
    groups = []
    for arg in args:
        name, folder = arg.split("=", 1)
        pdfs = sorted(Path(folder).rglob("*.pdf"))
        if not pdfs:
            print(f"{name}: no PDF below {folder}", file=sys.stderr)
            return 1
        groups.append((name, pdfs))

    every = [pdf for _, pdfs in groups for pdf in pdfs]
    with ProcessPoolExecutor() as pool:
        results = dict(zip(every, pool.map(validate, every, chunksize=4)))

    total = 0
    for name, pdfs in groups:
        for _, label in PROFILES:
            found = [
                (pdf, rule, message)
                for pdf in pdfs
                for (profile, rule, message) in results[pdf]
                if profile == label
            ]
            for pdf, rule, message in found:
                print(f"FINDING {label} {rule} {pdf}: {message}")
            print(f"{name}: {len(pdfs)} PDFs validated against {label}, {len(found)} findings")
            total += len(found)
    print(
        f"page-validation {page.__version__}: {len(every)} PDFs, "
        f"{len(every) * len(PROFILES)} validations, {total} findings"
    )
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
