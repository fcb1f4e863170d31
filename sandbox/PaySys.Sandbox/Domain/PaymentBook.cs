using System.Diagnostics.CodeAnalysis;
using PaySys.Sandbox.Rpc;

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

    public Payment FindByBankTransactionId(long id, string param = "bank_transaction_id") =>
        byBankTransactionId.TryGetValue(id, out var payment) ? payment : throw NotFound(param, id);

    public Payment FindByTransactionId(long id, string param = "transaction_id") =>
        byTransactionId.TryGetValue(id, out var payment) ? payment : throw NotFound(param, id);

    public bool TryFindByTransactionId(long id, [NotNullWhen(true)] out Payment? payment) =>
        byTransactionId.TryGetValue(id, out payment);

    private static RpcException NotFound(string param, long id) =>
        RpcException.ForParam(RpcErrors.TransactionNotFound, param, $"no transaction with {param} {id} in this service");
}
