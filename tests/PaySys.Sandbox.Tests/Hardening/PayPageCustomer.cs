using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace PaySys.Sandbox.Tests.Hardening;

/// <summary>A customer on the hosted pay page: posts its forms over HTTP as a browser would, and reads the answers' HTML.</summary>
public sealed partial class PayPageCustomer(HttpClient http)
{
    public Task<string> Pay(string hash, string pan, string expiry, string phone) =>
        Post(hash, "pay", ("card_number", pan), ("card_expire", expiry), ("phone_number", phone));

    public Task<string> Confirm(string hash, string code) => Post(hash, "confirm", ("code", code));

    public Task<string> Cancel(string hash) => Post(hash, "cancel");

    public async Task<string> Show(string hash)
    {
        using var response = await http.GetAsync(new Uri($"/payform?hash={hash}", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, html);
        return html;
    }

    /// <summary>The bank_transaction_id of the attempt whose code form <paramref name="html"/> shows, if it shows one.</summary>
    public static long? Attempt(string html) => Number(AttemptReference().Match(html));

    /// <summary>The transaction_id a paid page names, if the page says paid.</summary>
    public static long? PaidTransaction(string html) => Number(PaidNote().Match(html));

    private async Task<string> Post(string hash, string action, params (string Name, string Value)[] fields)
    {
        var form = new Dictionary<string, string> { ["hash"] = hash, ["action"] = action };
        foreach (var (name, value) in fields)
        {
            form[name] = value;
        }

        using var content = new FormUrlEncodedContent(form);
        using var response = await http.PostAsync(new Uri("/payform", UriKind.Relative), content);
        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, "the pay page answers every form with a page: {0}", html);
        return html;
    }

    private static long? Number(Match match) =>
        match.Success ? long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : null;

    [GeneratedRegex("reference=([0-9]+)")]
    private static partial Regex AttemptReference();

    [GeneratedRegex("""data-testid="paid">Paid\. Transaction ([0-9]+)""")]
    private static partial Regex PaidNote();
}
