namespace PaySys.Sandbox.Testing;

/// <summary>How the test process reaches an in-process sandbox.</summary>
public enum SandboxTransport
{
    /// <summary>
    /// Real Kestrel on 127.0.0.1 and a port the OS picks: any client reaches <see cref="PaySysSandbox.Url"/>,
    /// in the test process or not (a browser, a child process, a raw socket).
    /// </summary>
    Loopback,

    /// <summary>
    /// No socket: requests go straight into the server in memory (ASP.NET Core's TestServer), which saves the
    /// loopback round trip. Only the clients the sandbox makes (<see cref="PaySysSandbox.CreateClient()"/>,
    /// <see cref="PaySysSandbox.CreateHttpClient"/>, <see cref="PaySysSandbox.CreateHandler"/>) reach it, and
    /// Kestrel's own limits (header sizes, malformed HTTP) do not apply.
    /// </summary>
    InMemory,
}
