"""Compiled templates kept in memory (pages/render.py MemoryBytecode): taken only for the same source, and,
with a setting, only by an environment whose settings compile that source to the same code."""

from __future__ import annotations

import jinja2

from roadmap_gen.pages.render import MemoryBytecode, compile_setting

SOURCE = "{% if true %}\nyes\n{% endif %}{{ value|upper }}"


def _env(cache: MemoryBytecode, **options: object) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.DictLoader({"page.html": SOURCE}), bytecode_cache=cache,
                             **options)  # type: ignore[arg-type]
    return env


def test_an_environment_with_other_settings_compiles_afresh() -> None:
    cache = MemoryBytecode(setting=compile_setting)
    assert _env(cache).get_template("page.html").render(value="a") == "\nyes\nA"
    # trim_blocks changes the compiled code of the very same source: not taken from the first's.
    assert _env(cache, trim_blocks=True).get_template("page.html").render(value="a") == "yes\nA"
    assert _env(cache).get_template("page.html").render(value="a") == "\nyes\nA"
    # An extension changes what the source parses to; an environment made alike takes what was compiled.
    assert compile_setting(_env(cache, extensions=["jinja2.ext.i18n"])) != compile_setting(_env(cache))
    assert compile_setting(_env(cache)) == compile_setting(_env(cache))


def test_without_a_setting_the_same_source_is_taken_as_compiled() -> None:
    cache = MemoryBytecode()
    compiled: list[str] = []
    real = jinja2.Environment.compile

    class Counting(jinja2.Environment):
        def compile(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            compiled.append("x")
            return real(self, *args, **kwargs)

    for _ in range(2):
        env = Counting(loader=jinja2.DictLoader({"page.html": SOURCE}), bytecode_cache=cache)
        assert env.get_template("page.html").render(value="b") == "\nyes\nB"
    assert compiled == ["x"]
    # A changed source has another checksum: compiled afresh.
    env = Counting(loader=jinja2.DictLoader({"page.html": SOURCE + "!"}), bytecode_cache=cache)
    assert env.get_template("page.html").render(value="b") == "\nyes\nB!"
    assert compiled == ["x", "x"]
