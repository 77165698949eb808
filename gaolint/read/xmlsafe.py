"""Guards and small helpers shared by the markup readers (.docx and .html).

A .docx is a zip of XML parts, and both zips and XML have classic denial-of-service tricks:
zip bombs (a tiny member that inflates to gigabytes), compression methods whose decoder cannot
be bounded, and XML entity expansion ("billion laughs"). ``open_docx_zip`` checks the archive
*before* any library reads it: the zip directory for every member (sizes, ratios, methods),
and the XML parts a reader is about to parse inflated in bounded reads and scanned (no DTD or
entities, a bounded element count). A part nothing parses is never inflated.

``join_cell_lines`` is the one rule both readers use to turn a table cell's several lines into
one line, so that a cell looks the same whichever container it came from.
"""

from __future__ import annotations

import re
import struct
import zipfile
from collections.abc import Iterable
from io import BytesIO

from .base import UnreadableFile
from .limits import MAX_COMPRESSION_RATIO, MAX_INFLATED_BYTES, MAX_XML_ELEMENTS

#: An OLE2 compound file: a legacy .doc, or an encrypted/password-protected .docx (Office
#: wraps encrypted OOXML in OLE2).
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: A zip archive with more members than this is not a Word document a person wrote.
MAX_ZIP_MEMBERS = 5000
#: Members smaller than this cannot hurt however well they compress, so the ratio check
#: ignores them (tiny XML parts of repeated spaces legitimately compress very well).
RATIO_CHECK_FLOOR = 64 * 1024
_READ_CHUNK = 1024 * 1024
_MAIN_DOCUMENT = "word/document.xml"
_DTD_MARKERS = (b"<!doctype", b"<!entity")


class DocxArchive:
    """A checked .docx zip: every member listed, sizes and compression verified from the zip
    directory; XML parts inflated and scanned (DTD/ENTITY, element count) only when a reader
    is about to parse them (``check_parts``)."""

    def __init__(self, zf: zipfile.ZipFile, names: set[str], data: bytes = b"") -> None:
        self.zip = zf
        self.names = names
        #: The archive's bytes as opened (see ``_supported_versions``): what python-docx reads.
        self.data = data
        #: XML parts by name (by extension and by ``[Content_Types].xml``), set by open_docx_zip.
        self.xml_parts: set[str] = set()
        #: Parts inflated and scanned so far, and the elements counted in them.
        self.checked: dict[str, bytes] = {}
        self.elements = 0

    def read(self, name: str, limit: int = MAX_INFLATED_BYTES) -> bytes:
        """Read one member, never more than ``limit`` bytes, in chunks (a bounded read); a part
        already checked is not inflated again."""
        checked = self.checked.get(name)
        if checked is not None:
            return checked
        return bounded_read(self.zip, name, limit)

    def check_parts(self, names: Iterable[str]) -> None:
        """Inflate and scan the XML parts among ``names`` not yet checked, before anything
        parses them: refused if one declares a DOCTYPE or ENTITY, or if the parts checked so
        far hold more than ``MAX_XML_ELEMENTS`` elements in all."""
        for name in sorted(set(names) & self.xml_parts - self.checked.keys()):
            part = self.read(name, MAX_XML_PART_BYTES + 1)
            if len(part) > MAX_XML_PART_BYTES:  # the declared size was wrong
                raise _part_too_big(name, len(part))
            if declares_dtd(part):
                raise UnreadableFile(
                    f"文档的 XML 部件 {name} 含有 DOCTYPE/ENTITY 声明（可能是实体扩展攻击），拒绝读取"
                    f" / XML part {name} declares a DOCTYPE or ENTITY (possible entity-expansion attack)"
                )
            self.elements += part.count(b"<") - part.count(b"</")  # an upper bound: start and empty tags
            if self.elements > MAX_XML_ELEMENTS:
                raise UnreadableFile(
                    f"文档的 XML 元素超过 {MAX_XML_ELEMENTS} 个，拒绝读取（真实报告约数万个）"
                    f" / the document has more than {MAX_XML_ELEMENTS} XML elements (a real report has tens"
                    f" of thousands); refused before parsing"
                )
            self.checked[name] = part

    def check_all(self) -> None:
        """Check every XML part: before a package reader (python-docx) that parses them all."""
        self.check_parts(self.xml_parts)


def bounded_read(zf: zipfile.ZipFile, name: str, limit: int) -> bytes:
    """Inflate one member, stopping with UnreadableFile if it exceeds ``limit`` bytes.

    zipfile already stops at the declared size, but the declared size is the attacker's
    number; this cap is ours."""
    parts: list[bytes] = []
    total = 0
    try:
        with zf.open(name) as handle:
            while True:
                chunk = handle.read(min(_READ_CHUNK, limit + 1 - total))
                if not chunk:
                    break
                total += len(chunk)
                if total > limit:
                    raise UnreadableFile(_too_big())
                parts.append(chunk)
    except UnreadableFile:
        raise
    except Exception as error:  # BadZipFile (CRC), zlib.error, EOFError, RuntimeError...
        raise UnreadableFile(f"压缩包内容损坏 / corrupt archive member {name}: {error}") from None
    return b"".join(parts)


#: Largest XML part read: a real document.xml is a few MB; a run per character for a whole
#: report (``MAX_XML_ELEMENTS`` elements of ~150 bytes) under 40 MB. Checked on the declared
#: size before the part is inflated, and on the inflated bytes.
MAX_XML_PART_BYTES = 48 * 1024 * 1024


#: ``[Content_Types].xml`` lists a few dozen types (2 KB); it is searched with regexes as text.
MAX_CONTENT_TYPES_BYTES = 1024 * 1024


def _part_too_big(name: str, size: int) -> UnreadableFile:
    limit = MAX_CONTENT_TYPES_BYTES if name == "[Content_Types].xml" else MAX_XML_PART_BYTES
    return UnreadableFile(
        f"文档的 XML 部件 {name} 过大（{size} 字节，上限 {limit} 字节） / XML part {name} is too large"
        f" ({size} bytes; the limit is {limit} bytes)"
    )


def _too_big() -> str:
    return (
        f"文件解压后过大（上限 {MAX_INFLATED_BYTES // (1024 * 1024)} MB），可能是压缩炸弹"
        " / the archive inflates beyond the size limit (possible zip bomb)"
    )


def open_docx_zip(data: bytes) -> DocxArchive:
    """Check ``data`` is a .docx gaolint can open safely; return the opened archive.

    Raises UnreadableFile for: OLE2 files (legacy .doc or encrypted .docx), non-zip data,
    encrypted members, compression methods other than stored/deflate, too many members,
    total inflated size over ``MAX_INFLATED_BYTES``, a member compressed more than
    ``MAX_COMPRESSION_RATIO`` times, an XML part declared larger than ``MAX_XML_PART_BYTES``
    (all of these from the zip directory, nothing inflated), a missing ``word/document.xml``,
    and, among the parts the reader parses (``PARTS_READ``), one that declares a DOCTYPE or
    ENTITY or more than ``MAX_XML_ELEMENTS`` elements in all. The other parts are scanned only
    when python-docx is about to read them (``DocxArchive.check_all``): inflating a Word-saved
    report's 790 KB styles part to scan it was most of reading the file."""
    if data.startswith(OLE_MAGIC):
        raise UnreadableFile(
            "这是加密的 Word 文档或旧版 .doc 文件（OLE 复合文档），无法读取；请另存为未加密的 .docx"
            " / this is an encrypted Word document or a legacy .doc file (OLE compound file);"
            " save it as an unencrypted .docx"
        )
    if data.lstrip()[:5].lower() == b"{\\rtf":
        raise UnreadableFile("这是 RTF 文件而不是 .docx / this is an RTF file, not a .docx")
    data = _supported_versions(data)
    try:
        zf = zipfile.ZipFile(BytesIO(data))
        infos = zf.infolist()
    except NotImplementedError as error:  # a zip64 archive claiming an unknown zip version
        raise UnreadableFile(f"不支持的 zip 格式 / unsupported zip format ({error}); 请用 Word 另存 / save it again in Word") from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as error:
        raise UnreadableFile(f"不是有效的 .docx（zip）文件 / not a valid .docx (zip) file: {error}") from None
    if len(infos) > MAX_ZIP_MEMBERS:
        raise UnreadableFile(f"压缩包成员过多（{len(infos)}） / too many archive members ({len(infos)})")
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise UnreadableFile("文档已加密，无法读取 / the document is encrypted")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            # bzip2/lzma decoders in zipfile cannot be bounded per call: refuse them.
            raise UnreadableFile(
                f"不支持的压缩方式（{info.compress_type}） / unsupported compression method in {info.filename}"
            )
        total += info.file_size
        if total > MAX_INFLATED_BYTES:
            raise UnreadableFile(_too_big())
        if info.file_size > RATIO_CHECK_FLOOR and info.file_size > MAX_COMPRESSION_RATIO * max(info.compress_size, 1):
            raise UnreadableFile(
                f"压缩比异常（{info.filename}），可能是压缩炸弹"
                f" / member {info.filename} is compressed more than {MAX_COMPRESSION_RATIO}:1 (possible zip bomb)"
            )
    names = {info.filename for info in infos}
    if _MAIN_DOCUMENT not in names:
        raise UnreadableFile("不是 Word 文档：缺少 word/document.xml / not a Word document: word/document.xml is missing")
    archive = DocxArchive(zf, names, data)
    archive.xml_parts = _xml_members(archive)
    members = {info.filename: info for info in infos}
    for name in sorted(archive.xml_parts):  # declared sizes: the zip directory, nothing inflated
        if members[name].file_size > MAX_XML_PART_BYTES:
            raise _part_too_big(name, members[name].file_size)
    archive.check_parts(PARTS_READ)
    return archive


#: The parts the reader parses itself (the package relationships, the content types, the main
#: document): checked by ``open_docx_zip``. Other parts are checked only if python-docx is
#: needed (``DocxArchive.check_all``), since it parses every part it knows.
PARTS_READ = ("[Content_Types].xml", "_rels/.rels", _MAIN_DOCUMENT)


def _supported_versions(data: bytes) -> bytes:
    """``data`` with every central-directory "version needed to extract" above what zipfile
    knows (6.3) set to 2.0, which is what a deflated or stored member needs.

    The field is only a claim (a generator that writes 14.8 still deflates), yet zipfile
    refuses the whole archive on it with NotImplementedError. Members are still checked as
    always (compression method, sizes, CRC), so nothing else is trusted more. Archives whose
    directory is not where the end record says (zip64, data prepended) are left as they are."""
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if end < 0 or end + 22 > len(data):
        return data
    size, offset = struct.unpack_from("<II", data, end + 12)
    if offset + size > end:
        return data
    patched: bytearray | None = None
    position = offset
    while position + 46 <= offset + size and data[position:position + 4] == b"PK\x01\x02":
        if data[position + 6] > zipfile.MAX_EXTRACT_VERSION:
            if patched is None:
                patched = bytearray(data)
            patched[position + 6] = 20
        name, extra, comment = struct.unpack_from("<HHH", data, position + 28)
        position += 46 + name + extra + comment
    return data if patched is None else bytes(patched)


def _xml_members(archive: DocxArchive) -> set[str]:
    """Members a package reader will parse as XML: by name (.xml, .rels) and by the content
    types ``[Content_Types].xml`` assigns (a hostile file can give an XML part any name)."""
    found = {n for n in archive.names if n.lower().endswith((".xml", ".rels")) and not n.endswith("/")}
    types_name = "[Content_Types].xml"
    if types_name not in archive.names:
        return found
    declared = archive.zip.getinfo(types_name).file_size
    if declared > MAX_CONTENT_TYPES_BYTES:
        raise _part_too_big(types_name, declared)
    raw = archive.read(types_name, MAX_CONTENT_TYPES_BYTES)
    if declares_dtd(raw):
        return found  # reported by the caller's scan of found, which includes this member
    text = _xml_text(raw)
    xml_exts: set[str] = set()
    xml_parts: set[str] = set()
    for kind, attributes in re.findall(r"<\s*(?:\w+:)?(Default|Override)\b([^>]*)>", text):
        content_type = _attribute(attributes, "ContentType")
        if not _is_xml_type(content_type):
            continue
        if kind == "Default":
            xml_exts.add(_attribute(attributes, "Extension").lower())
        else:
            xml_parts.add(_attribute(attributes, "PartName").lstrip("/").lower())
    for name in archive.names:  # OPC part names compare case-insensitively
        if name.lower() in xml_parts or name.rsplit(".", 1)[-1].lower() in xml_exts:
            found.add(name)
    return found


def _xml_text(raw: bytes) -> str:
    """Decode a small XML part written in UTF-8 or UTF-16 (with or without BOM)."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16", errors="ignore")
    if b"\x00" in raw[:64]:
        return raw.decode("utf-16-le" if raw[1:2] == b"\x00" else "utf-16-be", errors="ignore")
    return raw.decode("utf-8", errors="ignore")


def _attribute(attributes: str, name: str) -> str:
    match = re.search(rf"""\b{name}\s*=\s*["']([^"']*)["']""", attributes)
    return match.group(1) if match else ""


def _is_xml_type(content_type: str) -> bool:
    content_type = content_type.lower()
    return content_type.endswith("xml") and not content_type.startswith("image/")


def declares_dtd(raw: bytes) -> bool:
    """True when an XML document contains ``<!DOCTYPE`` or ``<!ENTITY`` in any encoding an
    XML parser would accept here (UTF-8, UTF-16, UTF-32).

    The markers are ASCII, so in each encoding they are fixed byte strings: the part is
    searched for all of them in ``_SCAN_CHUNK`` pieces, lower-cased bytes, never decoded
    (decoding a whole 90 MB part as UTF-16 and UTF-32 took 14 s and 588 MB). Memory stays at a
    chunk; a marker across two chunks is found through the overlap kept between them."""
    wide = b"\x00" in raw[:512]
    if not wide and (b"!" not in raw or b"<!" not in raw):  # a memchr settles almost every part
        return False
    markers = _DTD_WIDE_MARKERS if wide else _DTD_MARKERS
    keep = max(len(marker) for marker in markers) - 1
    tail = b""
    for start in range(0, len(raw), _SCAN_CHUNK):
        window = tail + raw[start:start + _SCAN_CHUNK].lower()
        if any(marker in window for marker in markers):
            return True
        tail = window[-keep:]
    return False


_SCAN_CHUNK = 1024 * 1024
#: The markers as UTF-8 and as UTF-16/UTF-32 of either byte order write them.
_DTD_WIDE_MARKERS = _DTD_MARKERS + tuple(
    marker.decode("ascii").encode(codec) for marker in _DTD_MARKERS
    for codec in ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
)


def is_cjk(ch: str) -> bool:
    """Wide East Asian characters (ideographs, kana, hangul, CJK and full-width punctuation);
    full-width digits and letters count as Latin/digit, not CJK."""
    o = ord(ch)
    if 0xFF10 <= o <= 0xFF19 or 0xFF21 <= o <= 0xFF3A or 0xFF41 <= o <= 0xFF5A:
        return False
    return (
        0x2E80 <= o <= 0x9FFF
        or 0xAC00 <= o <= 0xD7AF
        or 0xF900 <= o <= 0xFAFF
        or 0xFE30 <= o <= 0xFE4F
        or 0xFF00 <= o <= 0xFF60
        or 0xFFE0 <= o <= 0xFFE6
        or 0x20000 <= o <= 0x3FFFF
    )


def join_cell_lines(parts: list[str]) -> str:
    """Join a cell's lines into one: nothing between pieces when either side of the joint is
    CJK (a header wrapped inside its cell: 本年收费金额 / （单位：万元） reads as one phrase),
    a space between two Latin/digit runs (``12`` / ``34`` must not silently become 1234)."""
    result = ""
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if result and not is_cjk(result[-1]) and not is_cjk(part[0]):
            result += " "
        result += part
    return result


def count_cjk(text: str) -> int:
    """Number of CJK ideographs: the measure of "how much of the report" a page region holds.

    One regex pass in C (the HTML reader counts whole subtrees on their UTF-8 bytes instead:
    ``html._cjk_in_utf8``)."""
    return len(_CJK_IDEOGRAPH.findall(text)) if text else 0


_CJK_IDEOGRAPH = re.compile("[\u4e00-\u9fff\u3400-\u4dbf]")
