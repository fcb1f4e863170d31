using System.Security.Cryptography;
using System.Text;
using PaySys.Sandbox.Control;

namespace PaySys.Sandbox.WebConsole;

/// <summary>
/// The console's session: an HttpOnly, SameSite=Strict cookie <c>{nonce}.{mac}</c>. The MAC is keyed by a random
/// per-process key and the admin token, so with <c>PAYSYS_ADMIN_TOKEN</c> set only the login form can issue a valid
/// cookie, a restart or a new token ends every session, and no state is kept. Each form that changes state carries
/// a second MAC of the nonce (the anti-forgery token), which a page of another site can neither read nor guess.
/// </summary>
public static class ConsoleSession
{
    public const string CookieName = "paysys_console";
    public const string AntiForgeryField = "csrf";

    private static readonly byte[] ProcessKey = RandomNumberGenerator.GetBytes(32);

    /// <summary>The session's nonce when the request carries a valid cookie, else null.</summary>
    public static string? Read(HttpRequest request, string? adminToken)
    {
        var cookie = request.Cookies[CookieName];
        var dot = cookie?.IndexOf('.', StringComparison.Ordinal) ?? -1;
        if (cookie is null || dot <= 0)
        {
            return null;
        }

        var nonce = cookie[..dot];
        return Matches(cookie[(dot + 1)..], Mac("session", nonce, adminToken)) ? nonce : null;
    }

    /// <summary>Starts a session: a fresh nonce in a new cookie.</summary>
    public static string Issue(HttpContext http, string? adminToken)
    {
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        http.Response.Cookies.Append(CookieName, $"{nonce}.{Mac("session", nonce, adminToken)}", Options(http));
        return nonce;
    }

    public static void End(HttpContext http) => http.Response.Cookies.Delete(CookieName, Options(http));

    public static string AntiForgeryToken(string nonce, string? adminToken) => Mac("form", nonce, adminToken);

    public static bool AntiForgeryMatches(string? given, string nonce, string? adminToken) =>
        Matches(given ?? "", AntiForgeryToken(nonce, adminToken));

    /// <summary>Whether the request carries the control API's header with the admin token (scripts and tests; no form can send it).</summary>
    public static bool HeaderMatches(HttpRequest request, string adminToken) =>
        request.Headers.ContainsKey(ControlApi.TokenHeader) && TokenMatches(request.Headers[ControlApi.TokenHeader].ToString(), adminToken);

    /// <summary>Whether the typed token is the admin token (the control API's constant-time comparison).</summary>
    public static bool TokenMatches(string? given, string adminToken) => ControlApi.TokenMatches(given, adminToken);

    private static CookieOptions Options(HttpContext http) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = http.Request.IsHttps,
        Path = ConsoleEndpoints.Prefix,
        IsEssential = true,
    };

    private static string Mac(string purpose, string nonce, string? adminToken)
    {
        var key = SHA256.HashData([.. ProcessKey, .. Encoding.UTF8.GetBytes(adminToken ?? "")]);
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{purpose}:{nonce}")));
    }

    private static bool Matches(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));
}
