# nbconvert config read at build (place_for_research.builder.notebook_outputs.switch_on puts this
# folder on JUPYTER_CONFIG_PATH): after a notebook is executed, its outputs are sanitised.
from nbconvert.exporters.html import HTMLExporter

c = get_config()  # noqa: F821 (traitlets provides it)
c.HTMLExporter.default_preprocessors = [*HTMLExporter().default_preprocessors,
                                        "place_for_research.builder.notebook_outputs.SanitiseOutputs"]
c.HTMLExporter.skip_svg_encoding = False  # an SVG output is an <img> from a data: URL: its scripts never run
