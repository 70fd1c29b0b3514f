#!/usr/bin/env python3
"""Derives the Dangvu Serif fonts from Liberation Serif 2.1.5.

    python3 fonts/derive.py [UPSTREAM_DIR]

UPSTREAM_DIR holds LiberationSerif-{Regular,Bold,Italic,BoldItalic}.ttf
version 2.1.5 (Debian's fonts-liberation2 puts them in
/usr/share/fonts/truetype/liberation2, the default). Needs fontTools
(`pip install fonttools`). The output is deterministic; see fonts/README.md
for why these changes are made.
"""

import hashlib
import sys
from pathlib import Path

from fontTools.ttLib import TTFont
from fontTools.ttLib.tables import ttProgram

STYLES = {
    "Regular": "Regular",
    "Bold": "Bold",
    "Italic": "Italic",
    "BoldItalic": "Bold Italic",
}
FAMILY = "Dangvu Serif"
# Tables that only carry TrueType hinting (grid-fitting for screens); PDF
# viewers and printers do not need them.
HINTING_TABLES = ["fpgm", "prep", "cvt ", "gasp", "hdmx", "LTSH", "VDMX"]


def derive(src: Path, dst: Path, style: str) -> None:
    font = TTFont(src)
    version = font["name"].getDebugName(5)
    if not version or not version.startswith("Version 2.1.5"):
        sys.exit(f"{src}: expected Liberation Serif 2.1.5, found {version!r}")

    for tag in HINTING_TABLES:
        if tag in font:
            del font[tag]
    glyf = font["glyf"]
    for name in glyf.keys():
        glyph = glyf[name]
        if glyph.isComposite() or glyph.numberOfContours > 0:
            glyph.expand(glyf)
            glyph.program = ttProgram.Program()
            glyph.program.fromBytecode(b"")
    maxp = font["maxp"]
    maxp.maxSizeOfInstructions = 0
    maxp.maxFunctionDefs = 0
    maxp.maxInstructionDefs = 0
    maxp.maxStorage = 0
    maxp.maxTwilightPoints = 0
    maxp.maxStackElements = 0
    maxp.maxZones = 1

    # Glyph names are not needed to print or to extract text (PDFs carry a
    # ToUnicode map); format 3 drops them.
    font["post"].formatType = 3.0
    font["post"].extraNames = []
    font["post"].mapping = {}

    # The Reserved Font Name "Liberation" may not name a modified version
    # (SIL OFL 1.1, condition 3), so the family gets a name of its own.
    subfamily = STYLES[style]
    postscript = f"DangvuSerif-{style}"
    names = {
        1: FAMILY,
        2: subfamily,
        3: f"dangvu: {FAMILY} {subfamily}: derived from Liberation Serif 2.1.5",
        4: f"{FAMILY} {subfamily}" if subfamily != "Regular" else FAMILY,
        6: postscript,
    }
    table = font["name"]
    for name_id in (*names, 16, 17, 18, 21, 22):
        table.removeNames(nameID=name_id)
    for name_id, value in names.items():
        table.setName(value, name_id, 3, 1, 0x409)
    # No trademark notice for a name Red Hat does not own.
    table.removeNames(nameID=7)

    # Upstream's timestamps stay, so the files are reproducible.
    font.recalcTimestamp = False
    font.save(dst)


def main() -> None:
    upstream = Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/fonts/truetype/liberation2")
    here = Path(__file__).resolve().parent
    for style in STYLES:
        src = upstream / f"LiberationSerif-{style}.ttf"
        dst = here / f"DangvuSerif-{style}.ttf"
        derive(src, dst, style)
        digest = hashlib.sha256(dst.read_bytes()).hexdigest()[:16]
        print(f"{dst.name}: {dst.stat().st_size} bytes, sha256 {digest}…")


if __name__ == "__main__":
    main()
