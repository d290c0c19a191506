"""tests/servers.py: a test server's stderr goes to a file that a failure can quote."""

import pytest

from tests.servers import free_port, server_log, start_streamlit, stop_streamlit, wait_healthy


def test_a_server_that_cannot_start_says_why_from_its_log():
    """The server's stderr is a file, not a pipe (a pipe nobody reads blocks a server once
    it is full): wait_healthy quotes it when the server exits, and stop_streamlit closes it."""
    proc = start_streamlit(free_port(), "--server.noSuchOption", "1")
    with pytest.raises(RuntimeError, match="noSuchOption"):
        wait_healthy(f"http://127.0.0.1:{free_port()}", proc, timeout=60)
    assert "noSuchOption" in server_log(proc)
    stop_streamlit(proc)
    assert proc.log.closed and server_log(proc) == ""
