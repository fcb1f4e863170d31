using PaySys.Client;

namespace PaySys.Contract.Tests.Infrastructure;

/// <summary>The steps several tests share, each through the target's validated client.</summary>
public sealed class Journeys(ContractTarget target)
{
    /// <summary>A product name of its own, so a test finds its payments among everyone else's on a shared gateway.</summary>
    public static string NewProduct() => "contract-" + Guid.NewGuid().ToString("N")[..12];

    public PreparePaymentRequest Order(long amount, string? product = null) => new()
    {
        CardNumber = target.Card.Number,
        CardExpire = target.Card.Expire,
        PhoneNumber = target.Card.Phone,
        Amount = amount,
        VendorId = target.VendorId,
        Product = product ?? NewProduct(),
    };

    public TokenPaymentRequest TokenOrder(string cardId, long amount) => new()
    {
        CardId = cardId,
        PhoneNumber = target.Card.Phone,
        Amount = amount,
        VendorId = target.VendorId,
        Product = NewProduct(),
    };

    /// <summary>pam.prepare_payment then pam.confirm_payment with the SMS code.</summary>
    public async Task<(PreparedPayment Prepared, PaymentResult Paid)> PayAsync(PreparePaymentRequest order)
    {
        var prepared = await target.Client.PreparePaymentAsync(order);
        var paid = await target.Client.ConfirmPaymentAsync(prepared.BankTransactionId, await target.CodeAsync(prepared.BankTransactionId));
        return (prepared, paid);
    }

    /// <summary>A completed payment of <paramref name="amount"/> tiyin.</summary>
    public async Task<PaymentDetails> PaidAsync(long amount, string? product = null) => (await PayAsync(Order(amount, product))).Paid.Details;

    /// <summary>paysys.card_registration then paysys.card_confirm: the card's id and token.</summary>
    public async Task<(string CardId, string Token)> RegisteredCardAsync()
    {
        var registration = await target.Client.RegisterCardAsync(new RegisterCardRequest(target.Card.Number, target.Card.Expire, target.Card.Phone));
        var confirmation = await target.Client.ConfirmCardAsync(registration.Id, await target.CodeAsync(registration.Id));
        confirmation.CardToken.Should().NotBeNullOrEmpty("the card was registered with its own phone, so it can pay by token");
        return (registration.Id, confirmation.CardToken!);
    }
}
