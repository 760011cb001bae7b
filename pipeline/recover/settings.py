"""Every threshold recovery uses, in one place, each with the reason for its value.

Like pdfplumber's table settings: one frozen dataclass, validated when made, so a
change of a threshold is one line here and its reason sits next to it.
"""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class Settings:
    """Recovery thresholds (scores are RapidFuzz ratios 0-100 of normalised labels)."""

    # Alignment (align.py)
    min_score: float = 62.0  # below this a label is not the template's: 62 keeps 社会组织 for
    #                          社会公益组织 and clipped labels, rejects neighbouring rows
    blank_row_score: float = 92.0  # a row with no values is read as all-blank only above this:
    #                                a label alone on a line may have lost its values elsewhere
    sink_score: float = 75.0  # an undivided row (（六）其他处理 in a 2021 report) matches above
    #                            this: worded longer (其他处理情况, 80) it must still win over the
    #                            leaf 3.其他 it would otherwise fill (67 via 其他处理其他)
    max_label: int = 80  # longer "labels" are narrative sentences, never a row label
    min_prefix: int = 6  # a label clipped by a narrow PDF cell must keep this many characters
    prefix_penalty: float = 8.0  # a clipped label scores below an uncut one of the same text
    context_rows: int = 12  # label-only rows kept as context (group labels, wrapped headers)

    # Format choice (format.py)
    min_rows_for_format: int = 10  # template rows found to call a document national-format
    min_rows_with_markers: int = 3  # enough where the format's own header words are printed
    #                                 (a crawl cut off after the first tables)
    marker_weight: float = 0.75  # reward per header word only one format prints (本年制发件数)
    decisive_markers: int = 2  # this many markers of one format and none of the other decide it
    tie_margin: float = 0.5  # alignment totals closer than this are a tie, settled by the year

    # Blank tables in flattened text (lines.py)
    min_blank_run: int = 8  # label lines with no value running into the next part's heading
    #                         that make a blank table (a column-wise dump's labels run into values)

    # Placement by column position (placement.py)
    max_offset: float = 0.45  # a value must sit within this share of the column gap
    max_spread: float = 0.5  # complete rows' values of one column may wander this share of the gap
    min_complete_rows: int = 2  # one complete row cannot show that columns stand in line
    min_in_line: float = 0.8  # share of a table's complete rows in runs that stand in line
    #                           for its spaces to be a layout (pdftotext -layout), not chance

    # Messages (status.py)
    max_error_items: int = 12  # items listed in `error` before "(+N more)"

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if value < 0:
                raise ValueError(f"recovery setting {f.name} must be >= 0, got {value}")
        if not 0 < self.min_score <= self.blank_row_score <= 100:
            raise ValueError("recovery settings need 0 < min_score <= blank_row_score <= 100")


SETTINGS = Settings()
