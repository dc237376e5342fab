"""`hygiene answer`: the open questions one by one in the terminal, each saved as soon as it is given.

Each item shows its question with the code excerpt or the data rows it is about. An answer is
typed inline (ended by an empty line) or written in $VISUAL / $EDITOR (`:e`). It is written into
the checklist file right away, merged with the file as it is at that moment, so an interrupted
session (Ctrl-C, a closed terminal) loses nothing already given, and edits made meanwhile in
an editor are kept. An answer that does not count yet is saved anyway (it is the person's text)
and the same question is asked again. Ctrl-C while an answer is being written waits until it is
on disk, so an answer ended with Enter is never lost and the closing count is the file's.
"""
from __future__ import annotations

import contextlib
import signal
import textwrap
import threading
from collections.abc import Callable, Iterator
from typing import TextIO

import click

from hygiene.checklist import Checklist
from hygiene.checklist.rendering import Renderer
from hygiene.checklist.items import Item

SCISSORS = "# ------------------------ >8 ------------------------"
HELP = "Type your answer; an empty line ends it.  :e edit in $EDITOR   :s skip   :q quit"


class Session:
    def __init__(self, checklist: Checklist, ask: Callable[[str], str] = input,
                 out: TextIO | None = None, edit: Callable[[str], str | None] | None = None,
                 color: bool = False) -> None:
        self.checklist = checklist
        self.ask = ask
        self.out = out
        self.edit = edit or _edit
        self.color = color
        self.saved = 0
        self.renderer = Renderer(checklist.config)

    def say(self, text: str = "", **style: object) -> None:
        click.echo(click.style(text, **style) if self.color and style else text, file=self.out)  # type: ignore[arg-type]

    def run(self, include_answered: bool = False) -> int:
        """Walk the items; the number of answers saved."""
        todo = [i for i in self.checklist.live() if include_answered or not i.answered]
        todo.sort(key=lambda i: (not i.required, *i.sort_key()))
        if not todo:
            self.say(f"Nothing to answer: every question in {self.checklist.relpath} has an answer that counts.")
            return 0
        self.say(f"{len(todo)} question{'s' if len(todo) != 1 else ''} to answer; each answer is saved to "
                 f"{self.checklist.relpath} as soon as you give it.")
        try:
            for number, item in enumerate(todo, start=1):
                if not self.walk(item, number, len(todo)):
                    break
        except (KeyboardInterrupt, EOFError):
            self.say("")
            self.say("Stopped.")
        summary = self.checklist.summary()
        self.say(f"{self.saved} answer{'s' if self.saved != 1 else ''} saved to {self.checklist.relpath}; "
                 f"{summary['required_answered']} of {summary['required']} required questions answered.",
                 bold=True)
        return self.saved

    def walk(self, item: Item, number: int, total: int) -> bool:
        """Ask one item until it has an answer that counts or is skipped; False to stop."""
        self.show(item, number, total)
        while True:
            text = self.read_answer(item)
            if text is None:
                return False
            if text == ":s":
                return True
            if not text.strip():
                self.say("(empty: nothing saved; :s skips, :q quits)")
                continue
            updated = self.save(item, text)
            if updated is None:
                self.say("This question is no longer in the checklist; nothing saved.")
                return True
            item.answer, item.verdict = updated.answer, updated.verdict
            if updated.answered:
                self.say("Saved.", fg="green")
                return True
            self.say(f"Saved, but it does not count yet: {updated.verdict}. Answer again, or :s to move on.",
                     fg="yellow")

    def save(self, item: Item, text: str) -> Item | None:
        """Write the answer to the file; a Ctrl-C meanwhile is raised once it is written."""
        with _interrupts_held():
            updated = self.checklist.set_answer(item.id, text)
            if updated is not None:
                self.saved += 1
        return updated

    def read_answer(self, item: Item) -> str | None:
        """The answer typed (None to quit, ":s" to skip)."""
        lines: list[str] = []
        self.say(HELP, dim=True)
        while True:
            try:
                line = self.ask("> " if not lines else ". ")
            except (KeyboardInterrupt, EOFError):
                if lines:  # what was typed is the person's text: keep it before stopping
                    self.save(item, "\n".join(lines))
                    self.say("")
                    self.say("Saved what you typed.")
                raise
            command = line.strip()
            if not lines and command in (":q", ":quit"):
                return None
            if not lines and command in (":s", ":skip"):
                return ":s"
            if not lines and command in (":e", ":edit"):
                edited = self.edit(editor_text(item))
                if edited is None:
                    self.say("(editor closed without saving; nothing changed)")
                    continue
                return strip_editor_text(edited)
            if not command:
                return "\n".join(lines)
            lines.append(line)

    def show(self, item: Item, number: int, total: int) -> None:
        need = "required" if item.required else "optional"
        where = f"{item.path}:{item.line}" if item.path and item.line else item.path
        label = item.rule or {"data": "data", "repo": "study"}.get(item.kind, item.kind)
        self.say("")
        self.say(f"[{number}/{total}] {label}  {where}  ({item.severity}, {need})", bold=True)
        self.say(_plain(item.title), bold=True)
        if item.detail:
            self.say(_wrap(item.detail))
        if item.excerpt is not None:
            self.say("")
            self.say(textwrap.indent(item.excerpt.text(), "  "))
        if item.sample is not None and item.sample.rows:
            self.say("")
            if self.renderer.table_fits(item.sample):
                self.say(textwrap.indent(self.renderer.sample_table(item.sample), "  "))
            else:
                for line, values in item.sample.rows:
                    self.say(f"  {self.renderer.row_heading(item.sample, line)}")
                    self.say(textwrap.indent(self.renderer.row_text(item.sample, values), "    "))
        self.say("")
        self.say(_wrap("Question: " + item.question), bold=True)
        if item.answer.strip():
            state = "counts" if item.answered else f"does not count yet: {item.verdict}"
            self.say(f"Current answer ({state}):")
            self.say(textwrap.indent(item.answer.strip(), "  | "))


@contextlib.contextmanager
def _interrupts_held() -> Iterator[None]:
    """Hold SIGINT for the block (a save: read, merge, write), then raise KeyboardInterrupt if
    one came. An interrupt in the middle would leave the answer out of the file while the
    in-memory checklist, and so the closing count, had it."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.getsignal(signal.SIGINT)
    if previous in (signal.SIG_IGN, None):
        yield
        return
    pending: list[int] = []
    signal.signal(signal.SIGINT, lambda signum, frame: pending.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if pending:
        raise KeyboardInterrupt


def editor_text(item: Item) -> str:
    about = [f"# {line}" if line else "#" for line in _wrap("Question: " + item.question).split("\n")]
    if item.excerpt is not None:
        about += ["#"] + [f"# {line}" for line in item.excerpt.text().split("\n")]
    return "\n".join([item.answer.strip(), "", SCISSORS,
                      "# Write your answer above this line; everything from the line above on is ignored.",
                      f"# {_plain(item.title)}", *about, ""])


def strip_editor_text(text: str) -> str:
    return text.split(SCISSORS, 1)[0].strip("\n")


def _edit(text: str) -> str | None:
    return click.edit(text, extension=".md", require_save=True)


def _plain(text: str) -> str:
    return text.replace("`", "")


def _wrap(text: str) -> str:
    return "\n".join(textwrap.fill(part, width=100) if part else "" for part in text.split("\n"))
