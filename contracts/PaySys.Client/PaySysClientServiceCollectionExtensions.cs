using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace PaySys.Client;

public static class PaySysClientServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="PaySysClient"/> as a typed client of <see cref="IHttpClientFactory"/>, configured by
    /// <paramref name="configure"/>. The returned builder adds handlers, resilience and so on.
    /// </summary>
    public static IHttpClientBuilder AddPaySysClient(this IServiceCollection services, Action<PaySysClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);

        services.AddOptions<PaySysClientOptions>().Configure(configure);
        return services
            .AddHttpClient(nameof(PaySysClient), (provider, http) =>
            {
                if (provider.GetRequiredService<IOptions<PaySysClientOptions>>().Value.BaseAddress is { } baseAddress)
                {
                    http.BaseAddress = baseAddress;
                }
            })
            .AddTypedClient((http, provider) => new PaySysClient(http, provider.GetRequiredService<IOptions<PaySysClientOptions>>().Value));
    }
}
