using PaySys.Sandbox.Contracts;

namespace PaySys.Sandbox.Domain;

/// <summary>A tenant's magic-card accounts and the cards registered against them.</summary>
public sealed class CardWallet
{
    private readonly Dictionary<string, CardAccount> accountsByPan = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RegisteredCard> cardsById = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RegisteredCard> cardsByPan = new(StringComparer.Ordinal);

    private readonly TenantLimits limits;

    public CardWallet(IEnumerable<CardSpec> catalogue, TenantLimits limits)
    {
        this.limits = limits;
        foreach (var spec in catalogue)
        {
            Put(spec);
        }
    }

    public IReadOnlyCollection<CardAccount> Accounts => accountsByPan.Values;

    /// <summary>The cards registered so far (confirmed or not), for the console.</summary>
    public IEnumerable<RegisteredCard> Registered => cardsById.Values;

    /// <summary>
    /// Adds a card to the catalogue; an existing PAN is replaced in place: fresh details and balance, same
    /// registrations, and its open holds and unfinished payments carried (refusing would stop a test from, say,
    /// blocking a card while a hold is open, and a second account would leave them settling against a card no view shows).
    /// </summary>
    public CardAccount AddOrReplace(CardSpec spec)
    {
        StoredText.EnsureFits(spec);
        if (!accountsByPan.ContainsKey(spec.Pan))
        {
            limits.EnsureRoomForCard(accountsByPan.Count);
        }

        return Put(spec);
    }

    private CardAccount Put(CardSpec spec)
    {
        if (!CardBehaviours.TryParse(spec.Behaviour, out var behaviour))
        {
            throw new ArgumentException($"unknown behaviour '{spec.Behaviour}'; use one of {string.Join(", ", CardBehaviours.AllNames)}");
        }

        if (accountsByPan.TryGetValue(spec.Pan, out var existing))
        {
            existing.Replace(spec, behaviour);
            return existing;
        }

        var account = new CardAccount(spec, behaviour);
        accountsByPan[spec.Pan] = account;
        return account;
    }

    public CardAccount FindAccount(string pan) =>
        accountsByPan.TryGetValue(pan, out var account)
            ? account
            : throw new Refusal(Reasons.CardInfoFailed, Subject.CardNumber, _ => $"card {CardMasking.MaskPan(pan)} is not in the sandbox's card catalogue (GET /_sandbox/cards)");

    /// <summary>The card's registration, created on first registration; the id stays the same on every re-registration.</summary>
    public RegisteredCard Register(CardAccount account)
    {
        if (!cardsByPan.TryGetValue(account.Pan, out var card))
        {
            card = new RegisteredCard(SandboxIds.NewCardId(), account);
            cardsByPan[account.Pan] = card;
            cardsById[card.CardId] = card;
        }

        return card;
    }

    /// <summary>A registration as a snapshot kept it, under its own id.</summary>
    public RegisteredCard Adopt(string cardId, CardAccount account)
    {
        var card = new RegisteredCard(cardId, account);
        cardsByPan[account.Pan] = card;
        cardsById[cardId] = card;
        return card;
    }

    public RegisteredCard FindRegistered(string cardId) =>
        cardsById.TryGetValue(cardId, out var card)
            ? card
            : throw new Refusal(Reasons.CardNotRegistered, Subject.RegisteredCard, name => $"{name(Subject.RegisteredCard)} is not a card registered with this service");

    public RegisteredCard FindConfirmed(string cardId)
    {
        var card = FindRegistered(cardId);
        return card.Confirmed
            ? card
            : throw new Refusal(Reasons.CardNotRegistered, "the card's registration was never confirmed with paysys.card_confirm", Subject.RegisteredCard);
    }
}
