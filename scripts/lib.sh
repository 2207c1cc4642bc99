# Shared helpers for the scripts in this folder. Source it; do not run it.
# Everything a check needs is installed here, on first use, and said out loud.

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/tools"                      # ignored by git; safe to delete
KOTLIN_VERSION="2.4.20"                   # pinned Kotlin compiler (npm package kotlin-compiler)
TREE_SITTER_VERSION="0.26.0"              # pinned Swift syntax checker (PyPI)
TREE_SITTER_SWIFT_VERSION="0.7.4"
JAVA_LIBS=(/usr/share/java/jna.jar /usr/share/java/junit4.jar /usr/share/java/hamcrest-core.jar /usr/share/java/gson.jar)
LIB_NAME="dermaroll_core"

say() { printf '==> %s\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Runs a command as root: directly when we are root, else through sudo.
as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# The host's shared-library file name for the core.
host_library() {
    local dir="$1"
    case "$(uname -s)" in
        Darwin) echo "$dir/lib$LIB_NAME.dylib" ;;
        *) echo "$dir/lib$LIB_NAME.so" ;;
    esac
}

# rustfmt and clippy, which a minimal rustup profile lacks.
ensure_rust_components() {
    local missing=()
    cargo fmt --version >/dev/null 2>&1 || missing+=(rustfmt)
    cargo clippy --version >/dev/null 2>&1 || missing+=(clippy)
    if [ "${#missing[@]}" -gt 0 ]; then
        say "installing Rust components: ${missing[*]}"
        rustup component add "${missing[@]}"
    fi
}

# JNA (UniFFI needs >= 5.12), JUnit 4 and Gson from Debian, for the Kotlin tests.
ensure_java_libs() {
    local jar missing=0
    for jar in "${JAVA_LIBS[@]}"; do [ -f "$jar" ] || missing=1; done
    if [ "$missing" = 1 ]; then
        say "installing JNA, JUnit 4 and Gson from Debian (libjna-java junit4 libgoogle-gson-java)"
        as_root apt-get update -qq
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libjna-java junit4 libgoogle-gson-java >/dev/null
    fi
    command -v java >/dev/null || {
        say "installing a Java runtime from Debian (default-jdk-headless)"
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jdk-headless >/dev/null
    }
}

# The Kotlin compiler at the pinned version, unpacked into tools/.
ensure_kotlinc() {
    KOTLINC="$TOOLS/kotlin-$KOTLIN_VERSION/bin/kotlinc"
    KOTLIN_LIB="$TOOLS/kotlin-$KOTLIN_VERSION/lib"
    if [ ! -x "$KOTLINC" ]; then
        say "installing the Kotlin compiler $KOTLIN_VERSION into tools/ (npm package kotlin-compiler)"
        local tmp
        tmp="$(mktemp -d)"
        (cd "$tmp" && npm pack --silent "kotlin-compiler@$KOTLIN_VERSION" >/dev/null && tar xzf kotlin-compiler-*.tgz)
        mkdir -p "$TOOLS"
        rm -rf "$TOOLS/kotlin-$KOTLIN_VERSION"
        mv "$tmp/package" "$TOOLS/kotlin-$KOTLIN_VERSION"
        rm -rf "$tmp"
        chmod +x "$TOOLS/kotlin-$KOTLIN_VERSION/bin/"*
    fi
}

# A Python virtual environment in tools/ with the pinned tree-sitter Swift grammar.
ensure_swift_parser() {
    SWIFT_PY="$TOOLS/swift-syntax-venv/bin/python"
    if ! "$SWIFT_PY" -c "import tree_sitter, tree_sitter_swift" >/dev/null 2>&1; then
        say "installing tree-sitter $TREE_SITTER_VERSION and tree-sitter-swift $TREE_SITTER_SWIFT_VERSION into tools/ (PyPI)"
        rm -rf "$TOOLS/swift-syntax-venv"
        python3 -m venv "$TOOLS/swift-syntax-venv"
        "$SWIFT_PY" -m pip install --quiet --disable-pip-version-check \
            "tree-sitter==$TREE_SITTER_VERSION" "tree-sitter-swift==$TREE_SITTER_SWIFT_VERSION"
    fi
}

# The host debug build of the core library, which bindgen and the JVM tests load.
build_core_library() {
    say "building the core library (debug, host)"
    cargo build --quiet -p dermaroll-core -p uniffi-bindgen
}
