# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Stamp a copy of a classified document with who reads it, when, and its
level: the stored original is never changed, only the bytes served."""

import io
import logging

from PIL import Image, ImageDraw, ImageFont

from odoo.tools.pdf import PdfFileReader, PdfFileWriter

_logger = logging.getLogger(__name__)

# A CJK font for the reader's name on images (Debian's fonts-noto-cjk, which
# the suite's setup installs with wkhtmltopdf); Pillow's own font otherwise.
CJK_FONTS = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
)


def _image_font(size):
    for path in CJK_FONTS:
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            continue
    return ImageFont.load_default(size)


def watermark_pdf(data, lines):
    """The PDF ``data`` with every page stamped with ``lines`` (a list of
    strings), diagonally across the page and once in clear at its foot."""
    from reportlab.lib import colors  # noqa: PLC0415
    from reportlab.pdfbase import pdfmetrics  # noqa: PLC0415
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont  # noqa: PLC0415
    from reportlab.pdfgen import canvas  # noqa: PLC0415

    cjk = "STSong-Light"
    if cjk not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(cjk))
    original = PdfFileReader(io.BytesIO(data), strict=False, overwriteWarnings=False)
    packet = io.BytesIO()
    can = canvas.Canvas(packet)
    for number in range(original.getNumPages()):
        page = original.getPage(number)
        width = float(abs(page.mediaBox.getWidth()))
        height = float(abs(page.mediaBox.getHeight()))
        can.setPageSize((width, height))
        # In clear at the foot of the page, in a font pypdf extracts as text.
        can.setFillColor(colors.Color(0.6, 0, 0, 0.9))
        for index, line in enumerate(reversed(lines)):
            font = "Helvetica" if line.isascii() else cjk
            can.setFont(font, 8)
            can.drawString(20, 12 + 10 * index, line)
        # Diagonally across the page, faint.
        can.saveState()
        can.translate(width / 2, height / 2)
        can.rotate(35)
        can.setFillColor(colors.Color(0.6, 0.6, 0.6, 0.35))
        for index, line in enumerate(lines):
            can.setFont("Helvetica" if line.isascii() else cjk, 18)
            can.drawCentredString(0, 30 - 24 * index, line)
        can.restoreState()
        can.showPage()
    can.save()
    stamp = PdfFileReader(packet, overwriteWarnings=False)
    result = PdfFileWriter()
    for number in range(original.getNumPages()):
        page = original.getPage(number)
        page.mergePage(stamp.getPage(number))
        result.addPage(page)
    output = io.BytesIO()
    result.write(output)
    return output.getvalue()


def watermark_image(data, lines):
    """The image ``data`` with ``lines`` stamped across it, in the same
    format (PNG when Pillow cannot write the original's)."""
    image = Image.open(io.BytesIO(data))
    fmt = image.format or "PNG"
    base = image.convert("RGBA")
    overlay = Image.new("RGBA", base.size, (255, 255, 255, 0))
    draw = ImageDraw.Draw(overlay)
    size = max(10, min(base.size) // 18)
    font = _image_font(size)
    text = "\n".join(lines)
    step_y = size * (len(lines) + 2)
    for top in range(0, base.size[1], step_y):
        draw.multiline_text((size // 2, top), text, font=font, fill=(200, 0, 0, 150))
    stamped = Image.alpha_composite(base, overlay)
    if fmt.upper() in ("JPEG", "JPG", "BMP"):
        stamped = stamped.convert("RGB")
    output = io.BytesIO()
    try:
        stamped.save(output, format=fmt)
    except (OSError, KeyError, ValueError):
        output = io.BytesIO()
        stamped.save(output, format="PNG")
    return output.getvalue()
