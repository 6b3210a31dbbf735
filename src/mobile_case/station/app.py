"""The station's HTTP API (FastAPI): health, pairing, tus 1.0.0 uploads under ``/files/``, package commits,
and the office API for the head. The logic is in :mod:`mobile_case.station.core`; this module translates
requests and refusals (``{"error": code, "detail": …}``, see docs/design/sync-contract.md).
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import contextlib
import hashlib
import logging
import os
from collections.abc import AsyncIterator
from datetime import UTC, date
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, JSONResponse, Response, StreamingResponse
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect

from mobile_case.station.core import Account, Station, iso_z
from mobile_case.station.errors import ApiError
from mobile_case.sync import protocol

log = logging.getLogger(__name__)

TUS_VERSION = "1.0.0"
TUS_EXTENSIONS = "creation,checksum,termination,expiration"
CHECKSUMS = {"sha1": hashlib.sha1, "sha256": hashlib.sha256}


def _path_with_query(request: Request) -> str:
    raw = request.scope.get("raw_path")
    path = raw.decode("latin-1") if raw else request.url.path
    query = request.scope.get("query_string", b"")
    return f"{path}?{query.decode('latin-1')}" if query else path


def _tus_headers(extra: dict[str, str] | None = None) -> dict[str, str]:
    return {"Tus-Resumable": TUS_VERSION, "Cache-Control": "no-store", **(extra or {})}


def _http_date(moment) -> str:  # noqa: ANN001 — an aware datetime
    from email.utils import format_datetime

    return format_datetime(moment.astimezone(UTC), usegmt=True)


def create_app(station: Station) -> FastAPI:
    upload_locks: dict[str, asyncio.Lock] = {}

    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        task = None
        if station.config.housekeeping_hours > 0:
            task = asyncio.create_task(_housekeeping_timer(station))
        try:
            yield
        finally:
            if task:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task

    app = FastAPI(title="Mobile case — CNAP station", version="1", lifespan=lifespan, docs_url=None, redoc_url=None)
    app.state.station = station

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> JSONResponse:
        headers = dict(exc.headers)
        if request.url.path.startswith("/files"):
            headers.update(_tus_headers())
        return JSONResponse(exc.body(), status_code=exc.status, headers=headers)

    async def kit_auth(request: Request):  # noqa: ANN202
        return await run_in_threadpool(
            station.authenticate, request.headers.get("authorization"), request.method, _path_with_query(request)
        )

    async def signed_body(request: Request) -> tuple[str, bytes]:
        auth = await kit_auth(request)
        body = await request.body()
        auth.verify(hashlib.sha256(body).hexdigest())
        return auth.kit_id, body

    def office_account(request: Request) -> Account:
        header = request.headers.get("authorization") or ""
        token = header[7:].strip() if header.lower().startswith("bearer ") else None
        return station.account_for_token(token)

    # --- health and pairing -------------------------------------------------------------------------
    @app.get("/api/v1/health")
    async def health() -> dict[str, Any]:
        from mobile_case.station.store import now_utc

        return {"status": "ok", "station_id": station.identity.station_id, "time": iso_z(now_utc())}

    @app.post("/api/v1/pair")
    async def pair(request: Request) -> dict[str, Any]:
        try:
            doc = await request.json()
        except ValueError:
            raise ApiError(400, "bad_request", "a JSON body is expected") from None
        return await run_in_threadpool(station.pair, doc)

    # --- tus ----------------------------------------------------------------------------------------
    @app.options("/files/")
    @app.options("/files/{upload_id}")
    async def tus_options(upload_id: str | None = None) -> Response:
        return Response(
            status_code=204,
            headers=_tus_headers(
                {
                    "Tus-Version": TUS_VERSION,
                    "Tus-Extension": TUS_EXTENSIONS,
                    "Tus-Max-Size": str(station.config.max_upload),
                    "Tus-Checksum-Algorithm": ",".join(CHECKSUMS),
                }
            ),
        )

    def check_tus_version(request: Request) -> None:
        if request.headers.get("tus-resumable") != TUS_VERSION:
            raise ApiError(412, "tus_version", "Tus-Resumable: 1.0.0 is required", {"Tus-Version": TUS_VERSION})

    @app.post("/files/")
    @app.post("/files")
    async def tus_create(request: Request) -> Response:
        check_tus_version(request)
        kit_id, _body = await signed_body(request)
        if request.headers.get("upload-defer-length"):
            raise ApiError(400, "bad_request", "Upload-Defer-Length is not supported")
        try:
            length = int(request.headers["upload-length"])
        except (KeyError, ValueError):
            raise ApiError(400, "bad_request", "Upload-Length is required") from None
        try:
            meta = protocol.parse_tus_metadata(request.headers.get("upload-metadata"))
        except protocol.ProtocolError:
            raise ApiError(400, "bad_request", "Upload-Metadata is malformed") from None
        created = await run_in_threadpool(station.create_upload, kit_id, length, meta)
        return Response(
            status_code=201,
            headers=_tus_headers(
                {
                    "Location": f"/files/{created['upload_id']}",
                    "Upload-Expires": _http_date(created["expires_at"]),
                    "Upload-Offset": "0",
                }
            ),
        )

    @app.head("/files/{upload_id}")
    async def tus_head(upload_id: str, request: Request) -> Response:
        check_tus_version(request)
        kit_id, _ = await signed_body(request)
        row = await run_in_threadpool(station.get_upload, upload_id, kit_id)
        headers = {"Upload-Offset": str(row.offset), "Upload-Length": str(row.length)}
        if row.completed_at is None:
            from mobile_case.station.store import aware

            headers["Upload-Expires"] = _http_date(aware(row.expires_at))
        return Response(status_code=200, headers=_tus_headers(headers))

    @app.delete("/files/{upload_id}")
    async def tus_delete(upload_id: str, request: Request) -> Response:
        check_tus_version(request)
        kit_id, _ = await signed_body(request)
        await run_in_threadpool(station.delete_upload, upload_id, kit_id)
        return Response(status_code=204, headers=_tus_headers())

    @app.patch("/files/{upload_id}")
    async def tus_patch(upload_id: str, request: Request) -> Response:
        check_tus_version(request)
        if request.headers.get("content-type") != "application/offset+octet-stream":
            raise ApiError(415, "bad_content_type", "Content-Type must be application/offset+octet-stream")
        auth = await kit_auth(request)
        checksum = None
        if request.headers.get("upload-checksum"):
            algo, _, value = request.headers["upload-checksum"].strip().partition(" ")
            if algo not in CHECKSUMS:
                raise ApiError(400, "checksum_unsupported", f"checksum algorithm {algo} is not supported")
            try:
                checksum = (algo, base64.b64decode(value.strip(), validate=True))
            except (binascii.Error, ValueError):
                raise ApiError(400, "bad_request", "Upload-Checksum is malformed") from None
        try:
            client_offset = int(request.headers["upload-offset"])
        except (KeyError, ValueError):
            raise ApiError(400, "bad_request", "Upload-Offset is required") from None
        lock = upload_locks.setdefault(upload_id, asyncio.Lock())
        try:
            await asyncio.wait_for(lock.acquire(), timeout=30)
        except TimeoutError:
            raise ApiError(423, "upload_locked", "another request is writing this upload") from None
        try:
            row = await run_in_threadpool(station.get_upload, upload_id, auth.kit_id)
            if client_offset != row.offset:
                raise ApiError(409, "offset_mismatch", f"Upload-Offset must be {row.offset}",
                               {"Upload-Offset": str(row.offset)})
            await run_in_threadpool(station.cut_to_durable, row)
            return await _receive(station, request, row, auth, checksum)
        finally:
            lock.release()

    # --- commit -------------------------------------------------------------------------------------
    @app.post("/api/v1/packages/{package_id}/commit")
    async def commit(package_id: str, request: Request) -> dict[str, Any]:
        kit_id, body = await signed_body(request)
        try:
            import json

            envelope = json.loads(body)
        except ValueError:
            raise ApiError(422, "package_tampered", "the envelope is not JSON") from None
        return await run_in_threadpool(
            station.commit, kit_id, package_id, request.headers.get("idempotency-key"), envelope
        )

    # --- office -------------------------------------------------------------------------------------
    @app.post("/api/v1/office/login")
    async def office_login(request: Request) -> dict[str, Any]:
        try:
            doc = await request.json()
            login, pin = str(doc["login"]), str(doc["pin"])
        except (ValueError, KeyError, TypeError):
            raise ApiError(400, "bad_request", "login and pin are required") from None
        return await run_in_threadpool(station.login, login, pin)

    @app.post("/api/v1/office/logout")
    async def office_logout(request: Request) -> Response:
        office_account(request)
        await run_in_threadpool(station.logout, request.headers["authorization"][7:].strip())
        return Response(status_code=204)

    @app.get("/api/v1/office/me")
    async def office_me(request: Request) -> dict[str, Any]:
        account = await run_in_threadpool(office_account, request)
        return {"login": account.login, "name": account.name, "role": account.role}

    @app.get("/api/v1/office/kits")
    async def office_kits(request: Request) -> list[dict[str, Any]]:
        await run_in_threadpool(office_account, request)
        return await run_in_threadpool(station.list_kits)

    @app.post("/api/v1/office/kits/{kit_id}/revoke")
    async def office_revoke(kit_id: str, request: Request) -> dict[str, Any]:
        account = await run_in_threadpool(office_account, request)
        if not account.is_head:
            raise ApiError(403, "head_only", "only the head may revoke a kit")
        return {"revoked": await run_in_threadpool(station.revoke, kit_id)}

    @app.post("/api/v1/office/pair-codes")
    async def office_pair_code(request: Request) -> dict[str, Any]:
        account = await run_in_threadpool(office_account, request)
        if not account.is_head:
            raise ApiError(403, "head_only", "only the head may pair a kit")
        host = (station.config.hosts or [request.url.hostname or "localhost"])[0]
        code = await run_in_threadpool(station.new_pair_code, host, request.url.port or 443)
        return {"code": code.full, "host": code.host, "port": code.port, "secret": code.secret,
                "cert_sha256": code.cert_sha256, "expires_at": iso_z(code.expires_at)}

    @app.get("/api/v1/office/cases")
    async def office_cases(request: Request, kit_id: str | None = None) -> list[dict[str, Any]]:
        await run_in_threadpool(office_account, request)
        return await run_in_threadpool(station.list_cases, kit_id)

    @app.get("/api/v1/office/journals/{kind}")
    async def office_journal(kind: str, request: Request, day_from: date | None = None,
                             day_to: date | None = None) -> list[dict[str, Any]]:
        await run_in_threadpool(office_account, request)
        return await run_in_threadpool(station.journal, kind, day_from, day_to)

    @app.get("/api/v1/office/documents/{sha256}")
    async def office_document(sha256: str, request: Request) -> FileResponse:
        await run_in_threadpool(office_account, request)
        path = station.document_path(sha256)
        if not path.exists():
            raise ApiError(404, "not_found", "no such document")
        return FileResponse(path, media_type="application/octet-stream")

    @app.get("/api/v1/office/recordings")
    async def office_recordings(request: Request, include_destroyed: bool = False) -> list[dict[str, Any]]:
        account = await run_in_threadpool(office_account, request)
        return await run_in_threadpool(station.list_recordings, account, include_destroyed)

    @app.post("/api/v1/office/recordings/{recording_id}/open")
    async def office_open(recording_id: str, request: Request) -> dict[str, Any]:
        account = await run_in_threadpool(office_account, request)
        try:
            reason = str((await request.json()).get("reason") or "")
        except (ValueError, AttributeError):
            reason = ""
        return await run_in_threadpool(station.open_recording, account, recording_id, reason)

    @app.get("/api/v1/office/downloads/{token}")
    async def office_download(token: str, request: Request) -> StreamingResponse:
        account = await run_in_threadpool(office_account, request)
        rec, path = await run_in_threadpool(station.download, account, token)
        return StreamingResponse(
            station.decrypt_recording(rec, path),
            media_type=rec.mime,
            headers={"Content-Length": str(rec.size), "X-Content-SHA256": rec.sha256, "Cache-Control": "no-store"},
        )

    @app.get("/api/v1/office/access-log")
    async def office_access_log(request: Request) -> list[dict[str, Any]]:
        account = await run_in_threadpool(office_account, request)
        return await run_in_threadpool(station.access_log, account)

    @app.get("/api/v1/office/retention")
    async def office_retention(request: Request) -> list[dict[str, Any]]:
        account = await run_in_threadpool(office_account, request)
        if not account.is_head:
            raise ApiError(403, "head_only", "only the head may see the retention log")
        return await run_in_threadpool(station.retention_log)

    return app


async def _receive(station: Station, request: Request, row: Any, auth: Any, checksum: Any) -> Response:
    """Stream one PATCH body to the upload's file: nothing is kept unless the whole chunk arrived, its
    signature and checksum verify, and it is on disk (fsync) — then the durable offset moves."""
    path = station.upload_path(row.upload_id)
    start = row.offset
    body_hash = hashlib.sha256()
    check_hash = CHECKSUMS[checksum[0]]() if checksum else None
    received = 0
    declared = request.headers.get("content-length")
    if declared is not None and start + int(declared) > row.length:
        raise ApiError(413, "upload_exceeds_length", "the chunk goes past Upload-Length")
    fh = open(path, "r+b")  # noqa: SIM115 — closed in finally
    keep = False
    try:
        fh.seek(start)
        try:
            async for piece in request.stream():
                if not piece:
                    continue
                received += len(piece)
                if start + received > row.length:
                    raise ApiError(413, "upload_exceeds_length", "the chunk goes past Upload-Length")
                fh.write(piece)
                body_hash.update(piece)
                if check_hash is not None:
                    check_hash.update(piece)
        except ClientDisconnect:
            log.info("upload %s: connection cut after %d bytes of a chunk (discarded)", row.upload_id, received)
            return Response(status_code=400)
        except OSError as exc:
            if exc.errno in (28, 122):  # ENOSPC, EDQUOT
                raise ApiError(507, "station_disk_full", "the station's disk is full",
                               {"Upload-Offset": str(start)}) from exc
            raise
        auth.verify(body_hash.hexdigest())
        if check_hash is not None and check_hash.digest() != checksum[1]:
            raise ApiError(460, "checksum_mismatch", "Upload-Checksum does not match the chunk",
                           {"Upload-Offset": str(start)})
        try:
            await run_in_threadpool(_flush, fh)
        except OSError as exc:
            if exc.errno in (28, 122):
                raise ApiError(507, "station_disk_full", "the station's disk is full") from exc
            raise
        keep = True
    finally:
        if not keep:
            fh.truncate(start)
        fh.close()
    offset = start + received
    await run_in_threadpool(station.set_offset, row.upload_id, offset, offset == row.length)
    return Response(status_code=204, headers=_tus_headers({"Upload-Offset": str(offset)}))


def _flush(fh) -> None:  # noqa: ANN001
    fh.flush()
    os.fsync(fh.fileno())


async def _housekeeping_timer(station: Station) -> None:
    """Retention, expired uploads and old nonces: at start and then every ``housekeeping_hours``."""
    while True:
        try:
            await run_in_threadpool(station.housekeeping)
        except Exception:  # the timer must survive one failed run; the next run retries
            log.exception("housekeeping failed")
        await asyncio.sleep(station.config.housekeeping_hours * 3600)
