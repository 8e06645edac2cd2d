"""Just enough of a PDF reader to get the text out of chromium's
print-to-PDF output (Skia: PDF 1.4, no object streams, Type0 fonts with
Identity-H encoding and a ToUnicode CMap, Flate-compressed content streams,
forms as XObjects), so the print test needs neither poppler nor pypdf.

`pdf_pages(data)` returns the text of each page, in order: glyphs joined as
they come, with a space between text objects, which is plenty for "does this
page say X / not say Y" (compare with whitespace removed).
"""

from __future__ import annotations

import re
import zlib

_OBJ = re.compile(rb"(\d+) 0 obj\s*(.*?)\s*endobj", re.S)
_REF = rb"(\d+) 0 R"


def _objects(data: bytes) -> dict[int, tuple[bytes, bytes | None]]:
    """number -> (dictionary text, decoded stream or None)."""
    out: dict[int, tuple[bytes, bytes | None]] = {}
    for match in _OBJ.finditer(data):
        body = match.group(2)
        stream = None
        at = body.find(b"stream")
        if at >= 0:
            head = body[:at]
            raw = body[at + len(b"stream"):]
            raw = raw[2:] if raw.startswith(b"\r\n") else raw[1:]
            length = re.search(rb"/Length (\d+)(?! 0 R)", head)
            raw = raw[: int(length.group(1))] if length else raw.rsplit(b"endstream", 1)[0]
            stream = zlib.decompress(raw) if b"/FlateDecode" in head else raw
            body = head
        out[int(match.group(1))] = (body, stream)
    return out


def _hex(text: bytes) -> bytes:
    return bytes.fromhex(text.decode("ascii"))


def _cmap(stream: bytes) -> dict[bytes, str]:
    table: dict[bytes, str] = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", stream, re.S):
        for src, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            table[_hex(src)] = _hex(dst).decode("utf-16-be", "replace")
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", stream, re.S):
        for lo, hi, rest in re.findall(
                rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]+>|\[[^\]]*\])", block):
            start, end, width = int(lo, 16), int(hi, 16), len(lo) // 2
            if rest.startswith(b"["):
                targets = [_hex(t).decode("utf-16-be", "replace")
                           for t in re.findall(rb"<([0-9A-Fa-f]+)>", rest)]
                for i, target in enumerate(targets):
                    table[(start + i).to_bytes(width, "big")] = target
            else:
                first = _hex(rest[1:-1])
                base = int.from_bytes(first, "big")
                for code in range(start, end + 1):
                    value = (base + code - start).to_bytes(len(first), "big")
                    table[code.to_bytes(width, "big")] = value.decode("utf-16-be", "replace")
    return table


def _names(body: bytes, key: bytes) -> dict[bytes, int]:
    """/Key <</Name 12 0 R ...>> -> {Name: 12}."""
    match = re.search(rb"/" + key + rb"\s*<<(.*?)>>", body, re.S)
    if not match:
        return {}
    return {name: int(num) for name, num in re.findall(rb"/([^\s/<>\[\]]+)\s+" + _REF, match.group(1))}


_TOKEN = re.compile(rb"<([0-9A-Fa-f\s]*)>|\[|\]|/([^\s/<>\[\]()]+)|(-?\d*\.?\d+)|([A-Za-z'\"*]+)")


def _render(objs, number: int, cmaps: dict[int, dict[bytes, str]], out: list[str]) -> None:
    body, stream = objs[number]
    fonts = {name: cmaps.get(obj, {}) for name, obj in _names(body, b"Font").items()}
    forms = _names(body, b"XObject")
    if stream is None:  # a page: its content streams
        streams = [int(n) for n in re.findall(rb"/Contents\s*\[?\s*((?:\d+ 0 R\s*)+)", body)[0].split()[::3]] \
            if b"/Contents" in body else []
        for s in streams:
            _run(objs[s][1] or b"", fonts, forms, objs, cmaps, out)
    else:
        _run(stream, fonts, forms, objs, cmaps, out)


def _run(content, fonts, forms, objs, cmaps, out) -> None:
    cmap: dict[bytes, str] = {}
    operands: list = []
    in_array = False
    array: list = []
    for match in _TOKEN.finditer(content):
        hexs, name, number, op = match.groups()
        token = match.group(0)
        if token == b"[":
            in_array, array = True, []
        elif token == b"]":
            in_array = False
            operands.append(array)
        elif hexs is not None:
            (array if in_array else operands).append(bytes.fromhex(hexs.decode().replace("\n", "")))
        elif name is not None:
            operands.append(name)
        elif number is not None:
            (array if in_array else operands).append(float(number))
        elif op is not None:
            if op == b"Tf" and len(operands) >= 2 and isinstance(operands[-2], bytes):
                cmap = fonts.get(operands[-2], {})
            elif op in (b"Tj", b"'", b'"') and operands and isinstance(operands[-1], bytes):
                out.append(_decode(operands[-1], cmap))
            elif op == b"TJ" and operands and isinstance(operands[-1], list):
                for item in operands[-1]:
                    if isinstance(item, bytes):
                        out.append(_decode(item, cmap))
                    elif item < -200:
                        out.append(" ")
            elif op in (b"T*", b"BT", b"ET"):  # Skia places each glyph with Td
                out.append(" ")
            elif op == b"Do" and operands and isinstance(operands[-1], bytes):
                form = forms.get(operands[-1])
                if form in objs:
                    _render(objs, form, cmaps, out)
            operands = []


def _decode(code: bytes, cmap: dict[bytes, str]) -> str:
    if not cmap:
        return ""
    width = len(next(iter(cmap)))
    return "".join(cmap.get(code[i:i + width], "") for i in range(0, len(code), width))


def pdf_pages(data: bytes) -> list[str]:
    objs = _objects(data)
    cmaps = {}
    for number, (body, _stream) in objs.items():
        if b"/ToUnicode" in body:
            ref = re.search(rb"/ToUnicode\s+" + _REF, body)
            if ref and objs.get(int(ref.group(1)), (b"", None))[1]:
                cmaps[number] = _cmap(objs[int(ref.group(1))][1])
    root = next(b for b, _ in objs.values() if re.search(rb"/Type\s*/Pages\b", b)
                and b"/Parent" not in b)
    pages: list[int] = []

    def walk(body: bytes) -> None:
        kids = re.search(rb"/Kids\s*\[(.*?)\]", body, re.S)
        for kid in re.findall(_REF, kids.group(1)) if kids else []:
            kid_body = objs[int(kid)][0]
            if re.search(rb"/Type\s*/Pages\b", kid_body):
                walk(kid_body)
            else:
                pages.append(int(kid))

    walk(root)
    texts = []
    for page in pages:
        out: list[str] = []
        _render(objs, page, cmaps, out)
        texts.append(re.sub(r"\s+", " ", "".join(out)).strip())
    return texts
