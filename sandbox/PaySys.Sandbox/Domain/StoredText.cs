using PaySys.Sandbox.Contracts;

namespace PaySys.Sandbox.Domain;

/// <summary>
/// The longest text the sandbox stores in each field it takes from a caller, so that a tenant's stores (capped in
/// items by <see cref="TenantLimits"/>) are capped in bytes too. The gateway's text params stop at 255 characters
/// (64 for a payout's account and wallet, 32 for a code) before they reach the domain; the control API's card fields
/// are checked here. Longer text is refused with a message naming the field and its maximum, and nothing is stored.
/// </summary>
public static class StoredText
{
    public const int MaxCardHolder = 128;

    public const int MaxCardDescription = 512;

    public const int MaxCardUsername = 64;

    /// <summary>The card's texts, checked before it is stored.</summary>
    public static void EnsureFits(CardSpec spec)
    {
        EnsureFits("holder", spec.Holder, MaxCardHolder);
        EnsureFits("description", spec.Description, MaxCardDescription);
        EnsureFits("username", spec.Username, MaxCardUsername);
    }

    public static void EnsureFits(string field, string? text, int max)
    {
        if (text is not null && text.Length > max)
        {
            throw new Refusal(Reasons.MissingParameters,
                $"{field} is {text.Length} characters long; the sandbox stores at most {max}");
        }
    }
}
