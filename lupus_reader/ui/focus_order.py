"""Where Tab goes: in the order the window reads, and only to what is on screen.

Qt orders Tab by when widgets were made (a notice added later came last), and
it moves the panels of tabbed docks that are not shown off the window, still
"visible": Tab walked into them. Hiding them would cost the dock area its
size, so they leave the Tab order by their focus policy instead.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

FOCUS_POLICY = "lupusFocusPolicy"  # a widget's own focus policy, kept while its panel is not shown


def chain_focus(areas: Sequence[QWidget]) -> None:
    """Tab through ``areas`` in this order, and through each area's widgets as they were made
    (findChildren lists them so: top to bottom)."""
    chain = [
        widget
        for area in areas
        for widget in (area, *area.findChildren(QWidget))
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus
    ]
    for first, second in itertools.pairwise(chain):
        QWidget.setTabOrder(first, second)


def set_reachable(panel: QWidget, shown: bool, panels: Sequence[QWidget]) -> None:
    """A side panel's widgets in the Tab order while its tab is shown, out of it while not.

    When another tab is picked while the keyboard is in a panel of ``panels``,
    the keyboard follows to the panel now shown (it would type into one off screen).
    """
    focused = QApplication.focusWidget()
    for widget in (panel, *panel.findChildren(QWidget)):
        saved = widget.property(FOCUS_POLICY)
        if shown and saved is not None:
            widget.setFocusPolicy(Qt.FocusPolicy(saved))
            widget.setProperty(FOCUS_POLICY, None)
        elif not shown and saved is None and widget.focusPolicy() != Qt.FocusPolicy.NoFocus:
            widget.setProperty(FOCUS_POLICY, widget.focusPolicy().value)
            widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    if shown and focused is not None and any(p is not panel and p.isAncestorOf(focused) for p in panels):
        for widget in (panel, *panel.findChildren(QWidget)):
            if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isEnabled():
                widget.setFocus(Qt.FocusReason.TabFocusReason)
                return
