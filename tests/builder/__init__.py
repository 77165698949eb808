"""Test report builder: one consistent report model, rendered in every shape, one defect at a time.

    spec = sample_spec(seed)                      # or hypothesis: strategies.specs()
    text = render_text(build_document(spec), "pipe")
    data = encode(text, "gb18030-crlf")
    planted = plant(spec, "table3_leaf_changed", seed)   # .document, .expected, .allowed
"""

from .blocks import Cell, Document, Heading, Paragraph, Table, expand
from .defects import DEFECTS, Planted, defects_for, plant
from .document import build_document, table2_block, table3_block, table4_block
from .encode import VARIANTS, decode, encode, normalise, to_traditional
from .spec import ActiveDisclosure, Contact, ReportSpec, check_identities, sample_spec
from .text_shapes import SHAPES, render_text

__all__ = [
    "ActiveDisclosure", "Cell", "Contact", "DEFECTS", "Document", "Heading", "Paragraph",
    "Planted", "ReportSpec", "SHAPES", "Table", "VARIANTS", "build_document", "check_identities",
    "decode", "defects_for", "encode", "expand", "normalise", "plant", "render_text",
    "sample_spec", "table2_block", "table3_block", "table4_block", "to_traditional",
]
