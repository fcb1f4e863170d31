using Docker.DotNet.Models;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;

namespace PaySys.Sandbox.Testing.Containers;

/// <summary>The container's settings, immutable as Testcontainers wants them: what the base holds, plus the host port
/// when the container shares the host's network (<see cref="PaySysBuilder.WithHostNetwork"/>).</summary>
public sealed class PaySysConfiguration : ContainerConfiguration
{
    public PaySysConfiguration(int? hostNetworkPort = null)
    {
        HostNetworkPort = hostNetworkPort;
    }

    public PaySysConfiguration(IResourceConfiguration<CreateContainerParameters> resourceConfiguration)
        : base(resourceConfiguration)
    {
    }

    public PaySysConfiguration(IContainerConfiguration resourceConfiguration)
        : base(resourceConfiguration)
    {
    }

    public PaySysConfiguration(PaySysConfiguration resourceConfiguration)
        : this(new PaySysConfiguration(), resourceConfiguration)
    {
    }

    public PaySysConfiguration(PaySysConfiguration oldValue, PaySysConfiguration newValue)
        : base(oldValue, newValue)
    {
        HostNetworkPort = BuildConfiguration.Combine(oldValue.HostNetworkPort, newValue.HostNetworkPort);
    }

    /// <summary>The loopback port the sandbox listens on inside the host's network namespace; null on a bridge network.</summary>
    public int? HostNetworkPort { get; }
}
