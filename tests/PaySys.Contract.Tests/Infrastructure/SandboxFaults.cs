using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using PaySys.Client.Sandbox;

namespace PaySys.Contract.Tests.Infrastructure;

/// <summary>
/// The sandbox's fault rules (<c>/_sandbox/faults</c>), which the reference client's SandboxControlClient does not
/// cover: an error rule makes the next calls of one method answer a catalogue error.
/// </summary>
public sealed class SandboxFaults(HttpClient http, string serviceId, string? adminToken)
{
    /// <summary>Makes the next <paramref name="times"/> calls of <paramref name="method"/> answer <paramref name="code"/>; returns the rule's id.</summary>
    public async Task<string> AddErrorAsync(string method, int code, int times = 1)
    {
        using var request = Request(HttpMethod.Post, "faults");
        request.Content = JsonContent.Create(new Dictionary<string, object> { ["method"] = method, ["kind"] = "error", ["code"] = code, ["times"] = times });
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.Should().BeTrue("POST /_sandbox/faults should add the rule: {0}", body);
        using var created = JsonDocument.Parse(body);
        return created.RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>Removes the rule if it is still there (a used-up rule is gone already).</summary>
    public async Task RemoveAsync(string id)
    {
        using var request = Request(HttpMethod.Delete, "faults/" + Uri.EscapeDataString(id));
        using var response = await http.SendAsync(request);
    }

    private HttpRequestMessage Request(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, new Uri(
            string.Create(CultureInfo.InvariantCulture, $"{SandboxControlClient.Prefix}/{path}?service_id={Uri.EscapeDataString(serviceId)}"), UriKind.Relative));
        if (adminToken is not null)
        {
            request.Headers.TryAddWithoutValidation(SandboxControlClient.TokenHeader, adminToken);
        }

        return request;
    }
}
