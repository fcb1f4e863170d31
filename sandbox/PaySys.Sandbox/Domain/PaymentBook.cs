using System.Diagnostics.CodeAnalysis;
using PaySys.Sandbox.Contracts;

namespace PaySys.Sandbox.Domain;

/// <summary>A tenant's transactions, findable by either of their numbers.</summary>
public sealed class PaymentBook
{
    private readonly List<Payment> inOrder = [];
    private readonly Dictionary<long, Payment> byBankTransactionId = [];
    private readonly Dictionary<long, Payment> byTransactionId = [];

    public IReadOnlyList<Payment> All => inOrder;

    public void Add(Payment payment)
    {
        inOrder.Add(payment);
        byBankTransactionId.Add(payment.BankTransactionId, payment);
        byTransactionId.Add(payment.TransactionId, payment);
    }

    public Payment FindByBankTransactionId(long id) =>
        byBankTransactionId.TryGetValue(id, out var payment) ? payment : throw NotFound(Subject.BankTransaction, id);

    public Payment FindByTransactionId(long id) =>
        byTransactionId.TryGetValue(id, out var payment) ? payment : throw NotFound(Subject.Transaction, id);

    public bool TryFindByTransactionId(long id, [NotNullWhen(true)] out Payment? payment) =>
        byTransactionId.TryGetValue(id, out payment);

    private static Refusal NotFound(Subject number, long id) =>
        new(Reasons.TransactionNotFound, number, name => $"no transaction with {name(number)} {id} in this service");
}
