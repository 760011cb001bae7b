"""Template-aware half of the tool: national formats, recovery, checks, outputs."""
