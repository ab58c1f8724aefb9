"""The command line read without its subcommands' parsers when it names none (start-up time),
with the same result and the same error messages as the whole parser."""

from __future__ import annotations

import pytest

from lupus_reader.app import build_parser, parse_arguments

WINDOW_LINES = [
    [],
    ["--screenshot", "shot.png", "--data-dir", "data"],
    ["--pack", "a.zip", "--pack", "b", "--section", "guide/one/two", "--text-scale", "150%"],
    ["--theme", "dark", "--self-test"],
    ["--kiosk", "--config", "kiosk.toml"],
]


@pytest.mark.parametrize("words", WINDOW_LINES)
def test_a_window_command_line_reads_as_the_whole_parser_reads_it(words: list[str]) -> None:
    parser, args = parse_arguments(words)
    assert "COMMAND" not in parser.format_usage()  # the quick parser was enough
    assert vars(args) == vars(build_parser().parse_args(words))


@pytest.mark.parametrize(
    ("words", "message"),
    [
        (["serch", "graft"], "invalid choice: 'serch'"),
        (["--text-scale", "999"], "999% is outside 50-300%"),
        (["--theme", "pink"], "invalid choice: 'pink'"),
    ],
)
def test_a_mistake_gets_the_whole_parsers_message(
    words: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        parse_arguments(words)
    assert exit_.value.code == 2
    error = capsys.readouterr().err
    assert message in error
    assert "COMMAND" in error  # the usage line of the whole parser


def test_a_subcommand_and_help_use_the_whole_parser(capsys: pytest.CaptureFixture[str]) -> None:
    _, args = parse_arguments(["search", "graft", "--limit", "3"])
    assert (args.command, args.query, args.limit) == ("search", ["graft"], 3)
    with pytest.raises(SystemExit):
        parse_arguments(["--help"])
    assert "check-pack" in capsys.readouterr().out
