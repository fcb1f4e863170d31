namespace PaySys.Sandbox.Hosting;

/// <summary>Where the sandbox listens: --urls / --port on the command line, then PAYSYS_URLS, then ASPNETCORE_URLS, then :8080.</summary>
public static class ListenAddress
{
    public const string Default = "http://0.0.0.0:8080";

    public static string Resolve(string[] args, string? paysysUrls, string? aspNetCoreUrls)
    {
        for (var i = 0; i < args.Length; i++)
        {
            var (name, value) = SplitArgument(args, i);
            if (value is null)
            {
                continue;
            }

            if (name == "--urls")
            {
                return value;
            }

            if (name == "--port" && int.TryParse(value, out var port) && port is > 0 and < 65536)
            {
                return $"http://0.0.0.0:{port}";
            }
        }

        if (!string.IsNullOrWhiteSpace(paysysUrls))
        {
            return paysysUrls;
        }

        return string.IsNullOrWhiteSpace(aspNetCoreUrls) ? Default : aspNetCoreUrls;
    }

    private static (string Name, string? Value) SplitArgument(string[] args, int index)
    {
        var arg = args[index];
        var equals = arg.IndexOf('=', StringComparison.Ordinal);
        if (equals > 0)
        {
            return (arg[..equals], arg[(equals + 1)..]);
        }

        return (arg, index + 1 < args.Length ? args[index + 1] : null);
    }
}
