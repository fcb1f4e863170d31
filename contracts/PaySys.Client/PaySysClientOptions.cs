namespace PaySys.Client;

/// <summary>The unit of the timestamp signed into the <c>Auth</c> header.</summary>
public enum PaySysTimestampUnit
{
    /// <summary>Unix milliseconds (13 digits), as the PaySys docs say.</summary>
    Milliseconds,

    /// <summary>Unix seconds (10 digits), as several real clients send.</summary>
    Seconds,
}

/// <summary>Where the gateway is and how to sign for it.</summary>
public sealed class PaySysClientOptions
{
    public const string DefaultEndpoint = "/gateway";

    /// <summary>The gateway's base address, e.g. <c>https://paysys.uz/</c>; when null the HttpClient's BaseAddress is used.</summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>The JSON-RPC endpoint, relative to the base address.</summary>
    public string Endpoint { get; set; } = DefaultEndpoint;

    /// <summary>The merchant's <c>service_id</c>.</summary>
    public string ServiceId { get; set; } = "";

    /// <summary>The merchant's secret key; signs <c>Auth</c> as <c>sha1_hex(secret_key + timestamp)</c>.</summary>
    public string SecretKey { get; set; } = "";

    public PaySysTimestampUnit TimestampUnit { get; set; } = PaySysTimestampUnit.Milliseconds;

    /// <summary>The clock the <c>Auth</c> timestamp is read from.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
