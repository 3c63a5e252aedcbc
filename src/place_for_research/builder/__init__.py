"""What runs inside `mkdocs build`: the hooks (mkdocs_hooks), the custom fences
(spectrum_fence, toy_fence, reading_fence), the figures and toy grids they draw,
the notebook steps and the vendored front-end runtime. Reads the data layer
(place_for_research.data); never the fork tools."""
