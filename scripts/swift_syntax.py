"""Swift syntax check for every .swift file given on the command line.

There is no Swift toolchain on these machines, so the generated bindings and
the iOS shell are parsed with tree-sitter-swift. It checks syntax, not types.
The grammar wrongly rejects two constructs that UniFFI generates (the
attribute `@_documentation(visibility: private)` and the empty closure
`{ () }`); those are replaced by equivalent valid Swift on the same line
before parsing, so reported line numbers stay true.

Before checking the files it proves itself: a valid sample must parse clean
and a sample with a real syntax error must be caught.
"""

import re
import sys

import tree_sitter
import tree_sitter_swift

PARSER = tree_sitter.Parser(tree_sitter.Language(tree_sitter_swift.language()))

# Constructs the grammar misreports, replaced by same-length valid Swift.
KNOWN_FALSE_ERRORS = [
    (re.compile(rb"@_documentation\(visibility: private\)"), lambda m: b" " * len(m.group(0))),
    (re.compile(rb"\{ \(\) \}"), lambda m: b"{ /**/ }"),
]

VALID_SAMPLE = b"""
import Foundation
@_documentation(visibility: private)
public struct Pass { public let count: UInt32 }
func noop() -> () -> Void { return { () } }
"""
BROKEN_SAMPLE = b"public struct Pass { public let count: UInt32 \nfunc f( {\n"


def errors_in(source: bytes) -> list[str]:
    """Line:column of every syntax error (ERROR or MISSING node) in source."""
    for pattern, replacement in KNOWN_FALSE_ERRORS:
        source = pattern.sub(replacement, source)
    tree = PARSER.parse(source)
    found = []
    stack = [tree.root_node]
    while stack:
        node = stack.pop()
        if node.is_error or node.is_missing:
            row, column = node.start_point
            kind = "missing " + node.type if node.is_missing else "unexpected text"
            found.append(f"{row + 1}:{column + 1}: {kind}")
        elif node.has_error:
            stack.extend(node.children)
    return sorted(found)


def main(paths: list[str]) -> int:
    if errors_in(VALID_SAMPLE):
        print("swift check: the checker rejects valid Swift", errors_in(VALID_SAMPLE))
        return 2
    if not errors_in(BROKEN_SAMPLE):
        print("swift check: the checker misses a real syntax error")
        return 2
    failures = 0
    for path in paths:
        with open(path, "rb") as handle:
            problems = errors_in(handle.read())
        for problem in problems[:10]:
            print(f"{path}:{problem}")
        failures += bool(problems)
    print(f"swift syntax: {len(paths) - failures} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
