"""The kernels that execute the notebooks at build time talk to the build over
local TCP. Left as is, each kernel warns "Kernel is running over TCP without
encryption" (ipykernel 7). jupyter_client can give each kernel CurveZMQ keys
(``KernelManager.transport_encryption = "auto"``, for kernels whose spec says
they support it, as ipykernel's does); this module points nbconvert, which
mkdocs-jupyter runs, at a config file that asks for that.
"""
from __future__ import annotations

import os
from pathlib import Path

CONFIG_DIR = Path(__file__).parent / "jupyter_config"  # holds jupyter_nbconvert_config.json


def encrypt_kernel_transport() -> bool:
    """Add our config folder to JUPYTER_CONFIG_PATH (once) if pyzmq can encrypt; True if it did."""
    import zmq

    if not zmq.has("curve"):  # "auto" would refuse to start a kernel
        return False
    paths = [p for p in os.environ.get("JUPYTER_CONFIG_PATH", "").split(os.pathsep) if p]
    if str(CONFIG_DIR) not in paths:
        os.environ["JUPYTER_CONFIG_PATH"] = os.pathsep.join([str(CONFIG_DIR), *paths])
    return True
