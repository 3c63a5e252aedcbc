"""The build gives each local image its width and height (image_sizes), read from the file."""
from __future__ import annotations

import struct
import zlib

import pytest

from place_for_research.builder.image_sizes import add_sizes, size_of


def png(width: int, height: int) -> bytes:
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + header
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + chunk + struct.pack(">I", zlib.crc32(chunk))


def jpeg(width: int, height: int) -> bytes:
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00" + bytes(9)
    sof0 = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + bytes(3)
    return b"\xff\xd8" + app0 + sof0 + b"\xff\xd9"


@pytest.mark.parametrize("name, content, size", [
    ("box.svg", b'<?xml version="1.0"?>\n<!-- art -->\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 800 220">', (800, 220)),
    ("sized.svg", b'<svg width="640px" height="360" viewBox="0 0 10 10">', (640, 360)),
    ("percent.svg", b'<svg width="100%" height="100%" viewBox="-5 -5 300.4 150">', (300, 150)),
    ("photo.png", png(1200, 675), (1200, 675)),
    ("anim.gif", b"GIF89a" + struct.pack("<HH", 320, 200) + bytes(8), (320, 200)),
    ("photo.jpg", jpeg(1024, 768), (1024, 768)),
])
def test_the_size_is_read_from_the_file(tmp_path, name, content, size):
    (tmp_path / name).write_bytes(content)
    assert size_of(tmp_path / name) == size


def test_a_file_that_does_not_say_gives_no_size(tmp_path):
    (tmp_path / "plain.svg").write_bytes(b'<svg xmlns="http://www.w3.org/2000/svg"><circle r="4"/></svg>')
    (tmp_path / "notes.txt").write_bytes(b"not an image")
    assert size_of(tmp_path / "plain.svg") is None
    assert size_of(tmp_path / "notes.txt") is None


def test_local_images_get_their_size_others_are_left_alone(tmp_path):
    (tmp_path / "art.svg").write_bytes(b'<svg viewBox="0 0 800 220">')
    files = {"assets/art.svg": str(tmp_path / "art.svg")}
    page = ('<p><img alt="A" src="../../assets/art.svg" /></p>'
            '<img src="../../assets/art.svg" width="50">'
            '<img src="https://example.org/x.png">'
            '<img src="../../assets/missing.svg">')
    out = add_sizes(page, "notebooks/toy/", files.get)
    assert out == ('<p><img alt="A" src="../../assets/art.svg" width="800" height="220"/></p>'
                   '<img src="../../assets/art.svg" width="50">'
                   '<img src="https://example.org/x.png">'
                   '<img src="../../assets/missing.svg">')
    assert add_sizes('<img src="assets/art.svg">', "", files.get) == '<img src="assets/art.svg" width="800" height="220">'
