"""PKCS#7 worker for the python-cryptography adapter (adapters/stacks/python-cryptography.ts).

One JSON request per line on stdin, one JSON answer per line on stdout, until stdin closes.
Requests carry an "id" that the answer repeats. Messages and contents travel as base64.

Answers: {"id", "ok": true, ...} or {"id", "ok": false, "kind", "error"} where kind is
"unsupported" (the library raised UnsupportedAlgorithm), "reject" (it refused the message:
ValueError, its parse and decryption failures) or "error" (the worker itself failed, e.g. an
unreadable key file: never the message's fault).
"""

import base64
import json
import sys
import traceback

import cryptography
from cryptography import x509
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.backends.openssl.backend import backend
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.ciphers import algorithms
from cryptography.hazmat.primitives.serialization import pkcs7


class WorkerError(Exception):
    """The worker could not set up the operation (inputs unreadable): not a verdict on the message."""


def b64(data):
    return base64.b64encode(data).decode("ascii")


def load_cert(path):
    try:
        with open(path, "rb") as f:
            return x509.load_pem_x509_certificate(f.read())
    except Exception as e:  # noqa: BLE001 - any failure here is the harness's, not the message's
        raise WorkerError(f"cannot load certificate {path}: {e}") from e


def load_key(path):
    try:
        with open(path, "rb") as f:
            return serialization.load_pem_private_key(f.read(), None)
    except Exception as e:  # noqa: BLE001
        raise WorkerError(f"cannot load private key {path}: {e}") from e


def op_version(_req):
    return {
        "cryptography": cryptography.__version__,
        "openssl": backend.openssl_version_text(),
        "python": sys.version.split()[0],
        "decrypt": hasattr(pkcs7, "pkcs7_decrypt_der"),
        "envelope": hasattr(pkcs7, "PKCS7EnvelopeBuilder"),
    }


def op_decrypt(req):
    if not hasattr(pkcs7, "pkcs7_decrypt_der"):
        raise UnsupportedAlgorithm(f"cryptography {cryptography.__version__} has no pkcs7_decrypt_der (added in 44)")
    cert = load_cert(req["cert"])
    key = load_key(req["key"])
    message = base64.b64decode(req["message"])
    try:
        if req.get("smime"):
            content = pkcs7.pkcs7_decrypt_smime(message, cert, key, [])
        else:
            content = pkcs7.pkcs7_decrypt_der(message, cert, key, [])
    except TypeError as e:
        # cryptography's own statement of a limit, not a verdict on the message: it decrypts
        # with RSA recipient certificates only ("Only certificate with RSA public keys are
        # supported at this time"), so a sample whose recipient holds an EC key is unsupported.
        if "Only certificate with RSA public keys are supported" in str(e):
            raise UnsupportedAlgorithm(str(e)) from e
        raise
    return {"content": b64(content)}


def op_certs(req):
    certs = pkcs7.load_der_pkcs7_certificates(base64.b64decode(req["message"]))
    return {"count": len(certs)}


def op_sign(req):
    cert = load_cert(req["cert"])
    key = load_key(req["key"])
    options = [pkcs7.PKCS7Options.Binary]
    if req.get("detached"):
        options.append(pkcs7.PKCS7Options.DetachedSignature)
    builder = pkcs7.PKCS7SignatureBuilder().set_data(base64.b64decode(req["content"])).add_signer(cert, key, hashes.SHA256())
    return {"der": b64(builder.sign(serialization.Encoding.DER, options))}


CIPHERS = {"aes-128-cbc": algorithms.AES128, "aes-256-cbc": algorithms.AES256}


def op_encrypt(req):
    builder = pkcs7.PKCS7EnvelopeBuilder().set_data(base64.b64decode(req["content"])).add_recipient(load_cert(req["cert"]))
    builder = builder.set_content_encryption_algorithm(CIPHERS[req["cipher"]])
    return {"der": b64(builder.encrypt(serialization.Encoding.DER, [pkcs7.PKCS7Options.Binary]))}


OPS = {"version": op_version, "decrypt": op_decrypt, "certs": op_certs, "sign": op_sign, "encrypt": op_encrypt}


def answer(req):
    rid = req.get("id")
    try:
        return {"id": rid, "ok": True, **OPS[req["op"]](req)}
    except UnsupportedAlgorithm as e:
        return {"id": rid, "ok": False, "kind": "unsupported", "error": str(e)}
    except WorkerError as e:
        return {"id": rid, "ok": False, "kind": "error", "error": str(e)}
    except ValueError as e:
        return {"id": rid, "ok": False, "kind": "reject", "error": f"{type(e).__name__}: {e}"}
    except Exception as e:  # noqa: BLE001 - reported, never a verdict on the message
        tb = traceback.format_exc(limit=3).replace("\n", " | ")
        return {"id": rid, "ok": False, "kind": "error", "error": f"{type(e).__name__}: {e} ({tb})"}


def main():
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            req = json.loads(line)
        except json.JSONDecodeError as e:
            reply = {"id": None, "ok": False, "kind": "error", "error": f"bad request: {e}"}
        else:
            reply = answer(req)
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
