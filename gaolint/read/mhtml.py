"""MHTML web archives (.mht, "single file web page"): the page they hold, for the HTML reader.

An archive is a MIME message (RFC 2557): the page, its pictures and styles as parts, each in
its own transfer encoding. Only the first ``text/html`` part is wanted; the standard library's
``email`` parser reads the message and undoes quoted-printable or base64.
"""

from __future__ import annotations

from .base import UnreadableFile


def html_of_archive(data: bytes) -> bytes:
    """The bytes of the archive's first HTML part, decoded from its transfer encoding (its
    character set left to the HTML reader, which also reads the page's own declaration)."""
    import email
    import email.policy

    try:
        message = email.message_from_bytes(data, policy=email.policy.compat32)
        for part in message.walk():
            if part.get_content_type() == "text/html":
                payload = part.get_payload(decode=True)
                if isinstance(payload, bytes):
                    charset = part.get_content_charset()
                    if charset and b"charset" not in payload[:2048].lower():
                        # the page leaves its encoding to the archive's header: say it in the page
                        payload = f'<meta charset="{charset}">'.encode("ascii", "replace") + payload
                    return payload
    except Exception as error:  # noqa: BLE001 - the email parser's errors are many
        raise UnreadableFile(f"MHTML 文件无法解析 / the MHTML archive cannot be parsed: {error}") from None
    raise UnreadableFile("MHTML 文件中没有网页 / no web page in the MHTML archive")
