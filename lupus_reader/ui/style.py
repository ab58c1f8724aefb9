"""Frames, buttons and focus rings drawn in the theme's own border and focus colours (WCAG 1.4.11).

Fusion paints with the palette but draws its outlines as the window colour a
little darker (about 2:1 on light, 1:1 on dark and black) and its focus
rectangle at a third of its opacity. This proxy leaves everything else to
Fusion and draws those marks itself: a 1 px border in ``theme.border``; with
keyboard focus, a 2 px ring in ``theme.focus_ring`` (or, on a surface that
colour does not stand out from, the theme colour that does).
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleOption, QStyleOptionFocusRect, QWidget

from lupus_reader.themes import Theme, contrast_ratio

PE = QStyle.PrimitiveElement
CE = QStyle.ControlElement
FOCUS_WIDTH = 2  # px: a ring of two CSS pixels (WCAG 2.4.13's perimeter)
_HAS_FOCUS = QStyle.StateFlag.State_HasFocus
_SUNKEN = QStyle.StateFlag.State_Sunken | QStyle.StateFlag.State_On


def focus_colour(theme: Theme, background: str) -> str:
    """The theme's focus ring, or the first of its colours that stands 3:1 off ``background``."""
    for colour in (theme.focus_ring, theme.highlighted_text, theme.text, theme.window):
        if contrast_ratio(colour, background) >= 3.0:
            return colour
    return theme.focus_ring


def _inside_box(widget: QWidget | None) -> bool:
    """A line edit that is part of a combo or spin box, which draws its frame around both."""
    parent = widget.parentWidget() if widget is not None else None
    return parent is not None and (parent.inherits("QComboBox") or parent.inherits("QAbstractSpinBox"))


class ThemedStyle(QProxyStyle):
    """Fusion, with borders and focus rings that stand 3:1 off what they are drawn on."""

    def __init__(self, theme: Theme) -> None:
        super().__init__("Fusion")
        self.theme = theme

    # -- metrics --------------------------------------------------------------

    def pixelMetric(  # noqa: N802 (Qt API)
        self, metric: QStyle.PixelMetric, option: QStyleOption | None = None, widget: QWidget | None = None
    ) -> int:
        value = super().pixelMetric(metric, option, widget)
        if metric == QStyle.PixelMetric.PM_DefaultFrameWidth:
            return max(value, FOCUS_WIDTH)  # room for the ring outside the viewport it frames
        return value

    # -- drawing --------------------------------------------------------------

    def drawPrimitive(  # noqa: N802 (Qt API)
        self, element: PE, option: QStyleOption, painter: QPainter, widget: QWidget | None = None
    ) -> None:
        if element in (PE.PE_Frame, PE.PE_FrameLineEdit):
            self._frame(option, painter, bool(option.state & _HAS_FOCUS))
        elif element == PE.PE_PanelLineEdit and not _inside_box(widget):
            # Fusion draws a line edit's outline with its panel, not as PE_FrameLineEdit.
            self._fill(painter, option.rect, option.palette.base().color())
            self._frame(option, painter, bool(option.state & _HAS_FOCUS))
        elif element == PE.PE_FrameFocusRect:
            self._focus_rect(option, painter)
        elif element in (PE.PE_PanelButtonCommand, PE.PE_PanelButtonTool):
            self._button(option, painter)
        elif element in (PE.PE_IndicatorCheckBox, PE.PE_IndicatorItemViewItemCheck):
            super().drawPrimitive(element, option, painter, widget)
            self._outline(painter, option.rect, self.theme.border, 1)
        else:
            super().drawPrimitive(element, option, painter, widget)

    def drawControl(  # noqa: N802 (Qt API)
        self, element: CE, option: QStyleOption, painter: QPainter, widget: QWidget | None = None
    ) -> None:
        super().drawControl(element, option, painter, widget)
        if element == CE.CE_TabBarTabShape:
            selected = bool(option.state & QStyle.StateFlag.State_Selected)
            # Qt marks no tab as focused: the current tab of a focused bar is.
            self._tab(option, painter, selected, selected and widget is not None and widget.hasFocus())

    def _frame(self, option: QStyleOption, painter: QPainter, focused: bool) -> None:
        rect = option.rect
        if rect.width() < 3 or rect.height() < 3:
            return
        if focused:
            self._outline(painter, rect, self.theme.focus_ring, FOCUS_WIDTH)
        else:
            self._outline(painter, rect, self.theme.border, 1)

    def _focus_rect(self, option: QStyleOption, painter: QPainter) -> None:
        background = self.theme.base
        if isinstance(option, QStyleOptionFocusRect) and option.backgroundColor.isValid():
            background = option.backgroundColor.name()
        self._outline(painter, option.rect, focus_colour(self.theme, background), FOCUS_WIDTH)

    def _button(self, option: QStyleOption, painter: QPainter) -> None:
        rect = option.rect
        palette = option.palette
        fill = palette.button().color()
        if option.state & _SUNKEN:
            fill = fill.darker(115) if not self.theme.dark else fill.lighter(140)
        elif option.state & QStyle.StateFlag.State_MouseOver:
            fill = fill.darker(105) if not self.theme.dark else fill.lighter(120)
        self._fill(painter, rect, fill)
        if option.state & _HAS_FOCUS:
            self._outline(painter, rect, self.theme.focus_ring, FOCUS_WIDTH)
        else:
            self._outline(painter, rect, self.theme.border, 1)

    def _tab(self, option: QStyleOption, painter: QPainter, selected: bool, focused: bool) -> None:
        """Every tab outlined; the selected one marked by a bar along its outer edge, and ringed when
        the bar has focus."""
        rect = option.rect
        self._outline(painter, rect, self.theme.border, 1)
        if selected:
            bar = QRect(rect.left(), rect.top(), rect.width(), 3)
            self._fill(painter, bar, QColor(self.theme.focus_ring))
        if focused:
            self._outline(painter, rect.adjusted(3, 4, -3, -3), self.theme.focus_ring, FOCUS_WIDTH)

    @staticmethod
    def _fill(painter: QPainter, rect: QRect, colour: QColor) -> None:
        """``rect`` filled with ``colour``, as fillRect does. (fillRect's overloads would make
        PySide build QGradient's five enums, 182 members, on the first call: start-up time.)"""
        painter.save()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawRect(rect)
        painter.restore()

    @staticmethod
    def _outline(painter: QPainter, rect: QRect, colour: str, width: int) -> None:
        """A square ring ``width`` px wide just inside ``rect`` (crisp: no antialiasing)."""
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        pen = QPen(QColor(colour))
        pen.setWidth(1)
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for inset in range(width):
            painter.drawRect(rect.adjusted(inset, inset, -1 - inset, -1 - inset))
        painter.restore()
