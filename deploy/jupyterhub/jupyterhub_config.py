"""JupyterHub for a small cohort on one machine: each learner logs in with their own account on it,
gets a JupyterLab server running as that account, and pulls the course into their home with an
nbgitpuller link (see README.md, "A cohort on JupyterHub", and deploy/jupyterhub/README.md).

Run it with the Python of an environment that holds the course (non-editable), jupyterhub and
nbgitpuller, readable by every learner (not a venv under a private home such as /root):

    sudo /opt/cmo-course/venv/bin/python -m jupyterhub -f deploy/jupyterhub/jupyterhub_config.py

Environment variables (all optional) tune it:

    CMO_HUB_BIND_URL      where the hub listens (default http://127.0.0.1:8000; put a TLS proxy
                          in front of it, or bind_url https with ssl_cert/ssl_key, for a real cohort)
    CMO_HUB_LEARNERS      comma-separated accounts allowed to log in (default: none but the admins)
    CMO_HUB_ADMINS        comma-separated admin accounts (the instructor)
    CMO_HUB_KERNEL_IDLE_S a kernel idle this long is shut down (default 1200 s)
    CMO_HUB_SERVER_IDLE_S a learner's server idle this long is stopped by jupyterhub-idle-culler,
                          when it is installed (default 3600 s); their files stay in their home
"""

import os
import shutil
import sys
from importlib.util import find_spec

c = get_config()  # noqa: F821 (traitlets defines it for config files)


def _names(var: str) -> set[str]:
    return {name.strip() for name in os.environ.get(var, "").split(",") if name.strip()}


# Where the hub listens; the hub's internal API and the learners' servers stay on loopback.
c.JupyterHub.bind_url = os.environ.get("CMO_HUB_BIND_URL", "http://127.0.0.1:8000")
c.JupyterHub.hub_ip = "127.0.0.1"

# Who may log in: local accounts (PAM, JupyterHub's default authenticator).
c.Authenticator.allowed_users = _names("CMO_HUB_LEARNERS")
c.Authenticator.admin_users = _names("CMO_HUB_ADMINS")

# Each learner's server runs as their own account, in their home, from this same environment
# (sys.executable: the Python running the hub), so the course package, JupyterLab, nbgitpuller and
# the course's settings and save policy (installed with the package) are the same for everyone.
c.JupyterHub.spawner_class = "localprocess"
c.Spawner.cmd = [sys.executable, "-m", "jupyterhub.singleuser"]
c.Spawner.ip = "127.0.0.1"
c.Spawner.default_url = "/lab"
c.Spawner.notebook_dir = "~"
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
# Only these variables pass from the hub's environment to a learner's server: no CMO_COURSE_*
# (an instructor's CMO_COURSE_PROGRESS_DB or CMO_COURSE_ROOT would send every learner's answers
# to one file, or every learner to one course folder), no proxy or hub secrets. Each learner's
# progress goes to their own ~/.local/share/cmo-course/progress.sqlite.
c.Spawner.env_keep = ["PATH", "LANG", "LC_ALL", "JUPYTERHUB_SINGLEUSER_APP"]
c.Spawner.environment = {
    "PATH": os.pathsep.join([os.path.dirname(sys.executable), "/usr/local/bin", "/usr/bin", "/bin"])
}

# Kernel culling inside each server: an idle kernel is shut down (memory back to the machine);
# the learner's files and saved answers are untouched, Run All starts a new kernel.
kernel_idle = int(os.environ.get("CMO_HUB_KERNEL_IDLE_S", "1200"))
c.Spawner.args = [
    f"--MappingKernelManager.cull_idle_timeout={kernel_idle}",
    "--MappingKernelManager.cull_interval=120",
    "--MappingKernelManager.cull_connected=True",
]

# Server culling: jupyterhub-idle-culler stops a learner's whole server after an idle spell.
if find_spec("jupyterhub_idle_culler") is not None:
    server_idle = int(os.environ.get("CMO_HUB_SERVER_IDLE_S", "3600"))
    c.JupyterHub.services = [
        {"name": "idle-culler", "command": [sys.executable, "-m", "jupyterhub_idle_culler", f"--timeout={server_idle}"]}
    ]
    c.JupyterHub.load_roles = [
        {
            "name": "idle-culler",
            "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
            "services": ["idle-culler"],
        }
    ]

# The proxy: configurable-http-proxy from npm (npm install -g configurable-http-proxy, or the
# course's own `npm ci`, which puts it in node_modules/.bin).
_here = os.path.dirname(os.path.abspath(__file__))
_local_proxy = os.path.join(_here, "..", "..", "node_modules", ".bin", "configurable-http-proxy")
if shutil.which("configurable-http-proxy") is None and os.path.exists(_local_proxy):
    c.ConfigurableHTTPProxy.command = [os.path.abspath(_local_proxy)]
