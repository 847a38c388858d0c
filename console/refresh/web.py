"""A publishing URL as a source: httpx with timeouts, retries, resumable downloads.

The bearer token comes from $FPA_TOKEN alone and is only ever put in a request header.
TLS is verified; a private CA bundle comes from the caller or $FPA_CA_BUNDLE.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import ssl
import time
from collections.abc import Callable, Iterator
from typing import TypeVar

import httpx

from console.refresh.model import CA_ENV, TOKEN_ENV, RefreshError
from console.refresh.sources import Fetched, Sink
from console.refresh.state import Validators
from console.snapshots import MANIFEST, ManifestEntry, SnapshotError, parse_manifest

BACKOFF = 0.2  # seconds before the first retry; doubled before each next one
T = TypeVar("T")


class _Transient(Exception):
    """A failure worth another attempt: no connection, a timeout, a broken body, a 5xx."""


class HttpSource:
    """A folder URL: URL/manifest.json and URL/<file>."""

    def __init__(self, base: str, *, timeout: float, retries: int,
                 ca_bundle: str | None) -> None:
        self.name = base
        self._timeout = timeout
        self._retries = retries
        self._client = httpx.Client(timeout=httpx.Timeout(timeout), verify=_tls(ca_bundle),
                                    headers=_authorisation(), follow_redirects=True)

    def where(self, file: str) -> str:
        """The URL of a listed file."""
        return f"{self.name}/{file}"

    def manifest(self, validators: Validators | None) -> Fetched | None:
        """The listed snapshots, asked conditionally; None on 304 Not Modified."""
        url = self.where(MANIFEST)
        conditions = validators.headers() if validators else {}
        response = self._retrying(url, lambda: self._get(url, conditions))
        if response.status_code == 304:
            return None
        try:
            payload = json.loads(response.content)
        except ValueError as error:
            raise RefreshError(f"{url}: not JSON ({error})") from None
        try:
            entries = parse_manifest(payload, url)
        except SnapshotError as error:
            raise RefreshError(str(error)) from None
        headers = response.headers
        return Fetched(entries, Validators(headers.get("etag"), headers.get("last-modified")))

    def fetch(self, entry: ManifestEntry, sink: Sink) -> None:
        """Stream one listed file into `sink`, resuming with a Range request after a break."""
        url = self.where(entry.file)
        self._retrying(url, lambda: self._receive_all(url, entry, sink))

    def close(self) -> None:
        """Close the connection pool."""
        self._client.close()

    def _get(self, url: str, conditions: dict[str, str]) -> httpx.Response:
        with self._errors(url):
            response = self._client.get(url, headers=conditions)
        if not (conditions and response.status_code == 304):
            _check_status(url, response)
        return response

    def _receive_all(self, url: str, entry: ManifestEntry, sink: Sink) -> None:
        try:
            self._receive(url, sink)
        except _Transient:
            if sink.size == entry.bytes:
                return  # every listed byte arrived before the break: the checksum decides
            raise

    def _receive(self, url: str, sink: Sink) -> None:
        headers = {"Accept-Encoding": "identity"}  # ranges count stored bytes, not gzip's
        if sink.size:
            headers["Range"] = f"bytes={sink.size}-"
        with self._errors(url), self._client.stream("GET", url, headers=headers) as response:
            _check_status(url, response)
            if sink.size and not _resumes(response, sink.size):
                sink.restart()
            for chunk in response.iter_bytes():
                sink.write(chunk)

    def _retrying(self, url: str, attempt: Callable[[], T]) -> T:
        tries = 0
        while True:
            tries += 1
            try:
                return attempt()
            except _Transient as error:
                if tries > self._retries:
                    after = f" ({tries} attempts)" if tries > 1 else ""
                    raise RefreshError(f"{url}: {error}{after}") from None
            time.sleep(BACKOFF * 2 ** (tries - 1))

    @contextlib.contextmanager
    def _errors(self, url: str) -> Iterator[None]:
        """httpx's exceptions as a retryable reason or a RefreshError naming the URL."""
        try:
            yield
        except httpx.TimeoutException:
            raise _Transient(f"timed out after {self._timeout:g} s") from None
        except httpx.ConnectError as error:
            raise _Transient(f"cannot connect ({_said(error)})") from None
        except httpx.TransportError as error:
            raise _Transient(f"connection broken ({_said(error)})") from None
        except (httpx.HTTPError, httpx.InvalidURL) as error:
            raise RefreshError(f"{url}: {_said(error)}") from None


def _check_status(url: str, response: httpx.Response) -> None:
    code = response.status_code
    if code < 300:
        return
    reason = f"HTTP {code} {response.reason_phrase}".rstrip()
    if code >= 500:
        raise _Transient(reason)
    raise RefreshError(f"{url}: {reason}")


def _resumes(response: httpx.Response, offset: int) -> bool:
    """Whether the server answered a Range request with the bytes from `offset` on."""
    return (response.status_code == 206
            and response.headers.get("content-range", "").startswith(f"bytes {offset}-"))


def _said(error: Exception) -> str:
    return str(error) or type(error).__name__


def _authorisation() -> dict[str, str]:
    token = os.environ.get(TOKEN_ENV)
    return {"Authorization": f"Bearer {token}"} if token else {}


@functools.cache
def _default_tls() -> ssl.SSLContext:
    """httpx's own default (certifi), built once: it costs ~50 ms each time."""
    return httpx.create_ssl_context()


def _tls(ca_bundle: str | None) -> ssl.SSLContext:
    bundle = ca_bundle or os.environ.get(CA_ENV)
    if not bundle:
        return _default_tls()
    try:
        return ssl.create_default_context(cafile=bundle)
    except (OSError, ssl.SSLError) as error:
        raise RefreshError(f"{bundle}: not a usable CA bundle ({error})") from None
