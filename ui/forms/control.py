"""Control's own entries: fire an inject, adjust an indicator, add a note, set a bookmark."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QLabel, QLineEdit, QWidget

from engine.domain.state import SessionState
from engine.domain.visibility import revealing_effects
from engine.scenario.model import Scenario
from ui import theme
from ui.forms.base import EntryForm, Submit, record_combo
from ui.i18n import QT_TRANSLATE_NOOP, translate


def paragraphs(text: str) -> str:
    """A scenario's text as it reads: the file's line breaks inside a paragraph joined,
    blank lines kept between paragraphs."""
    return "\n\n".join(" ".join(p.split()) for p in text.strip().split("\n\n") if p.strip())


class InjectForm(EntryForm):
    title = QT_TRANSLATE_NOOP("EntryForm", "Fire an inject")
    ok_text = QT_TRANSLATE_NOOP("EntryForm", "Fire")

    def __init__(
        self,
        scenario: Scenario,
        submit: Submit,
        *,
        state: SessionState,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(scenario, submit, parent)
        fired = {i.inject for i in state.injects}
        self.inject = record_combo(self)
        due_first = sorted(
            scenario.injects,
            key=lambda i: (i.id in fired, i.round != state.round, i.round or 99),
        )
        for inject in due_first:
            tags = []
            if inject.round:
                tags.append(f"round {inject.round}")
            teams = [t.name for t in scenario.teams if t.id in (inject.visibility or ())]
            tags.append("public" if inject.public else "private: " + ", ".join(teams))
            if inject.id in fired:
                tags.append("fired")
            self.inject.addItem(f"{inject.title} ({'; '.join(tags)})", inject.id)
        self.add_row(translate("InjectForm", "&Inject"), self.inject, "injectChoice")
        self.text = QLabel("", self)
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)  # author text
        self.text.setStyleSheet(f"color: {theme.MUTED}")
        self.add_row(translate("InjectForm", "Text"), self.text, "injectText")
        self.notes = QLabel("", self)
        self.notes.setWordWrap(True)
        self.notes.setTextFormat(Qt.TextFormat.PlainText)
        self.add_row(translate("InjectForm", "Control notes"), self.notes, "injectControlNotes")
        self.warning = QLabel("", self)
        self.warning.setWordWrap(True)
        self.warning.setTextFormat(Qt.TextFormat.PlainText)
        self.warning.setStyleSheet(f"color: {theme.WARNING}")
        self.add_row("", self.warning, "injectRevealWarning")
        self.inject.currentIndexChanged.connect(self._show_text)
        self._show_text()
        self.inject.setFocus()

    def _show_text(self) -> None:
        inject = self.scenario.inject(self.inject.currentData() or "")
        self.text.setText(paragraphs(inject.text) if inject else "")
        self.notes.setText(inject.control_notes.strip() if inject else "")
        self.notes.setVisible(bool(inject and inject.control_notes.strip()))
        self.form.setRowVisible(self.notes, self.notes.isVisible())
        shown = revealing_effects(inject.id, self.scenario) if inject else ()
        names = [self.scenario.value_name(key) for key in shown]
        self.warning.setText(
            translate("InjectForm", "This inject is private, but it moves what others can see: ")
            + ", ".join(names)
            + translate("InjectForm", ". The room will see those meters change.")
            if names
            else ""
        )
        self.form.setRowVisible(self.warning, bool(names))

    def problem(self) -> str | None:
        return (
            None
            if self.inject.currentData()
            else translate("InjectForm", "This scenario has no injects.")
        )

    def values(self) -> dict[str, Any]:
        return {"inject": self.inject.currentData()}


class AdjustForm(EntryForm):
    title = QT_TRANSLATE_NOOP("EntryForm", "Adjust an indicator")
    ok_text = QT_TRANSLATE_NOOP("EntryForm", "Adjust")

    def __init__(
        self,
        scenario: Scenario,
        submit: Submit,
        *,
        state: SessionState,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(scenario, submit, parent)
        self.key = QComboBox(self)
        for key, indicator in scenario.indicator_keys().items():
            rest = key.split(".")[1:]
            who = f" ({' in '.join(rest)})" if rest else ""
            value = state.indicators.get(key, indicator.initial)
            self.key.addItem(f"{indicator.name}{who}: {value:g}", key)
        self.add_row(translate("AdjustForm", "&Indicator"), self.key, "adjustKey")
        self.delta = QDoubleSpinBox(self)
        self.delta.setRange(-1000, 1000)
        self.delta.setDecimals(1)
        self.delta.setSingleStep(1)
        self.add_row(translate("AdjustForm", "&Change by"), self.delta, "adjustDelta")
        self.reason = QLineEdit(self)
        self.reason.setPlaceholderText(translate("AdjustForm", "Why (Control's record)"))
        self.add_row(translate("AdjustForm", "&Reason"), self.reason, "adjustReason")
        self.key.setFocus()

    def problem(self) -> str | None:
        if self.delta.value() == 0:
            return translate("AdjustForm", "A change of 0 changes nothing.")
        if not self.reason.text().strip():
            return translate("AdjustForm", "Give the reason for the adjustment.")
        return None

    def values(self) -> dict[str, Any]:
        return {
            "key": self.key.currentData(),
            "delta": self.delta.value(),
            "reason": self.reason.text().strip(),
        }


class NoteForm(EntryForm):
    title = QT_TRANSLATE_NOOP("EntryForm", "Add a note")
    ok_text = QT_TRANSLATE_NOOP("EntryForm", "Add")

    def __init__(self, scenario: Scenario, submit: Submit, parent: QWidget | None = None) -> None:
        super().__init__(scenario, submit, parent)
        self.text = self.add_row(
            translate("NoteForm", "&Note"),
            self.text_edit(translate("NoteForm", "Control's own note"), lines=5),
            "noteText",
        )
        self.text.setFocus()

    def problem(self) -> str | None:
        return (
            None if self.text.toPlainText().strip() else translate("NoteForm", "The note is empty.")
        )

    def values(self) -> dict[str, Any]:
        return {"text": self.text.toPlainText().strip()}


class BookmarkForm(EntryForm):
    title = QT_TRANSLATE_NOOP("EntryForm", "Set a bookmark")
    ok_text = QT_TRANSLATE_NOOP("EntryForm", "Set")

    def __init__(self, scenario: Scenario, submit: Submit, parent: QWidget | None = None) -> None:
        super().__init__(scenario, submit, parent)
        self.label = QLineEdit(self)
        self.label.setPlaceholderText(translate("BookmarkForm", "e.g. Breakthrough on Yongbyon"))
        self.add_row(translate("BookmarkForm", "&Label"), self.label, "bookmarkLabel")
        self.label.setFocus()

    def problem(self) -> str | None:
        return (
            None
            if self.label.text().strip()
            else translate("BookmarkForm", "Give the bookmark a label.")
        )

    def values(self) -> dict[str, Any]:
        return {"label": self.label.text().strip()}
