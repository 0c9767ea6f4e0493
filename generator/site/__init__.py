"""Building the site: pages, matrices, charts, the checklist page, exports, links."""
