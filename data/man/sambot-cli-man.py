#!/usr/bin/env python3
# Writes the manual page of sambot-cli from its own --help, so every command, its
# arguments and its options are there as the program has them.
# Usage: sambot-cli-man.py SAMBOT_CLI VERSION DATE > sambot-cli.1
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import subprocess
import sys

COMMON_OPTIONS = {'--campaign', '--operator', '--json', '--help', '--version'}


def run_help(cli, *args):
    env = dict(os.environ, LANGUAGE='', LC_ALL='C.UTF-8', LANG='C.UTF-8',
               ASAN_OPTIONS='detect_leaks=0')
    out = subprocess.run([cli, *args, '--help'], env=env, check=True,
                         capture_output=True, text=True)
    return out.stdout


def commands(top_help):
    """The commands listed under "Commands:": one word, or a group and its subcommand."""
    found = []
    in_commands = False
    for line in top_help.splitlines():
        if line.startswith('Commands:'):
            in_commands = True
            continue
        if not in_commands or not re.match(r'^  [a-z]', line):
            continue
        words = line.split()
        name = [words[0]]
        # A subcommand is a lower-case word; a description starts with a capital.
        if len(words) > 1 and re.fullmatch(r'[a-z][a-z-]*', words[1]):
            name.append(words[1])
        found.append(' '.join(name))
    return found


def sections(text):
    """Splits a --help text into its usage line, description paragraphs and options."""
    usage, paragraphs, options, current = None, [], [], None
    for line in text.splitlines():
        if line == 'Usage:':
            current = 'usage'
        elif line.endswith(':') and not line.startswith(' '):
            current = 'options' if line.startswith('Options') else 'other'
        elif not line.strip():
            if current == 'usage' and usage is not None:
                current = 'description'
        elif current == 'usage':
            usage = line.strip()
        elif current == 'description':
            paragraphs.append(line.strip())
        elif current == 'options':
            m = re.match(r'^\s+((?:-\w, )?--[\w-]+(?:=\S+)?)\s+(.*)$', line)
            if m:
                options.append((m.group(1), m.group(2)))
            elif options:
                options[-1] = (options[-1][0], options[-1][1] + ' ' + line.strip())
        elif current == 'other':
            paragraphs.append(line.strip())
    return usage, paragraphs, options


def roff(text, code=False):
    """Escapes text for troff; in code, every hyphen is a minus sign."""
    text = text.replace('\\', '\\e')
    if code:
        text = text.replace('-', '\\-')
    else:
        text = re.sub(r'(?<![\w])-', '\\-', text)
    text = ''.join(c if ord(c) < 128 else '\\[u%04X]' % ord(c) for c in text)
    if text.startswith(('.', "'")):
        text = '\\&' + text
    return text


def option_lines(options, skip_common):
    out = []
    for spec, description in options:
        long_name = re.search(r'--[\w-]+', spec).group(0)
        if skip_common and long_name in COMMON_OPTIONS:
            continue
        names, _, value = spec.partition('=')
        item = '\\fB' + roff(names, code=True) + '\\fR'
        if value:
            item += '=\\fI' + roff(value, code=True) + '\\fR'
        out += ['.TP', item, roff(description)]
    return out


def main():
    cli, version, date = sys.argv[1:4]
    top = run_help(cli)
    _, top_paragraphs, top_options = sections(top)
    out = [
        '.\\" Generated from "sambot-cli --help" by data/man/sambot-cli-man.py: edit that.',
        '.TH SAMBOT\\-CLI 1 "%s" "Sambot %s" "User Commands"' % (date, version),
        '.SH NAME',
        'sambot\\-cli \\- keep a solidarity campaign\'s messages to detainees, without a display',
        '.SH SYNOPSIS',
        '.B sambot\\-cli',
        '[\\fIOPTION\\fR...] \\fICOMMAND\\fR [\\fIARGUMENT\\fR...]',
        '.SH DESCRIPTION',
        '.B sambot\\-cli',
        'does every operation of Sambot without a display: for scripts, for tests and for',
        'working over SSH. It reads and writes the same campaign files as',
        '.BR sambot (1).',
        '.PP',
        'The campaign file comes from \\fB\\-\\-campaign\\fR \\fIFILE\\fR or the',
        '.B SAMBOT_CAMPAIGN',
        'environment variable. Listing and show commands and \\fBstats\\fR take',
        '\\fB\\-\\-json\\fR and then print indented JSON for programs.',
        'Every command takes \\fB\\-\\-help\\fR.',
        '.SH OPTIONS',
        'These options go before the command or after it.',
    ]
    out += option_lines(top_options, skip_common=False)
    out += ['.SH COMMANDS']
    for command in commands(top):
        usage, paragraphs, options = sections(run_help(cli, *command.split()))
        out += ['.SS "%s"' % roff(usage or 'sambot-cli ' + command, code=True)]
        for paragraph in paragraphs:
            out += [roff(paragraph), '.PP']
        if out[-1] == '.PP':
            out.pop()
        out += option_lines(options, skip_common=True)
    out += [
        '.SH ENVIRONMENT',
        '.TP',
        '.B SAMBOT_CAMPAIGN',
        'The campaign file, when \\fB\\-\\-campaign\\fR is not given.',
        '.TP',
        '.B SAMBOT_OPERATOR',
        'The name recorded in the history, when \\fB\\-\\-operator\\fR is not given',
        '(otherwise the real name of the user).',
        '.TP',
        '.B LANGUAGE',
        'Messages are in Khmer with \\fBLANGUAGE=km\\fR and a UTF\\-8 locale.',
        '.SH EXIT STATUS',
        '.TP',
        '.B 0',
        'Done.',
        '.TP',
        '.B 1',
        'The campaign refused: one line on standard error says why and what to do, and',
        'nothing was written.',
        '.TP',
        '.B 2',
        'The command line is wrong: one line says so, with the \\fB\\-\\-help\\fR to read.',
        '.SH FILES',
        'A campaign file (usually named \\fI*.sambot\\fR) is an SQLite database. Reading it',
        'with \\fBsqlite3\\fR(1) is safe; change it only through \\fBsambot\\-cli\\fR or',
        '\\fBsambot\\fR (its triggers need functions that only Sambot provides). The file',
        'docs/campaign\\-file.md in the source tree describes its tables.',
        '.SH EXAMPLES',
        '.nf',
        '.RS',
        'sambot\\-cli demo demo.sambot',
        'sambot\\-cli \\-\\-campaign demo.sambot stats \\-\\-json',
        'export SAMBOT_CAMPAIGN=freethe5.sambot',
        'sambot\\-cli message add \\-\\-office PP \\-\\-sender Anna \\-\\-country FR \\e',
        '    \\-\\-text "Stay strong." \\-\\-to "Ny Sokha"',
        'sambot\\-cli approve PP\\-0001 \\-\\-translation\\-km "..."',
        '.RE',
        '.fi',
        '.SH SEE ALSO',
        '.BR sambot (1),',
        '.BR sqlite3 (1)',
    ]
    print('\n'.join(out))


if __name__ == '__main__':
    main()
