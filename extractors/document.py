"""The document model every extractor returns and the pipeline reads.

A `Document` is the ordered sequence of what a report shows: paragraphs and tables.
It knows nothing of the national templates; it only records text, cell geometry
(row, column, spans) and, where the format has pages, the page number.

Example:
    >>> doc = Document(format="text", blocks=(
    ...     Paragraph("一、总体情况"),
    ...     Table(cells=(Cell(0, 0, "规章"), Cell(0, 1, "0"))),
    ... ))
    >>> [type(b).__name__ for b in doc.blocks]
    ['Paragraph', 'Table']
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Cell:
    """One cell of a table, stored once at its top-left position with its spans."""

    row: int
    col: int
    text: str
    row_span: int = 1
    col_span: int = 1
    # Horizontal centre of the text, where the grid's columns are uncertain (text aligned by
    # spaces, whose empty cells leave no delimiter): comparable within one table only.
    x: float | None = None
    # How sure OCR was of the text (0-1, the least of its lines'); None for born-digital text.
    confidence: float | None = None


@dataclass(frozen=True)
class Paragraph:
    """A run of text: a heading, a paragraph, or one line of a flattened table."""

    text: str
    page: int | None = None


@dataclass(frozen=True)
class Table:
    """A table as a set of cells; merged cells appear once with their spans.

    `page` is the page the table starts on (None where the format has no pages);
    `row_pages` optionally gives the page of each row for tables crossing pages.
    `flattened` marks a table rebuilt from flattened text (lines split at tabs, pipes or
    runs of spaces): its cells are where delimiters were, and a blank cell printed as
    nothing may have left no cell at all. Every other table is a real grid (HTML
    `<table>`, Word table, ruled or lineless PDF table): each cell is where it is printed.
    """

    cells: tuple[Cell, ...]
    page: int | None = None
    row_pages: tuple[int, ...] = ()
    flattened: bool = False

    @property
    def n_rows(self) -> int:
        """Number of grid rows, counting those covered by row spans."""
        return max((c.row + c.row_span for c in self.cells), default=0)

    @property
    def n_cols(self) -> int:
        """Number of grid columns, counting those covered by column spans."""
        return max((c.col + c.col_span for c in self.cells), default=0)

    def rows(self) -> list[list[Cell]]:
        """Cells grouped by the row they start in, each row ordered by column."""
        out: list[list[Cell]] = [[] for _ in range(self.n_rows)]
        for cell in self.cells:
            out[cell.row].append(cell)
        for row in out:
            row.sort(key=lambda c: c.col)
        return out

    def row_positions(self) -> list[list[float | None]]:
        """Each grid row's cell centres (`Cell.x`), aligned with `row_texts`."""
        return [[c.x for c in row] for row in self.rows()]

    def row_confidences(self) -> list[list[float | None]]:
        """Each grid row's OCR confidences (`Cell.confidence`), aligned with `row_texts`."""
        return [[c.confidence for c in row] for row in self.rows()]

    def row_texts(self) -> list[list[str]]:
        """Each grid row as a list of cell texts, one per starting cell, in column order.

        A merged cell appears only in the row it starts in: this is how the table
        reads when flattened, which is what the pipeline's recovery expects.
        """
        return [[c.text for c in row] for row in self.rows()]


Block = Paragraph | Table


@dataclass(frozen=True)
class Document:
    """What an extractor recovered from one file, in reading order.

    `title` is a hint from the container (an HTML <title>, DOCX core properties);
    `n_pages` is set by paged formats; `warnings` lists recoverable oddities met
    while reading (undecodable bytes replaced, glyphs without Unicode, ...).
    """

    format: str
    blocks: tuple[Block, ...]
    title: str | None = None
    n_pages: int | None = None
    warnings: tuple[str, ...] = field(default=())
    pages_ocr: int = 0  # pages read by OCR (scans)
    # `label：value` lines the page prints around the report (an HTML info box, its <meta>
    # ContentSource): where the publishing body may be named and nowhere else
    page_info: tuple[str, ...] = field(default=())
    cells_unsure: int = 0  # cells OCR saw ink in but could not read surely

    @property
    def tables(self) -> list[Table]:
        """The tables in reading order."""
        return [b for b in self.blocks if isinstance(b, Table)]

    @property
    def paragraphs(self) -> list[Paragraph]:
        """The paragraphs in reading order."""
        return [b for b in self.blocks if isinstance(b, Paragraph)]
