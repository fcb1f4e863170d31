namespace PaySys.Sandbox.Testing.Tests;

/// <summary>
/// A test that needs a Docker daemon (DOCKER_HOST, or /var/run/docker.sock). Without one it is skipped with the
/// reason shown, unless PAYSYS_REQUIRE_DOCKER=1 (as docker/test-image.sh and .ci/run set), which makes a missing
/// daemon a failure.
/// </summary>
public sealed class DockerFactAttribute : FactAttribute
{
    public const string RequireDockerVariable = "PAYSYS_REQUIRE_DOCKER";
    public const string DefaultSocket = "/var/run/docker.sock";

    public DockerFactAttribute()
    {
        if (!DaemonConfigured && !DockerRequired)
        {
            Skip = $"no Docker daemon: DOCKER_HOST is unset and {DefaultSocket} is missing. docker/test-image.sh runs this test " +
                $"against the image it builds; with {RequireDockerVariable}=1 a missing daemon fails instead";
        }
    }

    public static bool DaemonConfigured =>
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOCKER_HOST")) || File.Exists(DefaultSocket);

    public static bool DockerRequired => Environment.GetEnvironmentVariable(RequireDockerVariable) == "1";
}
