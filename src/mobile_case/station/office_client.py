"""The office window's client of the station's office API (httpx over HTTPS, the station's certificate
pinned by its SHA-256). Blocking calls: the window runs them in workers (ui/tasks.py), never on the GUI
thread. Failures are :class:`OfficeError` with a Ukrainian message saying what happened and what to do.
"""

from __future__ import annotations

import hashlib
import os
import socket
import ssl
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx

from mobile_case.domain.errors import DomainError

MESSAGES = {
    "login_failed": "Неправильний логін або PIN. Перевірте й спробуйте ще раз.",
    "account_locked": "Забагато невдалих спроб входу. Обліковий запис заблоковано на 15 хвилин.",
    "login_required": "Сеанс роботи завершився. Увійдіть знову.",
    "head_only": "Це може лише керівник Центру. Увійдіть під обліковим записом керівника.",
    "reason_required": "Вкажіть причину відкриття запису (щонайменше 3 символи) — її буде внесено до журналу доступу.",
    "recording_destroyed": "Запис уже знищено: строк його зберігання (3 місяці від дати послуги) минув.",
    "not_found": "Запис не знайдено на станції. Оновіть список.",
    "station_disk_full": "На диску станції закінчилося місце. Звільніть місце на комп'ютері станції.",
}


class OfficeError(DomainError):
    def __init__(self, code: str, user_message: str) -> None:
        super().__init__(f"office request failed: {code}", user_message)
        self.code = code


def _der_of(host: str, port: int) -> bytes:
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE  # only to read the certificate; it is then checked against the pin
    with socket.create_connection((host, port), timeout=10) as sock, ctx.wrap_socket(sock) as tls:
        return tls.getpeercert(binary_form=True)


class OfficeClient:
    def __init__(self, base_url: str, cert_sha256: str, cert_path: Path | None = None, timeout: float = 30) -> None:
        self.base_url = base_url.rstrip("/")
        self.pin = cert_sha256.lower()
        self.cert_path = cert_path
        self.timeout = timeout
        self._http: httpx.Client | None = None
        self.account: dict[str, Any] | None = None

    # --- connection -------------------------------------------------------------------------------
    def _client(self) -> httpx.Client:
        if self._http is not None:
            return self._http
        parts = urlsplit(self.base_url)
        try:
            if self.cert_path is not None and Path(self.cert_path).exists():
                pem = Path(self.cert_path).read_text("ascii")
                der = ssl.PEM_cert_to_DER_cert(pem)
            else:
                der = _der_of(parts.hostname or "localhost", parts.port or 443)
                pem = ssl.DER_cert_to_PEM_cert(der)
        except OSError as exc:
            raise OfficeError("unreachable", self._unreachable()) from exc
        if hashlib.sha256(der).hexdigest() != self.pin:
            raise OfficeError(
                "certificate_changed",
                "Сертифікат станції не збігається із збереженим відбитком. Можливо, це інший комп'ютер або "
                "станцію встановлено заново. Не продовжуйте і зверніться до ІТ-фахівця ЦНАП.",
            )
        ctx = ssl.create_default_context(cadata=pem)
        ctx.check_hostname = False  # the exact certificate is pinned: the host name adds nothing
        self._http = httpx.Client(base_url=self.base_url, verify=ctx, timeout=self.timeout)
        return self._http

    def _unreachable(self) -> str:
        return (
            f"Станція {self.base_url} не відповідає. Перевірте, що її запущено (mobile-case station) "
            "і що комп'ютер у мережі ЦНАП, та спробуйте ще раз."
        )

    def _call(self, method: str, path: str, **kw: Any) -> httpx.Response:
        client = self._client()
        try:
            resp = client.request(method, path, **kw)
        except httpx.HTTPError as exc:
            raise OfficeError("unreachable", self._unreachable()) from exc
        if resp.status_code >= 400:
            try:
                code = resp.json().get("error", "")
            except ValueError:
                code = ""
            raise OfficeError(
                code or str(resp.status_code),
                MESSAGES.get(code, f"Станція відмовила ({resp.status_code}). Спробуйте ще раз; якщо повториться — "
                                   "зверніться до ІТ-фахівця ЦНАП."),
            )
        return resp

    def close(self) -> None:
        if self._http is not None:
            self._http.close()
            self._http = None

    # --- API --------------------------------------------------------------------------------------
    def login(self, login: str, pin: str) -> dict[str, Any]:
        data = self._call("POST", "/api/v1/office/login", json={"login": login, "pin": pin}).json()
        self._client().headers["Authorization"] = f"Bearer {data['token']}"
        self.account = data
        return data

    def logout(self) -> None:
        if self.account is not None:
            try:
                self._call("POST", "/api/v1/office/logout")
            finally:
                self._client().headers.pop("Authorization", None)
                self.account = None

    @property
    def is_head(self) -> bool:
        return bool(self.account and self.account.get("role") == "head")

    def kits(self) -> list[dict[str, Any]]:
        return self._call("GET", "/api/v1/office/kits").json()

    def cases(self, kit_id: str | None = None) -> list[dict[str, Any]]:
        params = {"kit_id": kit_id} if kit_id else None
        return self._call("GET", "/api/v1/office/cases", params=params).json()

    def journal(self, kind: str) -> list[dict[str, Any]]:
        return self._call("GET", f"/api/v1/office/journals/{kind}").json()

    def recordings(self) -> list[dict[str, Any]]:
        return self._call("GET", "/api/v1/office/recordings").json()

    def access_log(self) -> list[dict[str, Any]]:
        return self._call("GET", "/api/v1/office/access-log").json()

    def pair_code(self) -> dict[str, Any]:
        return self._call("POST", "/api/v1/office/pair-codes").json()

    def revoke(self, kit_id: str) -> bool:
        return bool(self._call("POST", f"/api/v1/office/kits/{kit_id}/revoke").json().get("revoked"))

    def open_recording(self, recording_id: str, reason: str, dest_dir: Path) -> Path:
        """Log the access (who, when, why) and decrypt the recording into a private temporary file."""
        opened = self._call("POST", f"/api/v1/office/recordings/{recording_id}/open", json={"reason": reason}).json()
        dest_dir.mkdir(parents=True, exist_ok=True)
        os.chmod(dest_dir, 0o700)
        suffix = ".mkv" if "matroska" in opened.get("mime", "") else ".bin"
        dest = dest_dir / f"{recording_id}{suffix}"
        digest = hashlib.sha256()
        client = self._client()
        try:
            with client.stream("GET", opened["download"]) as resp:
                if resp.status_code != 200:
                    raise OfficeError("not_found", MESSAGES["not_found"])
                fd = os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
                with os.fdopen(fd, "wb") as fh:
                    for piece in resp.iter_bytes(1024 * 1024):
                        digest.update(piece)
                        fh.write(piece)
        except httpx.HTTPError as exc:
            dest.unlink(missing_ok=True)
            raise OfficeError("unreachable", self._unreachable()) from exc
        if digest.hexdigest() != opened.get("sha256"):
            dest.unlink(missing_ok=True)
            raise OfficeError("corrupt", "Запис прийшов пошкодженим (контрольна сума не збігається). Спробуйте ще раз.")
        return dest
