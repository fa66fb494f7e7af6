#!/usr/bin/python3
# check-packages.py — build-aux/install-deps.sh installs everything the build, the
# programs, the tests and the benchmarks use.
#
# Usage: check-packages.py SOURCE_ROOT [INSTALL_DEPS_SCRIPT]
#
# What is needed is read from the sources, not from a list kept by hand:
#   - every dependency('NAME') in a meson.build: the package that ships NAME.pc;
#     find_library('X') and has_headers: the packages of libX.so and the headers;
#   - every program run or looked for: find_program() in meson.build, the commands of
#     the shell scripts (.sh, .ci/run, and the scripts they pass to sh -c), argv
#     arrays and program lookups in C, subprocess and shutil.which in Python;
#   - every module the Python scripts import (outside the standard library).
# Each is found on this machine and `dpkg -S` names the package that ships it. That
# package must be in the packages=(...) list of install-deps.sh, or be installed by
# apt with one of them (Depends/Pre-Depends: the script uses --no-install-recommends),
# or be on every Debian system (Essential, or Priority: required).
#
# SPDX-License-Identifier: GPL-3.0-or-later

import importlib.util
import os
import re
import shutil
import subprocess
import sys

# Programs the sources mention that the project does not need, and why.
OPTIONAL = {
    "libreoffice": "bench/bench-batch.sh installs it itself for its one comparison",
    "hyperfine": "bench/run.sh times whole commands with it only when it is there",
    "sudo": "install-deps.sh uses it only when not run as root",
}

# Programs that the programs above run in turn.
IMPLIED = {
    "xvfb-run": ["xauth", "Xvfb"],
    "dbus-run-session": ["dbus-daemon"],
}

# What the scan must see today; if it stops seeing one, the scan is broken (or the
# program is no longer used: then take it out of this list).
EXPECTED = [
    "pdftotext", "pdfinfo", "qpdf", "xvfb-run", "xauth", "dbus-run-session",
    "/usr/libexec/at-spi-bus-launcher", "glib-compile-schemas", "desktop-file-validate",
    "appstreamcli", "msgfmt", "xgettext", "gnuplot", "sqlite3", "import", "meson",
    "/usr/bin/python3", "module gi", "module dogtail", "pkg-config gtk4", "library hpdf",
    "syncthing",
]

SHELL_KEYWORDS = {
    "if", "then", "else", "elif", "fi", "do", "done", "while", "until", "for", "in",
    "case", "esac", "function", "!", "{", "}", "[[", "]]", "time", "select",
}
# Commands after which the next word is a command too.
WRAPPERS = {"env", "exec", "nice", "nohup", "xvfb-run", "dbus-run-session", "timeout"}
# Options of the wrappers that take a value.
WRAPPER_VALUE_OPTIONS = {"-s", "--server-args", "-n", "--server-num", "-e", "--error-file",
                         "-f", "--auth-file", "-p", "--xauth-protocol", "-u", "--unset",
                         "--config-file", "--dbus-daemon", "-k", "--kill-after", "--signal"}

SYSTEM_PATH = "/usr/sbin:/usr/bin:/sbin:/bin"

SKIP_DIRS = {".git", "subprojects", "node_modules", "__pycache__"}


class Need:
    def __init__(self, what, where, path=None):
        self.what = what          # "qpdf", "module gi", "pkg-config gtk4"…
        self.where = where        # "tests/test-manifest.c:78"
        self.path = path          # the file on this machine, once found


def fail(message):
    print("check-packages: " + message, file=sys.stderr)
    sys.exit(1)


def read(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return f.read()


def line_of(text, offset):
    return text.count("\n", 0, offset) + 1


def source_files(root):
    for top, dirs, files in os.walk(root):
        rel = os.path.relpath(top, root)
        # Not build directories (anything meson configured), nor benchmark output.
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS
                         and not os.path.exists(os.path.join(top, d, "meson-private"))
                         and not (rel == "bench" and d == "out"))
        for name in sorted(files):
            yield os.path.relpath(os.path.join(top, name), root)


def listed_packages(script):
    match = re.search(r"^packages=\((.*?)^\)", read(script), re.S | re.M)
    if match is None:
        fail("no packages=(...) list in " + script)
    body = re.sub(r"#.*", "", match.group(1))
    return set(body.split())


# ----------------------------------------------------------------- meson.build

def scan_meson(rel, text, needs):
    for m in re.finditer(r"\bdependency\(\s*'([^']+)'", text):
        needs.append(Need("pkg-config " + m.group(1), "%s:%d" % (rel, line_of(text, m.start()))))
    for m in re.finditer(r"\bfind_library\(\s*'([^']+)'([^)]*)\)", text):
        where = "%s:%d" % (rel, line_of(text, m.start()))
        needs.append(Need("library " + m.group(1), where))
        headers = re.search(r"has_headers\s*:\s*\[([^\]]*)\]", m.group(2))
        for h in re.findall(r"'([^']+)'", headers.group(1) if headers else ""):
            needs.append(Need("header " + h, where))
    for m in re.finditer(r"\bhas_header\(\s*'([^']+)'", text):
        needs.append(Need("header " + m.group(1), "%s:%d" % (rel, line_of(text, m.start()))))
    for m in re.finditer(r"\bfind_program\(\s*'([^']+)'", text):
        needs.append(Need(m.group(1), "%s:%d" % (rel, line_of(text, m.start()))))


# ------------------------------------------------------------------- C sources

def scan_c(rel, text, needs):
    patterns = [
        r"\w*argv\s*\[\s*\]\s*=\s*\{\s*\"([^\"]+)\"",
        r"g_find_program_in_path\s*\(\s*\"([^\"]+)\"",
        r"g_subprocess_new\s*\([^\"]*?\"([^\"]+)\"",
        r"g_spawn_command_line_\w+\s*\(\s*\"([^\"\s]+)",
    ]
    for pattern in patterns:
        for m in re.finditer(pattern, text):
            needs.append(Need(m.group(1), "%s:%d" % (rel, line_of(text, m.start()))))


# -------------------------------------------------------------------- Python

def scan_python(rel, text, needs, root):
    here = os.path.dirname(os.path.join(root, rel))
    for m in re.finditer(r"(?:subprocess\.\w+|Popen)\(\s*\[\s*\"([^\"]+)\"", text):
        needs.append(Need(m.group(1), "%s:%d" % (rel, line_of(text, m.start()))))
    for m in re.finditer(r"shutil\.which\(\s*\"([^\"]+)\"", text):
        needs.append(Need(m.group(1), "%s:%d" % (rel, line_of(text, m.start()))))
    for m in re.finditer(r"^\s*(?:from\s+([\w.]+)\s+import|import\s+([\w.]+))", text, re.M):
        module = (m.group(1) or m.group(2)).split(".")[0]
        if module in sys.stdlib_module_names or os.path.exists(os.path.join(here, module + ".py")):
            continue
        needs.append(Need("module " + module, "%s:%d" % (rel, line_of(text, m.start()))))


# --------------------------------------------------------------- shell scripts

class Word:
    def __init__(self, line):
        self.line = line
        self.text = ""
        self.literal = ""        # the content of a single-quoted part, for sh -c
        self.variable = False    # has an expansion: not a name we can look up


def shell_commands(text, first_line=1):
    """Yields (line, [Word]) for each simple command of a shell script, with those of
    its $(…), `…` and here-documents left out (a here-document is data)."""
    commands = []
    words = []
    word = None
    line = first_line
    i = 0
    n = len(text)
    heredocs = []

    def end_word():
        nonlocal word
        if word is not None:
            words.append(word)
            word = None

    # In "case WORD in", the words up to each ")" are patterns, not commands.
    cases = 0
    patterns = False

    def end_command():
        nonlocal words, cases, patterns
        end_word()
        if words and words[0].text == "esac" and cases:
            cases -= 1
            patterns = False
            words = words[1:]
        if words and not patterns:
            commands.append((words[0].line, words))
            if words[0].text == "case":
                cases += 1
                patterns = True
        words = []

    def matching(start, open_char, close_char):
        level = 1
        j = start
        while j < n and level:
            if text[j] == "\\":
                j += 2
                continue
            if text[j] == "'" and open_char == "(":
                k = text.find("'", j + 1)
                j = n if k < 0 else k + 1
                continue
            if text[j] == open_char:
                level += 1
            elif text[j] == close_char:
                level -= 1
            j += 1
        return j

    while i < n:
        c = text[i]
        if c == "\\" and i + 1 < n:
            if text[i + 1] == "\n":
                line += 1
            else:
                word = word or Word(line)
                word.text += text[i + 1]
            i += 2
            continue
        if c == "\n":
            end_command()
            line += 1
            i += 1
            for delimiter in heredocs:
                while i < n:
                    end = text.find("\n", i)
                    end = n if end < 0 else end
                    body_line = text[i:end]
                    i = end + 1
                    line += 1
                    if body_line.strip() == delimiter:
                        break
            heredocs = []
            continue
        if c in " \t":
            end_word()
            i += 1
            continue
        if c == "#" and word is None:
            end = text.find("\n", i)
            i = n if end < 0 else end
            continue
        if c == "'":
            end = text.find("'", i + 1)
            end = n if end < 0 else end
            word = word or Word(line)
            content = text[i + 1:end]
            word.text += content
            word.literal += content
            line += content.count("\n")
            i = end + 1
            continue
        if c == '"':
            word = word or Word(line)
            j = i + 1
            while j < n and text[j] != '"':
                if text[j] == "\\":
                    j += 2
                    continue
                if text.startswith("$((", j):
                    end = matching(j + 3, "(", ")") + 1
                    word.variable = True
                    j = end
                    continue
                if text[j] == "`" or text.startswith("$(", j):
                    start = j + (1 if text[j] == "`" else 2)
                    end = text.find("`", start) + 1 if text[j] == "`" else matching(start, "(", ")")
                    commands.extend(shell_commands(text[start:end - 1], line + text.count("\n", i, start)))
                    word.variable = True
                    j = end
                    continue
                if text[j] == "$":
                    word.variable = True
                word.text += text[j]
                j += 1
            line += text.count("\n", i, j)
            i = j + 1
            continue
        if c == "`" or text.startswith("$(", i):
            start = i + (1 if c == "`" else 2)
            if text.startswith("$((", i):
                i = matching(i + 3, "(", ")") + 1
                word = word or Word(line)
                word.variable = True
                continue
            end = text.find("`", start) + 1 if c == "`" else matching(start, "(", ")")
            commands.extend(shell_commands(text[start:end - 1], line))
            line += text.count("\n", start, end)
            word = word or Word(line)
            word.variable = True
            i = end
            continue
        if text.startswith("${", i):
            end = matching(i + 2, "{", "}")
            word = word or Word(line)
            word.variable = True
            word.text += text[i:end]
            i = end
            continue
        if c == "$":
            word = word or Word(line)
            word.variable = True
            word.text += c
            i += 1
            continue
        if text.startswith("<<", i) and not text.startswith("<<<", i):
            if word is not None and word.text.isdigit():
                word = None
            end_word()
            m = re.match(r"<<-?\s*(['\"]?)(\w+)\1", text[i:])
            if m:
                heredocs.append(m.group(2))
                i += m.end()
            else:
                i += 2
            continue
        if c in "<>":
            # A redirection: its target is not an argument (nor its fd number).
            if word is not None and (word.text.isdigit() or word.text == "&"):
                word = None
            end_word()
            i += 1
            while i < n and text[i] in "<>&|":
                i += 1
            while i < n and text[i] in " \t":
                i += 1
            if i < n and text[i].isdigit() and text[i - 1] == "&":
                i += 1
                continue
            # Skip the target word.
            saved = len(words)
            while i < n and text[i] not in " \t\n;|&)":
                if text[i] in "'\"":
                    end = text.find(text[i], i + 1)
                    i = n if end < 0 else end + 1
                elif text.startswith("$(", i):
                    i = matching(i + 2, "(", ")")
                else:
                    i += 1
            del words[saved:]
            continue
        if c in ";|&":
            if text.startswith(";;", i) and cases:
                end_command()
                patterns = True
                i += 2
                continue
            if patterns and c == "|":
                end_word()
                i += 1
                continue
            end_command()
            i += 1
            continue
        if c == "(" and word is not None and word.text.endswith("=") and not words:
            # name=(…) and name+=(…): an array's values, not commands.
            i = matching(i + 1, "(", ")")
            word.variable = True
            continue
        if c == "(":
            # name () { … } defines a function; ( … ) is a subshell.
            end_word()
            if text.startswith("()", i) or re.match(r"\(\s*\)", text[i:]):
                if words:
                    commands.append((words[0].line, [Word(line)] + words))
                    commands[-1][1][0].text = "function"
                words = []
                i = text.index(")", i) + 1
                continue
            end_command()
            i += 1
            continue
        if c == ")":
            if patterns:
                end_word()
                words = []
                patterns = False
            else:
                end_command()
            i += 1
            continue
        word = word or Word(line)
        word.text += c
        i += 1
    end_command()
    return commands


def scan_shell(rel, text, needs, first_line=1):
    commands = shell_commands(text, first_line)
    functions = {words[1].text for _, words in commands if words[0].text == "function" and len(words) > 1}
    for line, words in commands:
        scan_shell_command(rel, line, words, functions, needs)


def scan_shell_command(rel, line, words, functions, needs):
    where = "%s:%d" % (rel, line)
    i = 0
    # Leading keywords and assignments.
    while i < len(words) and (words[i].text in SHELL_KEYWORDS or
                              re.match(r"^[A-Za-z_][A-Za-z_0-9]*(\[[^]]*\])?\+?=", words[i].text)):
        if words[i].text in ("for", "case", "select", "function"):
            return
        i += 1
    if i >= len(words):
        return
    command = words[i]
    if command.variable or command.text.startswith("-"):
        return
    name = command.text
    if name == "command" and i + 2 < len(words) and words[i + 1].text == "-v":
        needs.append(Need(words[i + 2].text, where))
        return
    if name in functions:
        # A function of this script given a command to run (run_suite "A label" meson
        # test…): its first argument that is not a label, if it names a program.
        args = [w for w in words[i + 1:] if not re.search(r"\s", w.text)]
        if args and not args[0].variable and which(args[0].text):
            needs.append(Need(args[0].text, where))
        return
    if "/" in name and not name.startswith("/"):
        return          # a script of this repository
    needs.append(Need(name, where))
    if name in ("sh", "bash", "dash"):
        for j in range(i + 1, len(words) - 1):
            if words[j].text == "-c" and words[j + 1].literal:
                scan_shell(rel, words[j + 1].literal, needs, words[j + 1].line)
                return
    if name in WRAPPERS:
        j = i + 1
        while j < len(words):
            t = words[j].text
            if t == "--":
                j += 1
                break
            if t in WRAPPER_VALUE_OPTIONS:
                j += 2
            elif t.startswith("-") or re.match(r"^[A-Za-z_][A-Za-z_0-9]*=", t):
                j += 1
            else:
                break
        if j < len(words):
            scan_shell_command(rel, line, words[j:], functions, needs)


# ------------------------------------------------------------ finding packages

def shell_builtins():
    out = subprocess.run(["bash", "-c", "compgen -b; compgen -k"], capture_output=True, text=True)
    return set(out.stdout.split())


def module_path(module):
    code = ("import importlib.util, sys\n"
            "spec = importlib.util.find_spec(sys.argv[1])\n"
            "print(spec.origin if spec and spec.origin else '')\n")
    out = subprocess.run(["/usr/bin/python3", "-c", code, module], capture_output=True, text=True)
    return out.stdout.strip() or None


def find_file(need):
    """The file on this machine that answers @need, or None."""
    kind, _, name = need.what.partition(" ")
    if kind == "pkg-config" and name:
        out = subprocess.run(["pkg-config", "--variable=pcfiledir", name], capture_output=True, text=True)
        d = out.stdout.strip()
        return os.path.join(d, name + ".pc") if out.returncode == 0 and d else None
    if kind == "library" and name:
        out = subprocess.run(["dpkg", "-S", "*/lib%s.so" % name], capture_output=True, text=True)
        paths = [l.split(": ", 1)[1] for l in out.stdout.splitlines() if ": " in l]
        return paths[0] if paths else None
    if kind == "header" and name:
        out = subprocess.run(["cpp", "-v", "/dev/null", "-o", "/dev/null"], capture_output=True, text=True)
        dirs = re.findall(r"^ (/\S+)$", out.stderr, re.M) or ["/usr/include"]
        for d in dirs:
            if os.path.exists(os.path.join(d, name)):
                return os.path.join(d, name)
        return None
    if kind == "module" and name:
        return module_path(name)
    if need.what.startswith("/"):
        return need.what if os.path.exists(need.what) else None
    return which(need.what)


def which(program):
    """Where Debian's packages put @program, else where PATH finds it."""
    return shutil.which(program, path=SYSTEM_PATH) or shutil.which(program)


def owners(paths):
    """path → package, for the files dpkg knows (following symbolic links and
    alternatives until one is owned by a package)."""
    result = {}
    pending = {p: p for p in paths}
    for _ in range(8):
        if not pending:
            break
        out = subprocess.run(["dpkg", "-S"] + sorted(set(pending.values())),
                             capture_output=True, text=True)
        owned = {}
        for l in out.stdout.splitlines():
            if l.startswith("diversion by") or ": " not in l:
                continue
            pkgs, path = l.split(": ", 1)
            owned[path] = pkgs.split(",")[0].strip().split(":")[0]
        following = {}
        for original, current in pending.items():
            if current in owned:
                result[original] = owned[current]
                continue
            # Not owned as named: /bin vs /usr/bin (merged /usr), or a link.
            alternatives = []
            if current.startswith("/usr/"):
                alternatives.append(current[4:])
            if os.path.islink(current):
                alternatives.append(os.path.join(os.path.dirname(current), os.readlink(current)))
            elif not current.startswith("/usr/") and os.path.exists("/usr" + current):
                alternatives.append("/usr" + current)
            nxt = next((os.path.normpath(a) for a in alternatives if a != current), None)
            if nxt is not None and nxt not in (original,):
                following[original] = nxt
        pending = following
    return result


def installed_packages():
    fmt = "${Package}\\t${db:Status-Abbrev}\\t${Essential}\\t${Priority}\\t${Pre-Depends}, ${Depends}\\t${Provides}\\n"
    out = subprocess.run(["dpkg-query", "-W", "-f=" + fmt], capture_output=True, text=True)
    packages = {}
    providers = {}
    for l in out.stdout.splitlines():
        fields = l.split("\t")
        if len(fields) < 6 or not fields[1].startswith("ii"):
            continue
        name = fields[0]
        groups = []
        for group in fields[4].split(","):
            alts = [re.sub(r"[\s(].*|:.*", "", a.strip()) for a in group.split("|")]
            alts = [a for a in alts if a]
            if alts:
                groups.append(alts)
        packages[name] = {"base": fields[2] == "yes" or fields[3] == "required", "depends": groups}
        for p in fields[5].split(","):
            p = re.sub(r"[\s(].*", "", p.strip())
            if p:
                providers.setdefault(p, []).append(name)
    return packages, providers


def closure(start, packages, providers):
    seen = set()
    stack = [p for p in start if p in packages]
    while stack:
        p = stack.pop()
        if p in seen:
            continue
        seen.add(p)
        for alts in packages[p]["depends"]:
            for a in alts:
                for q in ([a] if a in packages else []) + providers.get(a, []):
                    if q not in seen:
                        stack.append(q)
    return seen


# ------------------------------------------------------------------------ main

def main():
    args = sys.argv[1:]
    dropped = []
    while len(args) >= 2 and args[0] == "--drop":
        dropped.append(args[1])
        args = args[2:]
    if len(args) not in (1, 2):
        fail("usage: check-packages.py [--drop PACKAGE]... SOURCE_ROOT [INSTALL_DEPS_SCRIPT]")
    root = args[0]
    script = args[1] if len(args) == 2 else os.path.join(root, "build-aux", "install-deps.sh")
    listed = listed_packages(script)
    if dropped:
        # The check's own test: with these taken out of the list, it must name each.
        missing = [p for p in dropped if p not in listed]
        if missing:
            fail("cannot drop %s: not in the list" % ", ".join(missing))
        problems = check(root, script, listed - set(dropped), quiet=True)
        unnamed = [p for p in dropped
                   if not any(q.startswith("package %s is missing" % p) for q in problems)]
        if unnamed:
            fail("without %s in the list, the check did not name it as missing"
                 % ", ".join(unnamed))
        for q in problems:
            print("as expected: " + q)
        return
    problems = check(root, script, listed)
    if problems:
        for p in problems:
            print("check-packages: " + p, file=sys.stderr)
        print("check-packages: %s is incomplete (%d problem%s)" %
              (os.path.relpath(script, root), len(problems), "" if len(problems) == 1 else "s"),
              file=sys.stderr)
        sys.exit(1)
    print("check-packages: everything used comes from the %d packages listed in %s"
          % (len(listed), os.path.relpath(script, root)))


def check(root, script, listed, quiet=False):
    """Returns what is wrong, one sentence each."""

    needs = []
    for rel in source_files(root):
        name = os.path.basename(rel)
        path = os.path.join(root, rel)
        if name == "meson.build":
            scan_meson(rel, read(path), needs)
        elif name.endswith((".c", ".h")):
            scan_c(rel, read(path), needs)
        elif name.endswith(".py"):
            scan_python(rel, read(path), needs, root)
        elif name.endswith(".sh") or rel == os.path.join(".ci", "run"):
            scan_shell(rel, read(path), needs)

    builtins = shell_builtins()
    needs = [n for n in needs if n.what not in builtins]
    for n in list(needs):
        for implied in IMPLIED.get(os.path.basename(n.what), []):
            needs.append(Need(implied, n.where + " (through %s)" % n.what))

    seen = {n.what for n in needs}
    unseen = [e for e in EXPECTED if e not in seen]
    if unseen:
        fail("the scan of the sources no longer sees %s: fix the scan in tests/check-packages.py, "
             "or take what is no longer used out of its EXPECTED list" % ", ".join(unseen))

    packages, providers = installed_packages()
    not_installed = sorted(p for p in listed if p not in packages)
    accepted = closure(listed, packages, providers) | {p for p, v in packages.items() if v["base"]}

    problems = []
    by_what = {}
    for n in needs:
        by_what.setdefault(n.what, []).append(n)
    files = {}
    for what, group in sorted(by_what.items()):
        path = find_file(group[0])
        if path is None:
            if what in OPTIONAL:
                continue
            problems.append("%s (used at %s) is not installed here, so its package is unknown: "
                            "install it, and add its package to the packages list"
                            % (what, group[0].where))
            continue
        files[what] = path
    owner = owners(list(set(files.values())))

    report = []
    for what, path in sorted(files.items()):
        group = by_what[what]
        package = owner.get(path)
        if package is None:
            if what in OPTIONAL:
                continue
            problems.append("%s (%s, used at %s) is not from a Debian package" % (what, path, group[0].where))
            continue
        report.append("%-34s %-28s %s" % (what, package, group[0].where))
        if package in accepted or what in OPTIONAL:
            continue
        problems.append("package %s is missing from the packages list: it ships %s (%s), used at %s"
                        % (package, what, path, ", ".join(n.where for n in group[:3])))

    if not quiet:
        print("\n".join(report))
        if not_installed:
            print("note: listed but not installed here: " + " ".join(not_installed))
    return problems


if __name__ == "__main__":
    main()
