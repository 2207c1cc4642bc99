"""Checks of the Android shell's sources that need no Android SDK (scripts/android-check).

    android_check.py permissions ANDROID_DIR TABLE   declared permissions against the table
    android_check.py strings ANDROID_DIR             every referenced string exists
    android_check.py selftest TABLE                  both checks fail on broken trees

Permissions: every permission a manifest under ANDROID_DIR declares must be allowed by
TABLE (android/permissions.tsv); a "never" permission is refused with its reason; every
permission that the app's code needs (a table pattern matches a Kotlin file under
ANDROID_DIR/app/src or a manifest's components, or the code names Manifest.permission.X)
must be declared.

Strings: every string or plurals resource that Kotlin code (R.string.x, R.plurals.x) or
XML (@string/x) under ANDROID_DIR refers to must be defined in a values/ folder, and in
every language folder (values-de, values-b+es+419, ...) unless it is translatable="false".

Exit status 1 and one line per problem on stderr when a check fails. Standard library only.
"""

import os
import re
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ANDROID_NS = "{http://schemas.android.com/apk/res/android}"
SKIPPED_DIRS = {"build", ".gradle", ".kotlin", ".idea", ".cxx", "jniLibs"}
PERMISSION_ELEMENTS = {"uses-permission", "uses-permission-sdk-23"}
NAMED_PERMISSION = re.compile(r"\bManifest\.permission\.([A-Z][A-Z0-9_]*)")
KOTLIN_STRING_REF = re.compile(r"\bR\.(string|plurals)\.([A-Za-z_][A-Za-z0-9_]*)")
XML_STRING_REF = re.compile(r"@(string|plurals)/([A-Za-z_][A-Za-z0-9_.]*)")
# values-de, values-de-rAT, values-b+sr+Latn, optionally followed by other qualifiers.
# "car" is the UI-mode qualifier, not a language.
LANGUAGE_DIR = re.compile(r"^values-(?!car(?:-|$))([a-z]{2,3}(?:-r[A-Z]{2})?|b\+[A-Za-z0-9+]+)(?:-.*)?$")


def files_under(root, suffix):
    """Every file under root whose name ends with suffix, outside build output, sorted."""
    found = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED_DIRS)
        found.extend(Path(folder, n) for n in names if n.endswith(suffix))
    return sorted(found)


def line_of(text, index):
    return text.count("\n", 0, index) + 1


# ---------------------------------------------------------------- permissions


def read_table(path):
    """(allowed: {permission: compiled pattern}, never: {permission: reason})."""
    allowed, never = {}, {}
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 3 or fields[1] not in ("allowed", "never"):
            raise SystemExit(f"{path}:{number}: expected permission<TAB>allowed|never<TAB>pattern or reason")
        permission, kind, rest = fields
        if permission in allowed or permission in never:
            raise SystemExit(f"{path}:{number}: {permission} is listed twice")
        if kind == "allowed":
            allowed[permission] = re.compile(rest)
        else:
            never[permission] = rest
    return allowed, never


def read_manifest(path):
    """(declared [(permission, element line)], component lines ["element attr=value"])."""
    text = path.read_text(encoding="utf-8")
    declared, components = [], []
    for element in ET.fromstring(text).iter():
        tag = element.tag
        if tag in PERMISSION_ELEMENTS:
            name = element.get(ANDROID_NS + "name", "")
            match = re.search(r'android:name="%s"' % re.escape(name), text)
            declared.append((name, line_of(text, match.start()) if match else 1))
            continue
        if tag == "uses-feature":
            continue
        for key, value in element.attrib.items():
            components.append(f"{tag} {key.split('}')[-1]}={value}")
    return declared, components


def check_permissions(android_dir, table_path):
    """(problems, notes) for the manifests and app code under android_dir."""
    allowed, never = read_table(table_path)
    android_dir = Path(android_dir)
    problems, notes = [], []
    declared = {}
    used = {}  # permission -> "where: what"

    manifests = [p for p in files_under(android_dir, "AndroidManifest.xml") if "src" in p.parts]
    for manifest in manifests:
        names, components = read_manifest(manifest)
        for name, line in names:
            declared.setdefault(name, f"{manifest}:{line}")
        for component in components:
            for permission, pattern in allowed.items():
                match = pattern.search(component)
                if match:
                    used.setdefault(permission, f"{manifest}: {component}")

    for source in files_under(android_dir / "app" / "src", ".kt"):
        text = source.read_text(encoding="utf-8")
        for permission, pattern in allowed.items():
            match = pattern.search(text)
            if match:
                used.setdefault(permission, f"{source}:{line_of(text, match.start())}: {match.group(0)}")
        for match in NAMED_PERMISSION.finditer(text):
            permission = "android.permission." + match.group(1)
            used.setdefault(permission, f"{source}:{line_of(text, match.start())}: {match.group(0)}")

    for permission, where in sorted(declared.items()):
        if permission in never:
            problems.append(f"{where}: {permission} must never be declared: {never[permission]}")
        elif permission not in allowed:
            problems.append(
                f"{where}: {permission} is declared, but android/permissions.tsv does not say "
                "what needs it (add a row, or remove the permission)"
            )
    for permission, where in sorted(used.items()):
        if permission in never:
            problems.append(f"{where}: needs {permission}, which must never be declared: {never[permission]}")
        elif permission not in declared:
            problems.append(f"{where}: needs {permission}, which no AndroidManifest.xml declares")
    unused = sorted(p.split(".")[-1] for p in set(declared) - set(used) if p in allowed)
    if unused:
        notes.append(f"declared, not used by app code yet: {', '.join(unused)}")
    return problems, notes, sorted(declared)


# ---------------------------------------------------------------- strings


def read_values(folder):
    """{name: translatable} for every string and plurals in a values folder."""
    names = {}
    for path in sorted(Path(folder).glob("*.xml")):
        for element in ET.parse(path).getroot():
            if element.tag in ("string", "plurals") and element.get("name"):
                name = element.get("name").replace(".", "_")
                names[name] = element.get("translatable", "true") != "false"
    return names


def check_strings(android_dir):
    """(problems, summary) for the string references under android_dir."""
    android_dir = Path(android_dir)
    default, languages = {}, {}
    for folder, dirs, _ in os.walk(android_dir):
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED_DIRS)
        if Path(folder).name != "res":
            continue
        for values in sorted(Path(folder).iterdir()):
            if values.name == "values":
                default.update(read_values(values))
            elif values.is_dir() and LANGUAGE_DIR.match(values.name):
                languages.setdefault(values.name, {}).update(read_values(values))

    references = []  # (where, kind, name)
    for source in files_under(android_dir, ".kt"):
        text = source.read_text(encoding="utf-8")
        for match in KOTLIN_STRING_REF.finditer(text):
            references.append((f"{source}:{line_of(text, match.start())}", match.group(1), match.group(2)))
    for source in files_under(android_dir, ".xml"):
        text = source.read_text(encoding="utf-8")
        for match in XML_STRING_REF.finditer(text):
            name = match.group(2).replace(".", "_")
            references.append((f"{source}:{line_of(text, match.start())}", match.group(1), name))

    problems = []
    for where, kind, name in references:
        if name not in default:
            problems.append(f"{where}: {kind} '{name}' is not defined in any values/ folder")
            continue
        if not default[name]:
            continue
        for language, names in sorted(languages.items()):
            if name not in names:
                problems.append(f"{where}: {kind} '{name}' has no translation in {language}/")
    summary = (
        f"{len(references)} string references, {len(default)} strings in values/, "
        f"languages: {', '.join(sorted(languages)) or 'none'}"
    )
    return problems, summary


# ---------------------------------------------------------------- self-test


def write(root, relative, text):
    path = Path(root, relative)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


MANIFEST = """<?xml version="1.0" encoding="utf-8"?>
<manifest xmlns:android="http://schemas.android.com/apk/res/android">
%s
    <application android:label="@string/app_name">
%s
    </application>
</manifest>
"""


def permission_lines(*names):
    return "\n".join(f'    <uses-permission android:name="android.permission.{n}" />' for n in names)


def strings_file(*entries):
    body = "\n".join(f"    {e}" for e in entries)
    return f'<?xml version="1.0" encoding="utf-8"?>\n<resources>\n{body}\n</resources>\n'


JUDGED = []


def expect(label, problems, *needles):
    """Fails the self-test unless there are problems and each needle is in one of them."""
    JUDGED.append(label)
    if not problems:
        raise SystemExit(f"self-test '{label}': the check found nothing wrong, but should have")
    for needle in needles:
        if not any(needle in p for p in problems):
            raise SystemExit(f"self-test '{label}': no problem mentions {needle!r}: {problems}")


def expect_clean(label, problems):
    """Fails the self-test if the check found a problem in a correct tree."""
    JUDGED.append(label)
    if problems:
        raise SystemExit(f"self-test '{label}': the check failed a correct tree: {problems}")


def selftest(table_path):
    """Runs both checks on small temporary trees, correct and broken on purpose."""
    with tempfile.TemporaryDirectory(prefix="android-check-selftest-") as base:
        return judge_trees(table_path, base)


def judge_trees(table_path, base):
    """The self-test's cases, each in a new folder under base; the number judged."""
    good_values = strings_file(
        '<string name="app_name" translatable="false">dermaroll</string>',
        '<string name="start">Start</string>',
        '<plurals name="passes"><item quantity="other">%d passes</item></plurals>',
    )
    good_german = strings_file(
        '<string name="start">Starten</string>',
        '<plurals name="passes"><item quantity="other">%d Durchgänge</item></plurals>',
    )
    code = "val a = R.string.start\nval b = R.plurals.passes\n"

    def tree(values=good_values, german=good_german, kotlin=code, permissions=("VIBRATE",), components=""):
        root = tempfile.mkdtemp(dir=base)
        write(root, "app/src/main/AndroidManifest.xml", MANIFEST % (permission_lines(*permissions), components))
        write(root, "app/src/main/res/values/strings.xml", values)
        if german is not None:
            write(root, "app/src/main/res/values-de/strings.xml", german)
        write(root, "app/src/main/kotlin/app/dermaroll/Screen.kt", kotlin)
        write(root, "app/build/generated/Ignored.kt", "val c = R.string.only_in_build_output\n")
        return root

    expect_clean("strings: complete tree", check_strings(tree())[0])
    expect(
        "strings: missing in values/",
        check_strings(tree(kotlin=code + "val c = R.string.missing_everywhere\n"))[0],
        "'missing_everywhere' is not defined",
    )
    expect(
        "strings: missing in values-de/",
        check_strings(tree(german=strings_file('<string name="start">Starten</string>')))[0],
        "'passes' has no translation in values-de/",
    )
    expect(
        "strings: @string in XML",
        check_strings(tree(values=good_values.replace('name="app_name"', 'name="app_title"')))[0],
        "'app_name' is not defined",
    )
    expect_clean(
        "strings: no language folders",
        check_strings(tree(german=None))[0],
    )

    def permissions(**kwargs):
        return check_permissions(tree(**kwargs), table_path)[0]

    expect_clean("permissions: correct tree", permissions(kotlin="val v = VibrationEffect.DEFAULT_AMPLITUDE\n"))
    expect(
        "permissions: code needs an undeclared permission",
        permissions(kotlin="val r = SpeechRecognizer.createOnDeviceSpeechRecognizer(context)\n"),
        "needs android.permission.RECORD_AUDIO",
    )
    expect(
        "permissions: code names an undeclared permission",
        permissions(kotlin="val p = Manifest.permission.POST_NOTIFICATIONS\n"),
        "needs android.permission.POST_NOTIFICATIONS",
    )
    expect(
        "permissions: a component needs an undeclared permission",
        permissions(
            components='        <receiver android:name=".Boot" android:exported="false">'
            '<intent-filter><action android:name="android.intent.action.BOOT_COMPLETED" />'
            "</intent-filter></receiver>"
        ),
        "needs android.permission.RECEIVE_BOOT_COMPLETED",
    )
    expect(
        "permissions: a never permission",
        permissions(permissions=("VIBRATE", "INTERNET")),
        "INTERNET must never be declared",
    )
    expect(
        "permissions: a permission the table does not know",
        permissions(permissions=("VIBRATE", "READ_CONTACTS")),
        "READ_CONTACTS is declared, but android/permissions.tsv",
    )
    expect_clean(
        "permissions: declared and not used yet",
        permissions(permissions=("VIBRATE", "RECEIVE_BOOT_COMPLETED")),
    )
    return len(JUDGED)


def main(argv):
    if len(argv) == 4 and argv[1] == "permissions":
        problems, notes, declared = check_permissions(argv[2], argv[3])
        for note in notes:
            print(f"note: {note}")
        print(f"{len(declared)} permissions declared: {', '.join(p.split('.')[-1] for p in declared) or 'none'}")
    elif len(argv) == 3 and argv[1] == "strings":
        problems, summary = check_strings(argv[2])
        print(summary)
    elif len(argv) == 3 and argv[1] == "selftest":
        problems = []
        print(f"self-test: {selftest(argv[2])} broken and correct trees judged right")
    else:
        raise SystemExit(__doc__)
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
