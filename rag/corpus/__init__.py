"""Reading reports: files and their metadata, the section structure of each report, and chunks."""
